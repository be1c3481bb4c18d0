/**
 * Port-43 connections whose outcome the log does not say (WFP 5156 "permitted", a firewall's "allow"), held until
 * the source's next moves show what they were. nmap orders ports at random, so a scan's probe of 43 may come
 * before the other ports that make it a scan (PortScan.probing only looks back): such a hit waits here, at most
 * the port-scan window, and is dropped if the same source goes on to probe enough ports of that host within it;
 * otherwise it is reported as it would have been, with its own timestamp. Bounded: at most `maxPending` held (the
 * oldest is reported early past that: a flood never silences a lookup), released by the event clock and at the end.
 * A live log (detect --follow) has no end and may go quiet: there a hold is also released once the window has
 * passed on the wall clock since it was read (`expire`), whichever comes first.
 */
export interface HeldProbe<T> { key: string; dst: string; ts: number; item: T; done: boolean; readAt: number }

export interface HeldProbeOptions<T> {
  windowMs: number;
  maxPending: number;
  /** Reports a hold that no scan explained. */
  release: (item: T) => void;
}

/**
 * The holds of one source for one host, with the ports that source has touched on it since the last hold: only a
 * new port can turn the holds into a scan, so a host asked thousands of times on 43 (a bulk WHOIS run behind a
 * firewall that logs every allow) costs one set lookup per connection, not a pass over every hold.
 */
interface Slot<T> { items: HeldProbe<T>[]; live: number; ports: Set<number> }

/** Ports remembered per slot; past it every new connection re-checks the holds (still bounded by the ring's size). */
const MAX_PORTS_SEEN = 1024;

export class HeldProbes<T> {
  private queue: HeldProbe<T>[] = [];
  private head = 0;
  private live = 0;
  private readonly byTarget = new Map<string, Slot<T>>();

  constructor(private readonly o: HeldProbeOptions<T>) {}

  get size(): number {
    return this.live;
  }

  /** `readAt`: when it was read on the wall clock (only `expire` looks at it; holds come in its order). */
  hold(key: string, dst: string, port: number, ts: number, item: T, readAt = 0): void {
    if (this.live >= this.o.maxPending) this.releaseOldest();
    const p: HeldProbe<T> = { key, dst, ts, item, done: false, readAt };
    this.queue.push(p);
    const id = `${key}|${dst}`;
    let slot = this.byTarget.get(id);
    if (slot === undefined) this.byTarget.set(id, (slot = { items: [], live: 0, ports: new Set() }));
    // Reported holds leave the list lazily: compacted once they are most of it (amortized O(1) per hold).
    if (slot.items.length >= 16 && slot.items.length > 2 * slot.live) slot.items = slot.items.filter((x) => !x.done);
    slot.items.push(p);
    slot.live++;
    // A new window starts: ports seen before it may fall outside it, so each is checked again when it comes back.
    slot.ports.clear();
    slot.ports.add(port);
    this.live++;
  }

  /** Whether this source has something held for `dst` (a cheap test before counting ports). */
  holds(key: string, dst: string): boolean {
    return this.live > 0 && this.byTarget.has(`${key}|${dst}`);
  }

  /**
   * The source touched `dst` on `port`: when that port is new for the holds, drop every hold that `isScan(from, to)`
   * — the port count of that host in the window around the hold — now explains.
   */
  widened(key: string, dst: string, port: number, isScan: (from: number, to: number) => boolean): void {
    const id = `${key}|${dst}`;
    const slot = this.byTarget.get(id);
    if (slot === undefined) return;
    if (slot.ports.has(port)) return;
    if (slot.ports.size < MAX_PORTS_SEEN) slot.ports.add(port);
    // Not enough ports anywhere in the source's recent probes of this host: no hold's window can hold a scan.
    if (!isScan(-Infinity, Infinity)) return;
    slot.items = slot.items.filter((p) => {
      if (p.done) return false;
      if (!isScan(p.ts - this.o.windowMs, p.ts + this.o.windowMs)) return true;
      this.settle(p, slot);
      return false;
    });
    if (slot.live === 0) this.byTarget.delete(id);
  }

  /** Reports the holds whose window has passed on the event clock. */
  tick(clock: number): void {
    while (this.head < this.queue.length) {
      const p = this.queue[this.head]!;
      if (!p.done && p.ts + this.o.windowMs >= clock) break;
      this.head++;
      if (!p.done) this.report(p);
    }
    this.compact();
  }

  /**
   * Reports the holds read at least a window ago on the wall clock (`now`, the scale `readAt` was given in): the
   * log went quiet, and whatever the source did next within the window would have been read by now.
   */
  expire(now: number): void {
    while (this.head < this.queue.length) {
      const p = this.queue[this.head]!;
      if (!p.done && p.readAt + this.o.windowMs > now) break;
      this.head++;
      if (!p.done) this.report(p);
    }
    this.compact();
  }

  /** When the oldest hold still held is due on the wall clock (undefined: none). */
  nextExpiry(): number | undefined {
    while (this.head < this.queue.length && this.queue[this.head]!.done) this.head++;
    const p = this.queue[this.head];
    return p === undefined ? undefined : p.readAt + this.o.windowMs;
  }

  /** End of input: every hold left is reported, oldest first. */
  flush(): void {
    this.tick(Infinity);
  }

  private releaseOldest(): void {
    while (this.head < this.queue.length) {
      const p = this.queue[this.head++]!;
      if (!p.done) {
        this.report(p);
        break;
      }
    }
    this.compact();
  }

  private report(p: HeldProbe<T>): void {
    const id = `${p.key}|${p.dst}`;
    const slot = this.byTarget.get(id);
    this.settle(p, slot);
    if (slot !== undefined && slot.live === 0) this.byTarget.delete(id);
    this.o.release(p.item);
  }

  private settle(p: HeldProbe<T>, slot: Slot<T> | undefined): void {
    p.done = true;
    this.live--;
    if (slot !== undefined) slot.live--;
  }

  /** Drops the reported front of the queue once it is most of it (amortized O(1) per hold). */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
