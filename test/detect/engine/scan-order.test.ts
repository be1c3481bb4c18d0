/**
 * A scan's port-43 probe in either order. A connection to 43/tcp of unknown outcome (WFP 5156 "permitted", a
 * firewall's "pass") from a source that probes ≥ 15 ports of the same host is a scan probe whether the other
 * ports come before it or after it: the detector holds such a hit for the scan window (held-probes.ts).
 *
 * The port orders are real: test/detect/fixtures/captures/nmap-connect-scan-lo.pcap.gz was recorded on loopback
 * with tcpdump (client SYNs only) around `whois -h 127.0.0.1 -p 43 example.com`, `nmap -sT -p 1-1000 127.0.0.1`
 * (nmap put 43 at the 898th place), `nmap -sT -p 30-60 127.0.0.1` (43 third) and `whois -h 127.0.0.1 -p 43
 * example.org`, a small Python WHOIS server listening on 127.0.0.1:43; the `.syns.tsv` beside it is tshark's
 * reading of it (`tshark -r … -T fields -e frame.time_relative -e tcp.srcport -e tcp.dstport`). Each SYN is
 * rendered as a Security 5156 event (JSON and XML) and as a pfSense filterlog `pass` line, the loopback ends
 * mapped onto a scanning workstation, a lookup workstation and one external WHOIS host.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { createDetector } from "../../../src/detect/engine/detector.js";
import { jsonLinesToXml } from "../../../src/detect/eval/render-winxml.js";
import type { Alert, ConnEvent } from "../../../src/detect/types.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { NMAP_CONNECT_SCAN_PCAP, lookups, scan1000, scan30to60, syns, type Syn } from "../fixtures/captures/nmap-scan.js";
import { A, B, NMAP_DEVICE, WHOIS_DEVICE, jsonl, wfp } from "../winxml/events.js";

const T0 = Date.UTC(2026, 11, 6, 9, 30, 0);
const SERVER = "192.0.32.59";


const distinctOrder = (s: readonly Syn[]) => [...new Set(s.map((x) => x.dstPort))];

/** One SYN as a 5156 event of `host` (the scanner A runs nmap, B runs whois). */
const as5156 = (s: Syn, host: typeof A, app: string) => wfp(5156, T0 + s.t, host.name, app, "out", [host.ip, s.srcPort], [SERVER, s.dstPort], 5200);
/** One SYN as pfSense filterlog's `pass` (pfSense "Filter Log Format": CSV after `filterlog[PID]:`, IPv4 TCP). */
function asPfsense(s: Syn, ip: string): string {
  const d = new Date(T0 + s.t);
  const stamp = `Dec  6 ${d.toISOString().slice(11, 19)}`;
  return `${stamp} pfSense filterlog[61452]: 5,,,1000000103,igb1,match,pass,out,4,0x0,,64,12345,0,DF,6,tcp,60,${ip},${SERVER},${s.srcPort},${s.dstPort},0,S,2731514917,,64240,,mss;sackOK;TS;nop;wscale`;
}

const t1596 = (alerts: Alert[]) => alerts.filter((a) => a.technique?.startsWith("T1596") === true || a.ruleId.startsWith("whois"));

describe("the capture's real port orders", () => {
  it("tshark's order matches the capture read by our pcap reader; 43 came late in one scan and third in the other", async () => {
    expect(distinctOrder(scan1000)).toHaveLength(1000);
    expect(distinctOrder(scan30to60)).toHaveLength(31);
    expect(distinctOrder(scan1000).indexOf(43)).toBeGreaterThan(15);
    expect(distinctOrder(scan30to60).indexOf(43)).toBeLessThan(15);
    const { events } = await readAll(NMAP_CONNECT_SCAN_PCAP);
    const conns = events.filter((e): e is ConnEvent => e.kind === "conn");
    expect(conns.map((c) => c.dstPort)).toEqual(syns.map((s) => s.dstPort));
  });
});

describe("a scan's port-43 probe in either order", () => {
  const renderings: { name: string; file: (scan: readonly Syn[], withLookups: boolean) => string }[] = [
    { name: "5156 JSON", file: (scan, withLookups) => tempFile(`scan-${scan.length}-${withLookups}.jsonl`, jsonl([...scan.map((s) => as5156(s, A, NMAP_DEVICE)), ...(withLookups ? lookups.map((s) => as5156(s, B, WHOIS_DEVICE)) : [])].sort(byTime))) },
    { name: "5156 XML", file: (scan, withLookups) => tempFile(`scan-${scan.length}-${withLookups}.xml`, jsonLinesToXml(jsonl([...scan.map((s) => as5156(s, A, NMAP_DEVICE)), ...(withLookups ? lookups.map((s) => as5156(s, B, WHOIS_DEVICE)) : [])].sort(byTime)), "event-viewer")) },
    { name: "pfSense pass", file: (scan, withLookups) => tempFile(`scan-${scan.length}-${withLookups}.log`, `${[...scan.map((s) => [s.t, asPfsense(s, A.ip)] as const), ...(withLookups ? lookups.map((s) => [s.t, asPfsense(s, B.ip)] as const) : [])].sort((x, y) => x[0] - y[0]).map((x) => x[1]).join("\n")}\n`) },
  ];

  for (const r of renderings) {
    for (const [name, scan] of [["nmap -sT -p 1-1000 (43 late)", scan1000], ["nmap -sT -p 30-60 (43 third)", scan30to60]] as const) {
      it(`${r.name}, ${name}: no WHOIS alert from the scan; the real whois lookups beside it still alert`, async () => {
        const alone = await detectFiles([r.file(scan, false)]);
        expect(alone.stats[0]?.malformed).toBe(0);
        expect(t1596(alone.alerts)).toEqual([]);
        const mixed = await detectFiles([r.file(scan, true)]);
        const found = t1596(mixed.alerts);
        expect(found.length).toBeGreaterThan(0);
        for (const a of found) expect(a.source.ip).toBe(B.ip);
        // Reported with their own time, not the release's.
        expect(Math.min(...found.map((a) => a.timestamp))).toBe(T0 + Math.floor(lookups[0]!.t));
      });
    }
  }
});

const byTime = (a: unknown, b: unknown) => time(a) - time(b);
function time(o: unknown): number {
  return Date.parse(((o as { Event: { System: { TimeCreated: { "#attributes": { SystemTime: string } } } } }).Event.System.TimeCreated["#attributes"].SystemTime));
}

describe("the hold itself", () => {
  const conn = (ts: number, src: string, dstPort: number, state = "pass"): ConnEvent => ({ kind: "conn", ts, src, srcPort: 40_000 + dstPort, dst: SERVER, dstPort, proto: "tcp", state, format: "pfsense-filterlog", evidence: { file: "f", line: dstPort, text: `pass ${dstPort}` } });

  it("43 first, then 20 more ports within the window: dropped; then only 10 more: reported, with its own timestamp", () => {
    const scanned = createDetector();
    scanned.push(conn(T0, "10.0.0.5", 43));
    for (let p = 1; p <= 20; p++) scanned.push(conn(T0 + p * 10, "10.0.0.5", 1000 + p));
    expect(scanned.finish()).toEqual([]);

    const few = createDetector();
    few.push(conn(T0, "10.0.0.5", 43));
    for (let p = 1; p <= 10; p++) few.push(conn(T0 + p * 10, "10.0.0.5", 1000 + p));
    const alerts = few.finish();
    expect(alerts.map((a) => [a.ruleId, a.timestamp])).toEqual([["whois-port43-egress", T0]]);
  });

  it("the real 30-60 scan (43 third) feeds the port-scan indicator: the scanner's own lookup elsewhere correlates with it, the scanned host's 43 stays silent", () => {
    const d = createDetector();
    for (const s of scan30to60) d.push(conn(T0 + s.t, "10.0.0.5", s.dstPort));
    d.push({ ...conn(T0 + 60_000, "10.0.0.5", 43), dst: "199.7.50.10", srcPort: 51_999 });
    const alerts = d.finish();
    expect(alerts.map((a) => a.ruleId).sort()).toEqual(["whois-correlated-port-scan", "whois-port43-egress"]);
    expect(alerts.find((a) => a.ruleId === "whois-port43-egress")?.destination?.ip).toBe("199.7.50.10");
  });

  it("the scan must follow within the window: 20 ports an hour later do not silence the lookup", () => {
    const d = createDetector();
    d.push(conn(T0, "10.0.0.5", 43));
    for (let p = 1; p <= 20; p++) d.push(conn(T0 + 3_600_000 + p * 10, "10.0.0.5", 1000 + p));
    expect(d.finish().map((a) => a.ruleId)).toEqual(["whois-port43-egress"]);
  });

  it("streaming: a held hit is emitted when the event clock passes the window, before the end of input", () => {
    const seen: Alert[] = [];
    const d = createDetector({ onAlert: (a) => seen.push(a) });
    d.push(conn(T0, "10.0.0.5", 43));
    expect(seen).toEqual([]);
    d.push(conn(T0 + 11 * 60_000, "10.0.0.99", 443, "pass"));
    expect(seen.map((a) => [a.ruleId, a.timestamp])).toEqual([["whois-port43-egress", T0]]);
    d.finish();
  });

  it("bounded: 20,000 held probes from distinct sources keep at most the cap; the overflow is reported, never lost", () => {
    const d = createDetector({ maxAlerts: 1_000_000 });
    for (let i = 0; i < 20_000; i++) d.push(conn(T0 + i, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 43));
    expect(d.finish().filter((a) => a.ruleId === "whois-port43-egress")).toHaveLength(20_000);
  });
});
