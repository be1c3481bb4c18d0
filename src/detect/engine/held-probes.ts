/**
 * Port-43 connections whose outcome the log does not say (WFP 5156 "permitted", a firewall's "allow"), held until
 * the source's next moves show what they were. nmap orders ports at random, so a scan's probe of 43 may come
 * before the other ports that make it a scan (PortScan.probing only looks back): such a hit waits here, at most
 * the port-scan window, and is dropped if the same source goes on to probe enough ports of that host within it;
 * otherwise it is reported as it would have been, with its own timestamp. Bounded: at most `maxPending` held (the
 * oldest is reported early past that: a flood never silences a lookup), released by the event clock and at the end.
 */
export interface HeldProbe<T> { key: string; dst: string; ts: number; item: T; done: boolean }

export interface HeldProbeOptions<T> {
  windowMs: number;
  maxPending: number;
  /** Reports a hold that no scan explained. */
  release: (item: T) => void;
}

export class HeldProbes<T> {
  private queue: HeldProbe<T>[] = [];
  private head = 0;
  private live = 0;
  private readonly byTarget = new Map<string, HeldProbe<T>[]>();

  constructor(private readonly o: HeldProbeOptions<T>) {}

  get size(): number {
    return this.live;
  }

  hold(key: string, dst: string, ts: number, item: T): void {
    if (this.live >= this.o.maxPending) this.releaseOldest();
    const p: HeldProbe<T> = { key, dst, ts, item, done: false };
    this.queue.push(p);
    const slot = `${key}|${dst}`;
    const list = this.byTarget.get(slot);
    if (list) list.push(p);
    else this.byTarget.set(slot, [p]);
    this.live++;
  }

  /** Whether this source has something held for `dst` (a cheap test before counting ports). */
  holds(key: string, dst: string): boolean {
    return this.live > 0 && this.byTarget.has(`${key}|${dst}`);
  }

  /**
   * The source touched `dst` again: drop every hold for it that `isScan(from, to)` — the port count of that host
   * in the window around the hold — now explains.
   */
  widened(key: string, dst: string, isScan: (from: number, to: number) => boolean): void {
    const slot = `${key}|${dst}`;
    const list = this.byTarget.get(slot);
    if (!list) return;
    const kept = list.filter((p) => {
      if (p.done) return false;
      if (!isScan(p.ts - this.o.windowMs, p.ts + this.o.windowMs)) return true;
      this.settle(p);
      return false;
    });
    if (kept.length > 0) this.byTarget.set(slot, kept);
    else this.byTarget.delete(slot);
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
    this.settle(p);
    const slot = `${p.key}|${p.dst}`;
    const list = this.byTarget.get(slot)?.filter((x) => !x.done);
    if (list && list.length > 0) this.byTarget.set(slot, list);
    else this.byTarget.delete(slot);
    this.o.release(p.item);
  }

  private settle(p: HeldProbe<T>): void {
    p.done = true;
    this.live--;
  }

  /** Drops the reported front of the queue once it is most of it (amortized O(1) per hold). */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
