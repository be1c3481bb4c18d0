/**
 * A scan's port-43 probe in FortiGate and Cisco ASA logs: the same real nmap port orders as scan-order.test.ts
 * (test/detect/fixtures/captures/nmap-connect-scan-lo.syns.tsv, tshark's reading of a loopback capture of
 * `nmap -sT -p 1-1000` — 43 at the 898th place — and `nmap -sT -p 30-60` — 43 third — between two real
 * `whois -h … -p 43` lookups), rendered as each firewall logs a connect scan. The scanner (A) also makes one
 * real lookup of its own elsewhere after the scan, so the port-scan indicator shows as its correlation alert.
 *
 * What an nmap -sT probe is on the wire (test/detect/fixtures/captures/nmap-st.pcap.gz, read with tshark):
 * a closed port answers the SYN with RST-ACK (client: 1 packet, 60 bytes); the open 43 completes the handshake
 * and nmap resets it at once, no data (client: SYN 60 + ACK 52 + RST 52 = 3 packets, 164 bytes; server: 1).
 *
 * FortiGate (FortiOS Log Message Reference, traffic logs, logid 0000000013, field `action`: "accept" an allowed
 * forward session, "close" closed normally, "client-rst"/"server-rst" reset by a side, "timeout"; `sentbyte`/
 * `sentpkt` and `rcvdbyte`/`rcvdpkt` count the packets each side sent, headers included — 164 bytes for 3
 * packets in Fortinet's own KB example; logs written at session start carry no or zero counters):
 * - "accept" with no counters and with `sentbyte=0 rcvdbyte=0` (session-start logs): outcome unknown;
 * - "close", and the actions a connect scan really ends with (server-rst, client-rst), with the counters above.
 * Cisco ASA (ASA Series Syslog Messages, 302013 Built / 302014 Teardown "duration … bytes N reason"): the closed
 * ports torn down "TCP Reset-O" and the open 43 "TCP Reset-I", both with `bytes 0`; or, a filtering host, every
 * probe "SYN Timeout" with `bytes 0`. The lookups are sessions with bytes, torn down "TCP FINs".
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import type { Alert } from "../../../src/detect/types.js";
import { tempFile } from "../readers/helpers.js";
import { lookups, scan1000, scan30to60, type Syn } from "../fixtures/captures/nmap-scan.js";
import { A, B } from "../winxml/events.js";

const T0 = Date.UTC(2026, 11, 6, 9, 30, 0);
const SERVER = "192.0.32.59";
/** Where the scanner makes its own lookup after the scan (a different host: not the scanned one). */
const OTHER_WHOIS = "199.7.50.10";


type Role = "probe" | "lookup";
/** One connection to render: who, when, where, and whether it was a probe or a real lookup. */
interface Conn { ts: number; ip: string; srcPort: number; dst: string; dstPort: number; role: Role }

/** FortiGate counters of a connection, as the session's end would log them (see the header). */
function counters(c: Conn): string {
  if (c.role === "lookup") return "sentbyte=281 rcvdbyte=1912 sentpkt=5 rcvdpkt=4";
  return c.dstPort === 43 ? "sentbyte=164 rcvdbyte=60 sentpkt=3 rcvdpkt=1" : "sentbyte=60 rcvdbyte=40 sentpkt=1 rcvdpkt=1";
}

function fortigate(c: Conn, action: string, tail: string): string {
  const d = new Date(c.ts);
  const ns = `${Math.round(c.ts * 1000)}000`;
  return `date=${d.toISOString().slice(0, 10)} time=${d.toISOString().slice(11, 19)} devname="FGT100F-EDGE" devid="FG100FTK22001234" eventtime=${ns} tz="+0000" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${c.ip} srcport=${c.srcPort} srcintf="internal1" srcintfrole="lan" dstip=${c.dst} dstport=${c.dstPort} dstintf="wan1" dstintfrole="wan" sessionid=${(c.srcPort * 7919) % 1_000_000} proto=6 action="${action}" policyid=12 policytype="policy" service="${c.dstPort === 43 ? "WHOIS" : `tcp/${c.dstPort}`}" trandisp="snat" transip=203.0.113.9 transport=${c.srcPort}${tail === "" ? "" : ` ${tail}`}`;
}

/** The ASA's own timestamp (`logging timestamp`, no year-less syslog header): "Dec 06 2026 09:30:01". */
function asaStamp(ts: number): string {
  const d = new Date(ts);
  return `Dec ${String(d.getUTCDate()).padStart(2, "0")} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}`;
}

let connId = 4_100_000;
/** A 302013 Built outbound / 302014 Teardown pair (the inside host initiated: it is the `to` side). */
function asa(c: Conn, probeEnd: (c: Conn) => string): [number, string][] {
  const id = connId++;
  const end = c.role === "lookup" ? "bytes 2193 TCP FINs" : `bytes 0 ${probeEnd(c)}`;
  const closeAt = c.role === "lookup" ? c.ts + 1000 : probeEnd(c) === "SYN Timeout" ? c.ts + 30_000 : c.ts + 1;
  const duration = probeEnd(c) === "SYN Timeout" && c.role === "probe" ? "0:00:30" : c.role === "lookup" ? "0:00:01" : "0:00:00";
  return [
    [c.ts, `${asaStamp(c.ts)} asa-dmz-02 : %ASA-6-302013: Built outbound TCP connection ${id} for outside:${c.dst}/${c.dstPort} (${c.dst}/${c.dstPort}) to inside:${c.ip}/${c.srcPort} (203.0.113.9/${c.srcPort})`],
    [closeAt, `${asaStamp(closeAt)} asa-dmz-02 : %ASA-6-302014: Teardown TCP connection ${id} for outside:${c.dst}/${c.dstPort} to inside:${c.ip}/${c.srcPort} duration ${duration} ${end} from ${probeEnd(c).endsWith("-O") ? "outside" : "inside"}`],
  ];
}

const renderings: { name: string; lines: (c: Conn) => [number, string][] }[] = [
  { name: "FortiGate accept (session start, no counters)", lines: (c) => [[c.ts, fortigate(c, "accept", "")]] },
  { name: "FortiGate accept sentbyte=0 (session start, zero counters)", lines: (c) => [[c.ts, fortigate(c, "accept", "sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0")]] },
  { name: "FortiGate close (every session, its counters)", lines: (c) => [[c.ts, fortigate(c, "close", counters(c))]] },
  { name: "FortiGate server-rst / client-rst (a connect scan's real ends)", lines: (c) => [[c.ts, fortigate(c, c.role === "lookup" ? "close" : c.dstPort === 43 ? "client-rst" : "server-rst", counters(c))]] },
  { name: "Cisco ASA 302013/302014, TCP Reset-O / Reset-I, bytes 0", lines: (c) => asa(c, (x) => (x.dstPort === 43 ? "TCP Reset-I" : "TCP Reset-O")) },
  { name: "Cisco ASA 302013/302014, SYN Timeout, bytes 0", lines: (c) => asa(c, () => "SYN Timeout") },
];

const probe = (s: Syn): Conn => ({ ts: T0 + s.t, ip: A.ip, srcPort: s.srcPort, dst: SERVER, dstPort: s.dstPort, role: "probe" });
const lookupBy = (s: Syn, ip: string, dst = SERVER): Conn => ({ ts: T0 + s.t, ip, srcPort: s.srcPort, dst, dstPort: 43, role: "lookup" });

function file(name: string, conns: Conn[], lines: (c: Conn) => [number, string][]): string {
  const all = conns.flatMap(lines).sort((x, y) => x[0] - y[0]);
  return tempFile(name, `${all.map((x) => x[1]).join("\n")}\n`);
}

const whois = (alerts: Alert[]) => alerts.filter((a) => a.technique?.startsWith("T1596") === true || a.ruleId.startsWith("whois"));

describe("a scan's port-43 probe in FortiGate and Cisco ASA logs", () => {
  let n = 0;
  for (const r of renderings) {
    for (const [name, scan] of [["nmap -sT -p 1-1000 (43 late)", scan1000], ["nmap -sT -p 30-60 (43 third)", scan30to60]] as const) {
      it(`${r.name}, ${name}: the scan alone raises no WHOIS alert; beside the real lookups, they alert and the scan shows as the scanner's port-scan indicator`, async () => {
        const ext = r.name.startsWith("Cisco") ? "asa.log" : "fgt.log";
        const alone = await detectFiles([file(`fw-scan-${++n}.${ext}`, scan.map(probe), r.lines)]);
        expect(alone.stats[0]?.malformed).toBe(0);
        expect(alone.stats[0]?.events).toBeGreaterThanOrEqual(scan.length);
        expect(whois(alone.alerts)).toEqual([]);

        // The scanner's own lookup elsewhere, after the scan (within the indicator window).
        const own = { ...lookupBy(scan.at(-1)!, A.ip, OTHER_WHOIS), ts: T0 + scan.at(-1)!.t + 5_000, srcPort: 61_043 };
        const mixed = await detectFiles([file(`fw-mixed-${++n}.${ext}`, [...scan.map(probe), ...lookups.map((s) => lookupBy(s, B.ip)), own], r.lines)]);
        const found = whois(mixed.alerts);
        const byB = found.filter((a) => a.source.ip === B.ip);
        // Both lookups of B go to one server: one alert (the book folds repeats), with the first one's time.
        expect(byB.map((a) => a.ruleId)).toEqual(["whois-port43-egress"]);
        expect(byB[0]?.timestamp).toBe(T0 + Math.floor(lookups[0]!.t));
        const byA = found.filter((a) => a.source.ip === A.ip);
        // The scanner: only its real lookup, and the scan's indicator correlated with it; never the scanned host's 43.
        expect(byA.map((a) => a.ruleId).sort()).toEqual(["whois-correlated-port-scan", "whois-port43-egress"]);
        expect(byA.filter((a) => a.destination !== undefined).map((a) => a.destination?.ip)).toEqual([OTHER_WHOIS]);
      });
    }
  }
});

describe("FortiGate packet counters on their own (no scan around them)", () => {
  const lone: Conn = { ts: T0, ip: B.ip, srcPort: 50_001, dst: SERVER, dstPort: 43, role: "lookup" };
  const alertsFor = async (name: string, action: string, tail: string) => {
    const path = tempFile(`fgt-lone-${name}.log`, `${fortigate(lone, action, tail)}\n`);
    const { alerts, stats } = await detectFiles([path]);
    expect(stats[0]?.events).toBe(1);
    return whois(alerts).map((a) => a.ruleId);
  };

  it("a real lookup whose counters an NP6 offload cut short (3 packets out, 2 back) still alerts", async () => {
    expect(await alertsFor("offload", "close", "sentbyte=164 rcvdbyte=132 sentpkt=3 rcvdpkt=2")).toEqual(["whois-port43-egress"]);
  });

  it("one packet back (a SYN-ACK, answered or not): outcome unknown, held, and reported when no scan follows", async () => {
    expect(await alertsFor("synack", "client-rst", "sentbyte=164 rcvdbyte=60 sentpkt=3 rcvdpkt=1")).toEqual(["whois-port43-egress"]);
    expect(await alertsFor("synack-close", "close", "sentbyte=164 rcvdbyte=60 sentpkt=3 rcvdpkt=1")).toEqual(["whois-port43-egress"]);
  });

  it("nothing back (rcvdpkt 0): a failed attempt, never a lookup; a reset from the server stays a refusal", async () => {
    expect(await alertsFor("none-back", "close", "sentbyte=60 rcvdbyte=0 sentpkt=1 rcvdpkt=0")).toEqual([]);
    expect(await alertsFor("server-rst", "server-rst", "sentbyte=60 rcvdbyte=40 sentpkt=1 rcvdpkt=1")).toEqual([]);
  });

  it("zero or absent counters (a session-start log) say nothing: an accept alerts as before", async () => {
    expect(await alertsFor("zeros", "accept", "sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0")).toEqual(["whois-port43-egress"]);
    expect(await alertsFor("none", "accept", "")).toEqual(["whois-port43-egress"]);
  });
});
