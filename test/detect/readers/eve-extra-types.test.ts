/**
 * w23 (issue #13): an EVE stream as a sensor writes it, with every event type on — stats, alert, anomaly,
 * fileinfo, quic beside flow/dns/tls — and offsets other than Z (Suricata writes `+0100`). HTTP/3 reaches RDAP
 * services behind CDNs (rdap.org, …) over QUIC, whose handshake names the server as TLS does: Suricata 7's EVE
 * "Event type: QUIC" carries it as `quic.sni`. Before, those lines were skipped and the lookup went unseen.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { readAll, tempFile } from "./helpers.js";

const line = (o: object) => JSON.stringify(o);
const T = (s: number) => `2026-12-07T10:00:0${s}.000000+0100`;
const EVE = [
  line({ timestamp: T(0), event_type: "stats", stats: { uptime: 10 } }),
  line({ timestamp: T(1), flow_id: 2, event_type: "alert", src_ip: "10.0.0.9", src_port: 50000, dest_ip: "192.0.47.59", dest_port: 43, proto: "TCP", alert: { signature: "ET POLICY x" } }),
  line({ timestamp: T(2), flow_id: 3, event_type: "anomaly", src_ip: "10.0.0.9", dest_ip: "192.0.47.59", anomaly: { type: "stream" } }),
  line({ timestamp: T(5), flow_id: 6, event_type: "quic", src_ip: "10.0.0.9", src_port: 50002, dest_ip: "104.18.1.1", dest_port: 443, proto: "UDP", quic: { version: "1", sni: "rdap.org", ua: "Chrome/120" } }),
  line({ timestamp: T(6), flow_id: 7, event_type: "quic", src_ip: "10.0.0.9", src_port: 50003, dest_ip: "104.18.1.2", dest_port: 443, proto: "UDP", quic: { version: "1" } }),
  line({ timestamp: T(7), flow_id: 8, event_type: "fileinfo", src_ip: "10.0.0.9", dest_ip: "192.0.47.59", fileinfo: { filename: "/x" } }),
  "not json at all",
].join("\n");

describe("Suricata EVE with every event type on", () => {
  it("quic with an SNI is read as a TLS server name; stats, alert, anomaly, fileinfo and a quic without SNI are skipped; the broken line is malformed", async () => {
    const { events, stats } = await readAll(tempFile("eve-all-types.json", `${EVE}\n`));
    expect(events.map((e) => [e.kind, e.src, e.ts, e.kind === "tls" ? e.sni : undefined])).toEqual([["tls", "10.0.0.9", Date.UTC(2026, 11, 7, 9, 0, 5), "rdap.org"]]);
    expect(stats).toMatchObject({ format: "suricata-eve", lines: 7, events: 1, skipped: 5, malformed: 1 });
  });

  it("the HTTP/3 lookup of rdap.org alerts as an RDAP endpoint contact by 10.0.0.9", async () => {
    const { alerts } = await detectFiles([tempFile("eve-quic.json", `${EVE}\n`)]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip, a.destination?.domain])).toEqual([["whois-rdap-endpoint", "10.0.0.9", "rdap.org"]]);
  });
});
