/**
 * Issue #13 (w24): Suricata EVE `flow` events without a `tcp` object. Suricata writes that object only when its
 * TCP logging saw flags (and an eve-log config may leave it out); what is always there is the flow object of the
 * EVE documentation ("Event type: Flow", docs.suricata.io/en/latest/output/eve/eve-json-format.html):
 * pkts_toserver, pkts_toclient, bytes_toserver, bytes_toclient, start, end, age, state (new / established /
 * closed), reason (timeout / forced / shutdown), alerted. A closed or timed-out flow whose server sent nothing,
 * or only a RST or a SYN-ACK, carried no answered request: a probe, never a lookup.
 *
 * The port order is the real one of test/detect/fixtures/captures (nmap -sT -p 1-1000 on loopback, 43 at the
 * 898th place, between two real whois lookups; README there), rendered as the EVE flow lines Suricata writes
 * for each connection: a closed port answers the SYN with a RST (one packet each way), the open 43 with a
 * SYN-ACK the scanner ACKs and resets (three out, one back), a lookup carries its query and answer.
 */
import { describe, expect, it } from "vitest";
import { isAttemptOnly } from "../../../src/detect/engine/conn-outcome.js";
import { detectFiles } from "../../../src/detect/engine/index.js";
import type { Alert, ConnEvent } from "../../../src/detect/types.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { lookups, scan1000, type Syn } from "../fixtures/captures/nmap-scan.js";

const T0 = Date.UTC(2026, 11, 6, 9, 30, 0);
const SCANNER = "10.0.0.66";
const SCANNED = "198.51.100.43";
const OTHER_WHOIS = "199.7.50.10";

interface Counters { pktsOut: number; pktsBack: number; bytesOut: number; bytesBack: number; state: string; reason: string }
const RST_ANSWER: Counters = { pktsOut: 1, pktsBack: 1, bytesOut: 74, bytesBack: 54, state: "closed", reason: "timeout" };
const OPEN_PORT_PROBE: Counters = { pktsOut: 3, pktsBack: 1, bytesOut: 194, bytesBack: 74, state: "closed", reason: "timeout" };
const NO_ANSWER: Counters = { pktsOut: 2, pktsBack: 0, bytesOut: 148, bytesBack: 0, state: "closed", reason: "timeout" };
const LOOKUP: Counters = { pktsOut: 6, pktsBack: 5, bytesOut: 426, bytesBack: 1890, state: "closed", reason: "timeout" };

let flowId = 1_000_000;
/** One EVE flow line as Suricata logs it at the flow's timeout, without the `tcp` object. */
function flowLine(ts: number, src: string, srcPort: number, dst: string, dstPort: number, c: Counters): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "000+0000");
  return JSON.stringify({
    timestamp: iso(ts + 60_000), flow_id: flowId++, in_iface: "ens192", event_type: "flow", src_ip: src, src_port: srcPort, dest_ip: dst, dest_port: dstPort,
    proto: "TCP", flow: { pkts_toserver: c.pktsOut, pkts_toclient: c.pktsBack, bytes_toserver: c.bytesOut, bytes_toclient: c.bytesBack, start: iso(ts), end: iso(ts + 1), age: 0, state: c.state, reason: c.reason, alerted: false },
  });
}

const scanLines = (scan: readonly Syn[]) => scan.map((s) => [s.t, flowLine(T0 + s.t, SCANNER, s.srcPort, SCANNED, s.dstPort, s.dstPort === 43 ? OPEN_PORT_PROBE : RST_ANSWER)] as const);
const file = (name: string, rows: (readonly [number, string])[]) => tempFile(name, `${[...rows].sort((a, b) => a[0] - b[0]).map((r) => r[1]).join("\n")}\n`);
const t1596 = (alerts: Alert[]) => alerts.filter((a) => a.ruleId.startsWith("whois") && a.ruleId !== "whois-correlated-port-scan");

describe("Suricata EVE flows without a tcp object", () => {
  it("every connection of the nmap scan, 43 among them, reads as an attempt; a flow with payload both ways does not", async () => {
    const { events, stats } = await readAll(file("eve-scan.json", scanLines(scan1000)));
    expect(stats.malformed).toBe(0);
    const conns = events.filter((e): e is ConnEvent => e.kind === "conn");
    expect(conns).toHaveLength(1000);
    expect(conns.filter((c) => !isAttemptOnly(c)).map((c) => c.dstPort)).toEqual([]);
    const lookup = (await readAll(file("eve-lookup.json", [[0, flowLine(T0, "10.0.0.9", 40_001, SCANNED, 43, LOOKUP)]]))).events[0] as ConnEvent;
    expect(isAttemptOnly(lookup)).toBe(false);
  });

  it("the scan alone is no T1596 alert; the real lookups beside it are", async () => {
    const alone = await detectFiles([file("eve-scan-alone.json", scanLines(scan1000))]);
    expect(t1596(alone.alerts)).toEqual([]);
    const withLookups = [...scanLines(scan1000), ...lookups.map((s) => [s.t, flowLine(T0 + s.t, "10.0.0.9", s.srcPort, SCANNED, 43, LOOKUP)] as const)];
    const mixed = await detectFiles([file("eve-scan-lookups.json", withLookups)]);
    const found = t1596(mixed.alerts);
    expect(found.map((a) => a.ruleId)).toEqual(["whois-port43-egress"]);
    expect(found[0]?.source.ip).toBe("10.0.0.9");
  });

  it("the scan is port-scan evidence: the scanner's own lookup elsewhere correlates with it", async () => {
    const later = T0 + scan1000.at(-1)!.t + 30_000;
    const rows = [...scanLines(scan1000), [later - T0, flowLine(later, SCANNER, 51_999, OTHER_WHOIS, 43, LOOKUP)] as const];
    const { alerts } = await detectFiles([file("eve-scan-then-lookup.json", rows)]);
    expect([...new Set(alerts.map((a) => a.ruleId))].sort()).toEqual(["whois-correlated-port-scan", "whois-port43-egress"]);
    expect(alerts.find((a) => a.ruleId === "whois-port43-egress")?.destination?.ip).toBe(OTHER_WHOIS);
    expect(alerts.find((a) => a.ruleId === "whois-correlated-port-scan")?.evidence.length).toBeGreaterThan(0);
  });

  it("a sweep of 43/tcp over a network (one port per host, so no port scan of one host holds it) raises nothing", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i * 40, flowLine(T0 + i * 40, SCANNER, 45_000 + i, `198.51.100.${10 + i}`, 43, i % 2 === 0 ? RST_ANSWER : NO_ANSWER)] as const);
    const { alerts, stats } = await detectFiles([file("eve-sweep-43.json", rows)]);
    expect(stats[0]).toMatchObject({ events: 12, malformed: 0 });
    expect(t1596(alerts)).toEqual([]);
  });
});
