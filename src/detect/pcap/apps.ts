/**
 * What a TCP client says, read from its reassembled stream: port-43 WHOIS queries, TLS ClientHello SNI,
 * HTTP request heads (several per keep-alive connection), DNS over TCP. Each reader consumes what it
 * has understood and says whether the flow needs more bytes ("more") or is finished ("done").
 */
import type { DetectEvent } from "../types.js";
import { type HttpHead, looksHttp, parseClientHello, parseDns, parseHttpHead, whoisQuery } from "./payload.js";
import { firstLineOf, scannerProbe } from "../probes.js";
import type { TcpStream } from "./stream.js";

export type App = "unknown" | "whois" | "tls" | "http" | "dns" | "done";

export interface FlowInfo {
  client: string; server: string; cport: number; sport: number;
  file: string;
  /** "TCP a:1 -> b:2" */
  label: string;
  /** DNS-over-TCP query ids seen (to match answers). */
  dnsIds: Set<number>;
}

export const APP_LIMITS = { whoisBytes: 2048, httpHead: 8192, httpRequests: 1000, dnsMessages: 1000 };

const METHOD_PREFIXES = ["GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "];

/** The bytes so far could still become an HTTP method and a space. */
function maybeHttp(b: Buffer): boolean {
  const s = b.toString("latin1", 0, Math.min(b.length, 8));
  return METHOD_PREFIXES.some((m) => m.startsWith(s));
}

/** Names the application from the first bytes (undefined: wait for more). */
export function classify(f: FlowInfo, b: Buffer): App | undefined {
  if (f.sport === 43) return "whois";
  if (f.sport === 53) return "dns";
  if (b[0] === 0x16) return "tls";
  if (looksHttp(b)) return "http";
  return b.length < 8 && maybeHttp(b) ? undefined : "done";
}

function ev(f: FlowInfo, s: TcpStream, what: string) {
  return { ts: s.firstTs, src: f.client, dst: f.server, dstPort: f.sport, format: "pcap" as const,
    evidence: { file: f.file, line: s.firstPacket, text: `${f.label} ${what}`.slice(0, 512) } };
}

function httpEvent(f: FlowInfo, s: TcpStream, h: HttpHead): DetectEvent {
  const absolute = h.target.startsWith("http://") || h.target.startsWith("https://");
  const authority = h.host === undefined ? undefined : f.sport === 80 || h.host.includes(":") ? h.host : `${h.host}:${f.sport}`;
  const url = absolute ? h.target : authority !== undefined && h.target.startsWith("/") ? `http://${authority}${h.target}` : undefined;
  return { ...ev(f, s, `HTTP ${h.method} ${h.host ?? ""} ${h.target}`), kind: "http", host: h.host, method: h.method, path: h.target, url,
    userAgent: h.userAgent };
}

/** Content-Length of a request head (0 when absent); -1 for chunked or unreadable bodies. */
function bodyLength(head: string): number {
  for (const line of head.split("\r\n", 64)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (name === "transfer-encoding") return -1;
    if (name === "content-length") {
      const n = Number(line.slice(colon + 1).trim());
      return Number.isInteger(n) && n >= 0 ? n : -1;
    }
  }
  return 0;
}

/** Reads what the client stream holds; `final` when no more client bytes will come. */
export function readApp(app: App, f: FlowInfo, s: TcpStream, final: boolean, emit: (e: DetectEvent) => void): App {
  const b = s.bytes;
  switch (app) {
    case "whois": {
      const nl = b.indexOf(10) >= 0 || b.indexOf(13) >= 0;
      if (b.length === 0 || (!nl && !final && b.length < APP_LIMITS.whoisBytes)) return app;
      // A scanner's probe (binary records, other protocols' request lines) is no query: probes.ts.
      if (scannerProbe(firstLineOf(b), true) !== undefined) return "done";
      const query = whoisQuery(b.subarray(0, APP_LIMITS.whoisBytes));
      emit({ ...ev(f, s, `whois "${query}"`), kind: "whois", srcPort: f.cport, query });
      return "done";
    }
    case "tls": {
      const sni = parseClientHello(b);
      if (sni === "incomplete") return final || b.length >= 16 * 1024 ? "done" : app;
      if (sni !== undefined) emit({ ...ev(f, s, `TLS ClientHello SNI ${sni}`), kind: "tls", sni });
      return "done";
    }
    case "http": {
      for (let n = 0; n < APP_LIMITS.httpRequests; n++) {
        const cur = s.bytes;
        if (cur.length === 0) return app;
        if (!looksHttp(cur)) return cur.length < 8 && maybeHttp(cur) && !final ? app : "done";
        const end = cur.indexOf("\r\n\r\n");
        if (end < 0) {
          if (!final && cur.length < APP_LIMITS.httpHead) return app;
          const h = parseHttpHead(cur);
          if (h !== undefined && cur.includes("\r\n")) emit(httpEvent(f, s, h));
          return "done";
        }
        const head = cur.subarray(0, end + 4);
        const h = parseHttpHead(head);
        if (h !== undefined) emit(httpEvent(f, s, h));
        const body = bodyLength(head.toString("latin1"));
        if (body < 0) return "done";
        s.consume(end + 4 + body);
      }
      return "done";
    }
    case "dns": {
      for (let n = 0; n < APP_LIMITS.dnsMessages; n++) {
        const cur = s.bytes;
        if (cur.length < 2) return final ? "done" : app;
        const len = cur.readUInt16BE(0);
        if (cur.length < 2 + len) return final || len < 12 ? "done" : app;
        const m = parseDns(cur.subarray(2, 2 + len));
        if (m !== undefined && !m.response) {
          if (f.dnsIds.size < 256) f.dnsIds.add(m.id);
          const { dstPort: _port, ...base } = ev(f, s, `DNS query ${m.qtype} ${m.query}`);
          emit({ ...base, kind: "dns", query: m.query, qtype: m.qtype });
        }
        s.consume(2 + len);
      }
      return "done";
    }
    default:
      return "done";
  }
}

/** A DNS-over-TCP answer segment from the server: an unsuccessful answer to a known query is an event. */
export function readDnsAnswer(f: FlowInfo, payload: Buffer, packet: number, ts: number, emit: (e: DetectEvent) => void): void {
  if (payload.length < 14 || payload.readUInt16BE(0) < 12) return;
  const m = parseDns(payload.subarray(2, 2 + payload.readUInt16BE(0)));
  if (m === undefined || !m.response || m.rcode === "NOERROR" || !f.dnsIds.has(m.id)) return;
  f.dnsIds.delete(m.id);
  emit({ ts, src: f.client, dst: f.server, format: "pcap", kind: "dns", query: m.query, qtype: m.qtype, rcode: m.rcode,
    evidence: { file: f.file, line: packet, text: `${f.label} DNS answer ${m.rcode} ${m.qtype} ${m.query}`.slice(0, 512) } });
}
