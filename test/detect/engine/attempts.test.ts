/**
 * Issue #13 item 2 in logs: a connection attempt is not a lookup. Zeek conn (TSV with `history` only,
 * JSON with `orig_bytes`), Suricata EVE flows (the `tcp` object), firewall verdicts and WHOIS sessions
 * holding a scanner's probe: none is a T1596 alert by itself, yet the failed ones still feed the
 * port-scan correlation. Written in each tool's own layout (Zeek and Suricata documentation).
 */
import { describe, expect, it } from "vitest";
import { isAttemptOnly } from "../../../src/detect/engine/conn-outcome.js";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { scannerProbe } from "../../../src/detect/probes.js";
import { tempFile } from "../readers/helpers.js";
import { T0, conn, ids, run, whois } from "./events.js";

const TS = 1764932400;
const ZEEK_TSV_HEAD = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn", "#open\t2025-12-05-11-00-00",
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory",
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tstring\tbool\tbool\tcount\tstring"];
/** One Zeek conn row without orig_bytes (a site that trimmed the field list): `history` decides. */
const tsvRow = (i: number, port: number, state: string, history: string) =>
  [`${TS + i}.000001`, `C${i}`, "10.0.0.66", String(40000 + i), "198.51.100.43", String(port), "tcp", "-", "-", state, "T", "F", "0", history].join("\t");

describe("a connection attempt is not a lookup (logs)", () => {
  it("Zeek conn TSV: S0, REJ, RSTO/SF/OTH without a D in history are attempts; SF with data is a lookup", async () => {
    const attempts = [tsvRow(1, 43, "S0", "S"), tsvRow(2, 43, "REJ", "Sr"), tsvRow(3, 43, "RSTO", "ShAR"), tsvRow(4, 43, "SF", "ShAFf"),
      tsvRow(5, 43, "OTH", "a"), tsvRow(6, 43, "RSTOS0", "SR"), tsvRow(7, 43, "SH", "SF")];
    const quiet = await detectFiles([tempFile("attempts-conn.log", [...ZEEK_TSV_HEAD, ...attempts, ""].join("\n"))]);
    expect(quiet.stats[0]).toMatchObject({ events: 7, malformed: 0 });
    expect(quiet.alerts).toEqual([]);
    const lookup = await detectFiles([tempFile("lookup-conn.log", [...ZEEK_TSV_HEAD, tsvRow(8, 43, "SF", "ShADadFf"), ""].join("\n"))]);
    expect(ids(lookup.alerts)).toEqual(["whois-port43-egress"]);
  });

  it("Zeek conn JSON: orig_bytes 0 is no request even in state SF; orig_bytes 13 is", async () => {
    const row = (i: number, state: string, bytes: number) => JSON.stringify({ ts: TS + i, uid: `J${i}`, "id.orig_h": "10.0.0.67", "id.orig_p": 41000 + i,
      "id.resp_h": "198.51.100.43", "id.resp_p": 43, proto: "tcp", conn_state: state, orig_bytes: bytes, resp_bytes: 0, history: "ShAFf" });
    const quiet = await detectFiles([tempFile("attempts-conn.json", `${row(1, "SF", 0)}\n${row(2, "RSTO", 0)}\n`)]);
    expect(quiet.alerts).toEqual([]);
    const lookup = await detectFiles([tempFile("lookup-conn.json", `${row(3, "SF", 13)}\n`)]);
    expect(ids(lookup.alerts)).toEqual(["whois-port43-egress"]);
  });

  it("Suricata EVE flows: state new, no SYN from the server, no PSH to it are attempts; a pushed request is a lookup", async () => {
    const flow = (i: number, state: string, tcp: Record<string, unknown>) => JSON.stringify({
      timestamp: `2025-12-05T11:00:0${i}.000000+0000`, flow_id: 1000 + i, in_iface: "eth0", event_type: "flow", src_ip: "10.0.0.68", src_port: 42000 + i,
      dest_ip: "198.51.100.43", dest_port: 43, proto: "TCP",
      flow: { pkts_toserver: 2, pkts_toclient: 1, bytes_toserver: 128, bytes_toclient: 60, start: "2025-12-05T11:00:00.000000+0000", end: "2025-12-05T11:00:00.001000+0000", age: 0, state, reason: "timeout", alerted: false },
      tcp,
    });
    const attempts = [
      flow(1, "new", { tcp_flags: "02", tcp_flags_ts: "02", tcp_flags_tc: "00", syn: true, state: "syn_sent" }), // unanswered SYN
      flow(2, "closed", { tcp_flags: "16", tcp_flags_ts: "02", tcp_flags_tc: "14", syn: true, rst: true, ack: true, state: "closed" }), // RST answer
      flow(3, "closed", { tcp_flags: "16", tcp_flags_ts: "16", tcp_flags_tc: "12", syn: true, rst: true, ack: true, state: "closed" }), // connect scan
      flow(4, "closed", { tcp_flags: "16", syn: true, rst: true, ack: true, state: "closed" }), // union only, no PSH either way
    ];
    const quiet = await detectFiles([tempFile("attempts-eve.json", `${attempts.join("\n")}\n`)]);
    expect(quiet.stats[0]).toMatchObject({ events: 4, malformed: 0 });
    expect(quiet.alerts).toEqual([]);
    const lookup = await detectFiles([tempFile("lookup-eve.json", `${flow(5, "closed", { tcp_flags: "1b", tcp_flags_ts: "1b", tcp_flags_tc: "1b", syn: true, fin: true, psh: true, ack: true, state: "closed" })}\n`)]);
    expect(ids(lookup.alerts)).toEqual(["whois-port43-egress"]);
  });

  it("firewall verdicts that block the connection are attempts", () => {
    for (const state of ["DROP", "deny", "REJECT", "ufw block"]) expect(isAttemptOnly(conn("10.0.0.5", "198.51.100.43", 43, T0, { state }))).toBe(true);
    for (const state of ["ACCEPT", "allow", "SF", undefined]) expect(isAttemptOnly(conn("10.0.0.5", "198.51.100.43", 43, T0, { state }))).toBe(false);
  });

  it("a scan touching 43/tcp among hundreds of ports raises nothing alone, and the port-scan correlation with a real lookup", () => {
    const scan = Array.from({ length: 300 }, (_, p) => conn("10.0.0.66", "198.51.100.43", p + 1, T0 + p * 10, { state: p + 1 === 43 ? "RSTO" : "REJ", payload: false, srcPort: 50000 + p }));
    expect(run(scan)).toEqual([]);
    expect(ids(run([...scan, whois("10.0.0.66", "example.com", T0 + 60_000)]))).toEqual(["whois-correlated-port-scan", "whois-port43-egress"]);
  });

  it("WHOIS sessions holding a scanner's probe (nmap -sV) are no lookup; real queries are", () => {
    const probes = ["", "GET / HTTP/1.0", "OPTIONS / RTSP/1.0", "OPTIONS sip:nm SIP/2.0", "GET /nice%20ports%2C/Tri%6Eity.txt%2ebak HTTP/1.0", "HELP", "\u0016\u0003\u0000\u0000S", "l\u0000\u000b\u0000"];
    for (const p of probes) expect(scannerProbe(p, true), JSON.stringify(p)).toBeDefined();
    expect(scannerProbe("\u0080\u0000\u0000(r\u00fe", true)).toBe("binary"); // RPCCheck, as raw bytes
    for (const q of ["example.com", "-T domain example.com", "domain example.com", "AS64496", "=example.com", "münchen.de", "ö.example", "exa\u001b[31mmple.com"]) expect(scannerProbe(q), q).toBeUndefined();
    expect(run(probes.slice(0, 6).map((p, i) => whois("10.0.0.70", p, T0 + i)))).toEqual([]);
    expect(ids(run([whois("10.0.0.70", "example.com", T0)]))).toEqual(["whois-port43-egress"]); // the same session with a query alerts
  });
});

describe("connections accepted without a request feed the port-scan indicator", () => {
  it("a connect scan of open ports (Zeek RSTO, orig_bytes 0) correlates with lookups of the same source", () => {
    const scan = Array.from({ length: 40 }, (_, p) => conn("10.0.0.77", "198.51.100.50", 1000 + p, T0 + p * 10, { state: "RSTO", payload: false, srcPort: 51000 + p }));
    expect(run(scan)).toEqual([]);
    expect(ids(run([...scan, whois("10.0.0.77", "example.org", T0 + 30_000)]))).toEqual(["whois-correlated-port-scan", "whois-port43-egress"]);
    const sessions = scan.map((c) => ({ ...c, payload: true }));
    expect(ids(run([...sessions, whois("10.0.0.77", "example.org", T0 + 30_000)]))).toEqual(["whois-port43-egress"]);
  });
});
