/**
 * A first-in first-out queue with lazy removal: items leave from the front, stale ones (`live` says
 * no) are skipped there. Map/Set insertion order would do the same, but V8 keeps deleted entries as
 * holes until it rehashes, so asking a Map that lost its first 50,000 entries for its oldest one walks
 * all the holes: quadratic under a SYN flood (issue #19). Amortized O(1) per item here.
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item `live` accepts (stale ones before it are dropped), without removing it. */
  peek(live: (item: T) => boolean): T | undefined {
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      if (live(item)) return item;
      this.head++;
    }
    this.compact();
    return undefined;
  }

  /** Removes the front item (after peek). */
  shift(): void {
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) this.compact();
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
