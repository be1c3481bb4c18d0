/**
 * Rendered answers by object, for both servers: the dataset does not change while serving, so an
 * object's port-43 text or RDAP JSON is built and UTF-8 encoded once (a profile put rendering and
 * encoding at ~25% of a port-43 query's CPU). Planted (decoy) answers differ per source and are never
 * cached. Oldest entry out first past `limit`.
 */
export class RenderCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(private readonly limit = 10_000) {}

  get(key: string, render: () => string): Buffer {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const bytes = Buffer.from(render());
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, bytes);
    return bytes;
  }
}
