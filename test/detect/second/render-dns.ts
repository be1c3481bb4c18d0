/**
 * Second world, DNS server query logs: host A resolves the WHOIS and RDAP servers it queries; host C
 * resolves ordinary names (a registrar's storefront among them). Host B does not show in DNS logs.
 */
import { HOST, bsd, lookups, pad, benign } from "./scenario.js";

export interface Q { ts: number; src: string; name: string; type: "A" | "AAAA" }
export function questions(): Q[] {
  return [
    ...lookups.flatMap((l, i): Q[] => [{ ts: l.ts - 40, src: HOST.A, name: l.server, type: i % 2 ? "AAAA" : "A" }]),
    ...benign.map((b): Q => ({ ts: b.ts - 20, src: HOST.C, name: b.name, type: "A" })),
  ].sort((a, b) => a.ts - b.ts);
}

/** BIND 9.18 with `print-time iso8601-utc; print-category yes; print-severity yes;` and no views (BIND ARM, "logging" statement, channel options). */
export function bindIsoUtc(): string {
  return questions().map((q, i) => `${new Date(q.ts).toISOString()} queries: info: client @0x7f3a${(0x1000 + i).toString(16)}a8 ${q.src}#${40_000 + i} (${q.name}): query: ${q.name} IN ${q.type} +E(0)DC (10.20.0.53)\n`).join("");
}

/**
 * Windows Server DNS debug log (learn.microsoft.com, "DNS debug logging": Log Packets for Debugging):
 * a server with the en-GB locale writes dd/mm/yyyy and 24-hour times; the file is UTF-8 with a BOM
 * and CRLF line ends as Windows writes it; the client column pads IPv6 addresses.
 */
export function windowsDnsGb(): Buffer {
  const stamp = (ms: number) => { const d = new Date(ms); return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; };
  const wire = (name: string) => `${name.split(".").map((p) => `(${p.length})${p}`).join("")}(0)`;
  const head = ["DNS Server log file creation at 06/12/2026 13:59:58", "Log file wrap at 06/12/2026 13:59:58", "", "Message logging key (for packets - other items use a subset of these fields):",
    "\tField #  Information         Values", "\t-------  -----------         ------", "\t   1     Date", "\t   2     Time", ""];
  const rows = questions().map((q, i) =>
    `${stamp(q.ts)} 0E7C PACKET  000002A1B3C4${pad(i, 4)} UDP Rcv ${q.src.padEnd(15)} ${(0x2a00 + i).toString(16)}   Q [0001   D   NOERROR] ${q.type.padEnd(6)} ${wire(q.name)}`);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${[...head, ...rows].join("\r\n")}\r\n`)]);
}

/** dnsmasq with `log-queries=extra` read back from the journal with `journalctl -o short-iso` (freedesktop journalctl(1), dnsmasq(8)). */
export function dnsmasqJournalIso(): string {
  const out: string[] = [];
  questions().forEach((q, i) => {
    const st = new Date(q.ts).toISOString().slice(0, 19) + "+0000";
    out.push(`${st} gw01 dnsmasq[812]: ${300 + i} ${q.src}/${40_000 + i} query[${q.type}] ${q.name} from ${q.src}`);
    out.push(`${st} gw01 dnsmasq[812]: ${300 + i} ${q.src}/${40_000 + i} forwarded ${q.name} to 9.9.9.9`);
    out.push(`${st} gw01 dnsmasq[812]: ${300 + i} ${q.src}/${40_000 + i} reply ${q.name} is 192.0.2.${i % 250}`);
  });
  return `${out.join("\n")}\n`;
}

/** Unbound through syslog (`use-syslog: yes`, unbound.conf(5)) relayed by rsyslog with its RFC 3164 header: "unbound: [pid:thread] info: …". */
export function unboundSyslog(): string {
  return questions().map((q) => `${bsd(q.ts)} resolver1 unbound: [1093:1] info: ${q.src} ${q.name}. ${q.type} IN\n`).join("");
}
