/** Shared pieces of the DNS server log readers (BIND, Windows DNS, dnsmasq, Unbound). */
import type { DnsEvent, LogFormat } from "../types.js";
import { type ParseContext, lineEvidence } from "./common.js";

/** Longest DNS-server log line read; the rest of a longer line is ignored (names are near the start). */
export const DNS_LINE_MAX = 4096;

/** Answer codes worth an event of their own (the "DNS answers" convention of docs/detect-formats.md). */
export const FAILED_RCODES = new Set(["NXDOMAIN", "SERVFAIL", "REFUSED", "FORMERR", "NOTIMP", "NOTAUTH", "NOTZONE", "YXDOMAIN", "NXRRSET"]);

export interface DnsLine { ts: number; src: string; query: string; qtype?: string; rcode?: string; dst?: string }

/** Emits a question (no rcode) or a failed answer (rcode set) with the line as evidence. */
export function emitDns(ctx: ParseContext, format: LogFormat, d: DnsLine, buf: Buffer, start: number, end: number, lineNo: number): void {
  const event: DnsEvent = { kind: "dns", ts: d.ts, src: d.src, query: d.query, format, evidence: lineEvidence(ctx.file, lineNo, buf, start, end) };
  if (d.dst !== undefined) event.dst = d.dst;
  if (d.qtype !== undefined) event.qtype = d.qtype;
  if (d.rcode !== undefined) event.rcode = d.rcode;
  ctx.emit(event);
}

/** A bounded insertion-ordered map (the oldest key goes first): reply → client joins in dnsmasq. */
export class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done !== true) this.map.delete(oldest.value);
    }
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  get size(): number {
    return this.map.size;
  }
}
