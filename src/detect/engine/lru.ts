/**
 * A map capped at about `max` entries that forgets the least recently used ones, in two generations
 * (the quick-lru scheme): writes go to the young Map; a read found only in the old Map moves it to
 * the young one; when the young Map holds max/2 entries the old one is dropped whole and the young
 * one becomes old. O(1) per operation and no per-entry deletes (V8 Maps slow down when entries are
 * deleted from the front one by one).
 */
export class Lru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;
  evicted = 0;

  constructor(max: number, private readonly onEvict?: (key: K, value: V) => void) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.put(key, o);
    }
    return o;
  }

  set(key: K, value: V): void {
    if (this.young.has(key)) this.young.set(key, value);
    else {
      this.old.delete(key);
      this.put(key, value);
    }
  }

  private put(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.half) {
      this.evicted += this.old.size;
      if (this.onEvict) for (const [k, v] of this.old) this.onEvict(k, v);
      this.old = this.young;
      this.young = new Map();
    }
  }

  /** Gets the value or creates it. */
  upsert(key: K, make: () => V): V {
    const seen = this.get(key);
    if (seen !== undefined) return seen;
    const value = make();
    this.put(key, value);
    return value;
  }

  values(): IterableIterator<V> {
    return [...this.old.values(), ...this.young.values()][Symbol.iterator]();
  }
}

/** Timestamped items kept sorted by time, at most `cap` (the oldest fall off). Mostly-in-order input inserts in O(1). */
export class TimeRing<T> {
  readonly items: { ts: number; value: T }[] = [];

  constructor(private readonly cap: number) {}

  add(ts: number, value: T): void {
    const items = this.items;
    let i = items.length;
    while (i > 0 && items[i - 1]!.ts > ts) i -= 1;
    if (i === items.length) items.push({ ts, value });
    else items.splice(i, 0, { ts, value });
    // Trim in batches (amortized O(1)); between() and count() only look at the newest `cap`.
    if (items.length >= this.cap * 2) items.splice(0, items.length - this.cap);
  }

  private get floor(): number {
    return Math.max(0, this.items.length - this.cap);
  }

  /** Items with from <= ts <= to (of the newest `cap`). */
  between(from: number, to: number): { ts: number; value: T }[] {
    const out: { ts: number; value: T }[] = [];
    for (let i = this.items.length - 1, floor = this.floor; i >= floor; i -= 1) {
      const it = this.items[i]!;
      if (it.ts < from) break;
      if (it.ts <= to) out.push(it);
    }
    return out.reverse();
  }

  /** Count with from <= ts <= to, without allocating. */
  count(from: number, to: number): number {
    let n = 0;
    for (let i = this.items.length - 1, floor = this.floor; i >= floor; i -= 1) {
      const ts = this.items[i]!.ts;
      if (ts < from) break;
      if (ts <= to) n += 1;
    }
    return n;
  }
}
