/**
 * The internal resolver's own query log, in four DNS servers' formats: BIND 9 (queries category),
 * Windows DNS Server debug log, dnsmasq (log-queries, forwarded by rsyslog with RFC 3339 stamps) and
 * Unbound (log-queries + log-replies). Only client questions reach a resolver's query log: its own
 * forwarded leg to the upstream does not.
 */
import { RESOLVER } from "./builder.js";
import type { DnsQuery, World } from "./model.js";
import { internal } from "./render-edge.js";

export const clientQueries = (w: World): DnsQuery[] => w.dns.filter((q) => q.flow.dst === RESOLVER && internal(q.flow.src) && q.flow.src !== RESOLVER);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const hms = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}+00:00`;

/** `02-Mar-2026 06:12:00.123 queries: info: client @0x… 10.0.0.5#53000 (name): [view internal: ]query: name IN A +E(0)K (10.0.0.53)` */
export function renderBind(w: World): string {
  return clientQueries(w).map((q, i) => {
    const d = new Date(q.ts);
    const stamp = `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)}.${pad(d.getUTCMilliseconds(), 3)}`;
    const view = i % 3 === 0 ? "" : "view internal: ";
    const flags = q.qtype === "AXFR" ? "-E(0)TK" : i % 4 === 0 ? "+" : "+E(0)K";
    return `${stamp} queries: info: client @0x7f3a2c${(0x01b168 + (i % 4096) * 8).toString(16)} ${q.flow.src}#${q.flow.sport} (${q.qname}): ${view}query: ${q.qname} IN ${q.qtype} ${flags} (${RESOLVER})\n`;
  }).join("");
}

/** "(3)www(7)example(3)com(0)" */
const wireName = (name: string) => `${name.split(".").map((l) => `(${l.length})${l}`).join("")}(0)`;

function windowsStamp(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

const WINDOWS_HEADER = [
  "DNS Server log file creation at 3/1/2026 11:58:00 PM", "Log file wrap at 3/1/2026 11:58:00 PM", "",
  "Message logging key (for packets - other items use a subset of these fields):", "\tField #  Information         Values", "\t-------  -----------         ------",
  "\t   1     Date", "\t   2     Time", "\t   3     Thread ID", "\t   4     Context", "\t   5     Internal packet identifier", "\t   6     UDP/TCP indicator",
  "\t   7     Send/Receive indicator", "\t   8     Remote IP", "\t   9     Xid (hex)", "\t  10     Query/Response      R = Response", "\t                             blank = Query",
  "\t  11     Opcode              Q = Standard Query", "\t  12     [ Flags (hex)", "\t  13     Flags (char codes)", "\t  14     ResponseCode ]", "\t  15     Question Type", "\t  16     Question Name", "",
];

/** Windows DNS Server debug log (packets, questions and answers), CRLF line ends as Windows writes them. */
export function renderWindowsDns(w: World): string {
  const out = [...WINDOWS_HEADER];
  clientQueries(w).forEach((q, i) => {
    const xid = ((i * 7919) % 65536).toString(16).padStart(4, "0");
    const ip = q.flow.src.padEnd(15);
    const packet = (0xc1a2b3c4d0 + i * 16).toString(16).toUpperCase().padStart(16, "0");
    const name = wireName(q.qname);
    out.push(`${windowsStamp(q.ts)} 0E2C PACKET  ${packet} UDP Rcv ${ip} ${xid}   Q [0001   D   NOERROR] ${q.qtype.padEnd(6)} ${name}`);
    const flags = q.rcode === "NXDOMAIN" ? "8183" : q.rcode === "REFUSED" ? "8185" : q.rcode === "SERVFAIL" ? "8182" : "8180";
    out.push(`${windowsStamp(q.ts + 2)} 0E2C PACKET  ${packet} UDP Snd ${ip} ${xid} R Q [${flags}   DR ${q.rcode.padStart(8)}] ${q.qtype.padEnd(6)} ${name}`);
  });
  return `${out.join("\r\n")}\r\n`;
}

/** dnsmasq log-queries through rsyslog (RFC 3339 stamps): query, then forwarded/reply or cached. */
export function renderDnsmasq(w: World): string {
  const out: string[] = [];
  const tag = (ms: number) => `${rfc3339(ms)} resolver01 dnsmasq[812]:`;
  clientQueries(w).forEach((q, i) => {
    out.push(`${tag(q.ts)} query[${q.qtype}] ${q.qname} from ${q.flow.src}`);
    const answer = q.rcode === "NOERROR" ? (q.answers[0] ?? "NODATA") : q.rcode;
    if (i % 3 === 0 && q.rcode === "NOERROR") out.push(`${tag(q.ts)} cached ${q.qname} is ${answer}`);
    else {
      out.push(`${tag(q.ts)} forwarded ${q.qname} to 9.9.9.9`);
      out.push(`${tag(q.ts + 2)} reply ${q.qname} is ${answer}`);
    }
  });
  return out.map((l) => `${l}\n`).join("");
}

/** Unbound log-queries + log-replies, its own log file with epoch stamps. */
export function renderUnbound(w: World): string {
  const out: string[] = [];
  for (const q of clientQueries(w)) {
    const s = Math.floor(q.ts / 1000);
    out.push(`[${s}] unbound[1201:0] info: ${q.flow.src} ${q.qname}. ${q.qtype} IN`);
    out.push(`[${s}] unbound[1201:0] info: ${q.flow.src} ${q.qname}. ${q.qtype} IN ${q.rcode} 0.0${(q.ts % 90).toString().padStart(2, "0")}000 ${q.ts % 2} ${40 + q.qname.length}`);
  }
  return out.map((l) => `${l}\n`).join("");
}
