/**
 * Resolver attribution. A DNS server that forwards its clients' questions shows up as a querier of
 * the same names a moment after them (and Zeek often writes the forwarded leg first). So DNS hits
 * are held until the file's clock has moved `holdMs` past them (or the input ends), then:
 *  - a client asked this source the same name within `windowMs`  → forwarded: dropped (the client is the culprit);
 *  - this source is a resolver (>= `minClients` hosts send it DNS) and another host asked the same
 *    name within `windowMs`                                        → dropped likewise;
 *  - otherwise it is reported, on a resolver with the reason that no client was seen.
 * A live log (detect --follow) may go quiet: there a hit is also released once `holdMs` has passed on the wall clock
 * since it was read (`expire`), whichever comes first, so the alert does not wait for the next line.
 */
import type { DnsEvent } from "../types.js";
import { Lru } from "./lru.js";

export interface ResolverOptions { holdMs: number; windowMs: number; minClients: number; maxNames: number; maxPending: number }

interface Asked { ts: number; src: string; dst?: string }

export type Verdict = { kind: "report"; resolverAlone: boolean } | { kind: "forwarded"; client: string };

interface Pending<T> { event: DnsEvent; name: string; payload: T; readAt: number }

export class ResolverAttribution<T> {
  /** DNS server → distinct clients seen (capped at minClients). */
  private readonly clients: Lru<string, Set<string>>;
  /** Matching names → recent askers. */
  private readonly asked: Lru<string, Asked[]>;
  /** Held hits per input file, in arrival order (a file's clock only moves forward). */
  private readonly pending = new Map<string, Pending<T>[]>();
  private held = 0;
  private readonly clock = new Map<string, number>();

  constructor(private readonly o: ResolverOptions, private readonly release: (payload: T, verdict: Verdict) => void) {
    this.clients = new Lru(o.maxNames);
    this.asked = new Lru(o.maxNames);
  }

  /** Every DNS event passes here (cheap): learns who serves DNS to whom. */
  observe(e: DnsEvent): void {
    if (e.dst === undefined || e.dst === e.src) return;
    const set = this.clients.upsert(e.dst, () => new Set());
    if (set.size < this.o.minClients) set.add(e.src);
  }

  isResolver(host: string): boolean {
    return (this.clients.get(host)?.size ?? 0) >= this.o.minClients;
  }

  /** A DNS event that matched a rule: remembered and held. `readAt`: when it was read on the wall clock (only `expire` reads it). */
  hold(e: DnsEvent, name: string, payload: T, readAt = 0): void {
    const list = this.asked.upsert(name, () => []);
    list.push({ ts: e.ts, src: e.src, ...(e.dst !== undefined ? { dst: e.dst } : {}) });
    if (list.length > 16) list.shift();
    const queue = this.pending.get(e.evidence.file) ?? [];
    queue.push({ event: e, name, payload, readAt });
    this.pending.set(e.evidence.file, queue);
    this.held += 1;
    if (this.held > this.o.maxPending) {
      this.held -= 1;
      this.decide(queue.shift()!);
    }
  }

  /** Advances the clock of one input file; releases the held hits it has passed. */
  tick(file: string, ts: number): void {
    const now = Math.max(this.clock.get(file) ?? -Infinity, ts);
    this.clock.set(file, now);
    const queue = this.pending.get(file);
    if (queue === undefined) return;
    let n = 0;
    while (n < queue.length && queue[n]!.event.ts + this.o.holdMs < now) n += 1;
    if (n === 0) return;
    this.held -= n;
    for (const p of queue.splice(0, n)) this.decide(p);
  }

  /** Releases the hits read at least `holdMs` ago on the wall clock (`now`, the scale `readAt` was given in). */
  expire(now: number): void {
    for (const queue of this.pending.values()) {
      let n = 0;
      while (n < queue.length && queue[n]!.readAt + this.o.holdMs <= now) n += 1;
      if (n === 0) continue;
      this.held -= n;
      for (const p of queue.splice(0, n)) this.decide(p);
    }
  }

  /** When the oldest hit still held is due on the wall clock (undefined: none). */
  nextExpiry(): number | undefined {
    let due: number | undefined;
    for (const queue of this.pending.values()) {
      const first = queue[0];
      if (first !== undefined && (due === undefined || first.readAt + this.o.holdMs < due)) due = first.readAt + this.o.holdMs;
    }
    return due;
  }

  flush(): void {
    for (const queue of this.pending.values()) for (const p of queue.splice(0)) this.decide(p);
    this.held = 0;
  }

  private decide(p: Pending<T>): void {
    const { event } = p;
    const near = (this.asked.get(p.name) ?? []).filter((a) => a.src !== event.src && Math.abs(a.ts - event.ts) <= this.o.windowMs);
    const client = near.find((a) => a.dst === event.src);
    if (client) return this.release(p.payload, { kind: "forwarded", client: client.src });
    const resolver = this.isResolver(event.src);
    if (resolver && near.length > 0) return this.release(p.payload, { kind: "forwarded", client: near[0]!.src });
    this.release(p.payload, { kind: "report", resolverAlone: resolver });
  }
}
