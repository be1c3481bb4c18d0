/** A query read ahead of the dispatcher, keyed to the server it will ask first. */
export interface Pending {
  query: string;
  server: string;
  /** The discovery (a TLD's server, asked of IANA) this query would make or waits on. */
  learning?: string;
}

/** First in, first out, with O(1) removal from the front (Array#shift copies the whole array). */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * The lookahead buffer: one queue per first-hop server, so the dispatcher looks at each server once
 * per pass instead of at every buffered query (a run whose buffered queries all wait on one busy
 * server scanned 10,000 of them per answer), and the queries held back while one of them learns
 * their TLD's server.
 */
export class PendingQueries {
  private readonly byServer = new Map<string, Fifo<Pending>>();
  private readonly held = new Map<string, Pending[]>();
  private count = 0;

  /** Queries buffered, held ones included (the lookahead bound). */
  get size(): number {
    return this.count;
  }

  push(item: Pending): void {
    const key = item.server.toLowerCase();
    let queue = this.byServer.get(key);
    if (!queue) {
      queue = new Fifo();
      this.byServer.set(key, queue);
    }
    queue.push(item);
    this.count += 1;
  }

  hold(key: string, item: Pending): void {
    const list = this.held.get(key);
    if (list) list.push(item);
    else this.held.set(key, [item]);
    this.count += 1;
  }

  /** The queries held on `key`, no longer counted (the caller pushes or holds each again). */
  release(key: string): Pending[] {
    const list = this.held.get(key) ?? [];
    this.held.delete(key);
    this.count -= list.length;
    return list;
  }

  /** Servers with queries waiting, in the order they first had one. */
  servers(): string[] {
    return [...this.byServer.keys()];
  }

  /** The next query for `server`, while `may()` allows one more. */
  *take(server: string, may: () => boolean): Generator<Pending> {
    const queue = this.byServer.get(server);
    while (queue && queue.length > 0 && may()) {
      this.count -= 1;
      yield queue.shift() as Pending;
    }
    if (queue && queue.length === 0) this.byServer.delete(server);
  }
}
