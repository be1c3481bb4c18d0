/** Application payloads read from a client's first bytes: DNS questions, TLS ClientHello SNI, HTTP request heads. */
import { cleanText } from "../readers/common.js";

export const QTYPES: Record<number, string> = {
  1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA", 33: "SRV", 43: "DS", 48: "DNSKEY",
  64: "SVCB", 65: "HTTPS", 99: "SPF", 251: "IXFR", 252: "AXFR", 255: "ANY", 257: "CAA",
};
/** DNS RCODE numbers (RFC 1035 §4.1.1, RFC 2136; IANA "DNS RCODEs"): the packet reader's and the logs that write the number. */
export const RCODES: Record<number, string> = { 0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED", 6: "YXDOMAIN", 7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH", 10: "NOTZONE" };

export interface DnsMessage { id: number; response: boolean; rcode: string; query: string; qtype: string }

/** The first question of a DNS message (compression pointers followed, at most 16 jumps, 255 chars). */
export function parseDns(p: Buffer): DnsMessage | undefined {
  if (p.length < 12 || p.readUInt16BE(4) === 0) return undefined;
  const flags = p.readUInt16BE(2);
  const labels: string[] = [];
  let at = 12, end = -1, jumps = 0, len = 0;
  for (;;) {
    if (at >= p.length) return undefined;
    const l = p[at] ?? 0;
    if (l === 0) { at++; break; }
    if ((l & 0xc0) === 0xc0) {
      if (at + 1 >= p.length || ++jumps > 16) return undefined;
      if (end < 0) end = at + 2;
      at = ((l & 0x3f) << 8) | (p[at + 1] ?? 0);
      continue;
    }
    if ((l & 0xc0) !== 0 || at + 1 + l > p.length) return undefined;
    len += l + 1;
    if (len > 255) return undefined;
    labels.push(p.toString("latin1", at + 1, at + 1 + l));
    at += 1 + l;
  }
  const qAt = end < 0 ? at : end;
  if (qAt + 2 > p.length) return undefined;
  const qt = p.readUInt16BE(qAt);
  return { id: p.readUInt16BE(0), response: (flags & 0x8000) !== 0, rcode: RCODES[flags & 0x0f] ?? String(flags & 0x0f),
    query: cleanText(labels.join("."), 255), qtype: QTYPES[qt] ?? `TYPE${qt}` };
}

/** The SNI host name of a TLS ClientHello; "incomplete" when more bytes are needed, undefined when none. */
export function parseClientHello(b: Buffer): string | "incomplete" | undefined {
  // Handshake bytes may span several records: join the record bodies first.
  const parts: Buffer[] = [];
  let at = 0, have = 0, need = -1;
  while (need < 0 || have < need) {
    if (at + 5 > b.length) return "incomplete";
    if (b[at] !== 0x16 || b[at + 1] !== 3) return undefined;
    const len = b.readUInt16BE(at + 3);
    if (at + 5 + len > b.length) return "incomplete";
    parts.push(b.subarray(at + 5, at + 5 + len));
    have += len;
    at += 5 + len;
    if (need < 0 && have >= 4) {
      const hs = Buffer.concat(parts);
      if (hs[0] !== 1) return undefined;
      need = 4 + ((hs[1] ?? 0) << 16 | (hs[2] ?? 0) << 8 | (hs[3] ?? 0));
    }
    if (len === 0) return undefined;
  }
  const h = Buffer.concat(parts);
  let p = 4 + 2 + 32;
  if (p + 1 > h.length) return undefined;
  p += 1 + (h[p] ?? 0);
  if (p + 2 > h.length) return undefined;
  p += 2 + h.readUInt16BE(p);
  if (p + 1 > h.length) return undefined;
  p += 1 + (h[p] ?? 0);
  if (p + 2 > h.length) return undefined;
  const extEnd = Math.min(h.length, p + 2 + h.readUInt16BE(p));
  p += 2;
  while (p + 4 <= extEnd) {
    const type = h.readUInt16BE(p), len = h.readUInt16BE(p + 2);
    const body = p + 4;
    if (type === 0 && body + 5 <= extEnd && h[body + 2] === 0) {
      const nameLen = h.readUInt16BE(body + 3);
      if (body + 5 + nameLen > extEnd) return undefined;
      return cleanText(h.toString("latin1", body + 5, body + 5 + nameLen), 255);
    }
    p = body + len;
  }
  return undefined;
}

const METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"];

export function looksHttp(b: Buffer): boolean {
  const sp = b.indexOf(32);
  return sp > 0 && sp <= 8 && METHODS.includes(b.toString("latin1", 0, sp));
}

export interface HttpHead { method: string; target: string; host?: string; userAgent?: string }

/** The request line and Host/User-Agent of an HTTP request head (complete or as far as it goes). */
export function parseHttpHead(b: Buffer): HttpHead | undefined {
  const lines = b.toString("latin1", 0, Math.min(b.length, 8192)).split("\r\n", 64);
  const [method, target] = (lines[0] ?? "").split(" ", 3);
  if (method === undefined || target === undefined || target === "") return undefined;
  const head: HttpHead = { method, target: cleanText(target, 2048) };
  for (const line of lines.slice(1)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (name === "host") head.host = cleanText(line.slice(colon + 1).trim(), 255);
    else if (name === "user-agent") head.userAgent = cleanText(line.slice(colon + 1).trim(), 512);
  }
  return head;
}

/** A port-43 query: the client's text up to the first CR or LF, trimmed. */
export function whoisQuery(b: Buffer): string {
  let end = 0;
  while (end < b.length && b[end] !== 10 && b[end] !== 13) end++;
  return cleanText(b.toString("utf8", 0, end), 512).trim();
}
