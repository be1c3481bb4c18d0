/**
 * The w17 eval:detect renderings of Security 5156/5157 and DNS Client 3006/3008 (render-winnet.ts), JSON and prefixed
 * XML: a hand-made world with one port-43 lookup, one ordinary HTTPS connection and one ordinary DNS question. The
 * renderer's own background (a vulnerability scanner's permitted connect scan of 1,000 ports of a public address,
 * 43 third; the internet's blocked inbound noise) must raise nothing; the lookup must alert, in both encodings.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { emptyWorld, type Flow } from "../../../src/detect/eval/model.js";
import { Rng } from "../../../src/detect/eval/prng.js";
import { renderWindowsNetwork } from "../../../src/detect/eval/render-winnet.js";
import { jsonLinesToXml } from "../../../src/detect/eval/render-winxml.js";
import { readAll, tempFile } from "../readers/helpers.js";

const T0 = Date.UTC(2026, 2, 3, 8, 0, 0);
const flow = (ts: number, src: string, dst: string, dport: number, proto: "tcp" | "udp" = "tcp"): Flow =>
  ({ uid: "", ts, src, sport: 50_000 + dport, dst, dport, proto, durationMs: 200, origBytes: 20, respBytes: 900, state: "SF" });

function world() {
  const w = emptyWorld(T0, T0 + 3_600_000);
  w.flows.push(flow(T0 + 600_000, "10.0.5.7", "192.0.32.59", 43), flow(T0 + 900_000, "10.0.8.9", "142.250.74.100", 443));
  w.dns.push({ ts: T0 + 599_000, flow: flow(T0 + 599_000, "10.0.5.7", "10.0.0.53", 53, "udp"), qname: "whois.iana.org", qtype: "A", rcode: "NOERROR", answers: ["192.0.32.59"] },
    { ts: T0 + 899_000, flow: flow(T0 + 899_000, "10.0.8.9", "10.0.0.53", 53, "udp"), qname: "www.google.com", qtype: "A", rcode: "NOERROR", answers: ["142.250.74.100"] });
  return w;
}

describe("eval:detect Windows network renderings", () => {
  const jsonl = renderWindowsNetwork(world(), new Rng(7));
  for (const [name, text] of [["winnet-evtx", jsonl], ["winnet-xml", jsonLinesToXml(jsonl, "prefixed")]] as const) {
    it(`${name}: the lookup alerts on its host; the scanner's 1,000-port sweep (43 third), blocked inbound noise and ordinary names raise nothing`, async () => {
      const file = tempFile(`${name}.${name.endsWith("xml") ? "xml" : "jsonl"}`, text);
      const { events, stats } = await readAll(file);
      expect(stats.format).toBe(name.endsWith("xml") ? "windows-xml" : "windows-event");
      expect(stats.malformed).toBe(0);
      const conns = events.filter((e) => e.kind === "conn");
      expect(conns.filter((e) => e.kind === "conn" && e.state === "blocked").length).toBeGreaterThan(0);
      expect(conns.filter((e) => e.src === "10.0.250.10" && e.kind === "conn" && e.dstPort === 43)).toHaveLength(1);
      expect(events.filter((e) => e.kind === "dns").map((e) => (e.kind === "dns" ? e.query : ""))).toEqual(["whois.iana.org", "www.google.com"]);
      const { alerts } = await detectFiles([file]);
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts) expect([a.source.ip, a.source.host]).toEqual(["10.0.5.7", "PC-5-7.corp.example"]);
    });
  }
});
