/**
 * Rendered answers by object, for both servers: the dataset does not change while serving, so an
 * object's port-43 text or RDAP answer (body and header list) is built and UTF-8 encoded once (a profile
 * put rendering and encoding at ~25% of a port-43 query's CPU). Planted (decoy) answers differ per source
 * and are never cached. Oldest entry out first past `limit`.
 */
export class RenderCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 10_000) {}

  get(key: string, render: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = render();
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }
}
