/**
 * w23 (issue #13): a Zeek conn log cut down to the 5-tuple and conn_state (`zeek-cut ts id.orig_h id.orig_p
 * id.resp_h id.resp_p proto conn_state`, or a SIEM export of those columns) says a connection was established
 * (SF, RSTO) but not whether the client sent anything. `nmap -sT` completes the handshake on an open port 43 and
 * resets it (Zeek RSTO) among the REJ of the closed ports: that probe is no lookup, in whichever place nmap put
 * 43. The port orders are the real ones of test/detect/fixtures/captures/nmap-connect-scan-lo.pcap.gz (its
 * README): 43 came 898th in `nmap -sT -p 1-1000` and third in `nmap -sT -p 30-60`.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { lookups, scan1000, scan30to60, type Syn } from "../fixtures/captures/nmap-scan.js";
import { tempFile } from "../readers/helpers.js";

const T0 = Date.UTC(2026, 11, 7, 9, 30, 0) / 1000;
const SERVER = "192.0.32.59";
const HEAD = "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n";
/** One SYN as a cut conn line: the open port 43 accepted (RSTO after nmap's reset, SF for a whois run), the others REJ. */
const row = (s: Syn, src: string, state: string) => [(T0 + s.t / 1000).toFixed(6), src, s.srcPort, SERVER, s.dstPort, "tcp", state].join("\t");
const scanRows = (scan: readonly Syn[], src: string) => scan.map((s) => row(s, src, s.dstPort === 43 ? "RSTO" : "REJ"));

async function port43Alerts(lines: string[]) {
  const { alerts } = await detectFiles([tempFile(`cut-conn-${Math.random().toString(36).slice(2)}.log`, `${HEAD}${lines.join("\n")}\n`)]);
  return alerts.filter((a) => a.ruleId === "whois-port43-egress").map((a) => [a.source.ip, a.evidence.map((e) => e.line)]);
}

describe("a cut conn log: established states without orig_bytes or history", () => {
  it("nmap -sT -p 1-1000 (43 the 898th) and -p 30-60 (43 third) by 10.0.0.66: no WHOIS alert", async () => {
    expect(await port43Alerts([...scanRows(scan1000, "10.0.0.66"), ...scanRows(scan30to60, "10.0.0.66")])).toEqual([]);
  });

  it("the two whois runs of the capture, by 10.0.0.77 between the scans, alert with their own lines; the scans' probes do not", async () => {
    const lines = [row(lookups[0], "10.0.0.77", "SF"), ...scanRows(scan1000, "10.0.0.66"), ...scanRows(scan30to60, "10.0.0.66"), row(lookups[1], "10.0.0.77", "SF")];
    expect(await port43Alerts(lines)).toEqual([["10.0.0.77", [4, 4 + lines.length - 1]]]);
  });

  it("the scanner's lookups of another WHOIS server still alert, the probes among them do not", async () => {
    const other = (s: Syn) => row(s, "10.0.0.66", "SF").replace(SERVER, "192.0.47.59");
    const lines = [other(lookups[0]), ...scanRows(scan1000, "10.0.0.66"), ...scanRows(scan30to60, "10.0.0.66"), other(lookups[1])];
    expect(await port43Alerts(lines)).toEqual([["10.0.0.66", [4, 4 + lines.length - 1]]]);
  });

  // The limit, as for WFP 5156: such a log cannot tell the scanner's own lookup of the host it scans from a probe.
});
