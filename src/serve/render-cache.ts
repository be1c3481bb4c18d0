import type { ObjectView } from "./data.js";

/**
 * Rendered answers by object, for both servers: the dataset does not change while serving, so an
 * object's port-43 text or RDAP answer (body and header list) is built and UTF-8 encoded once (a profile
 * put rendering and encoding at ~25% of a port-43 query's CPU). Planted (decoy) answers differ per source
 * and are never cached.
 *
 * Looked up by the view object first (ServeData keeps one view per domain, network and AS number, so a
 * repeated query finds its answer without building a key string), then by "type:key" (entity and name
 * server views are built per query), oldest entry out first past `limit`.
 */
export class RenderCache<T> {
  private readonly byView = new WeakMap<ObjectView, T>();
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 10_000) {}

  get(view: ObjectView, render: () => T): T {
    let value = this.byView.get(view);
    if (value !== undefined) return value;
    // A domain answered with `-r` is the same object shown otherwise: its own entry, never the full answer's.
    const key = view.type === "domain" && view.withheld ? `domain-r:${view.key}` : `${view.type}:${view.key}`;
    value = this.entries.get(key);
    if (value === undefined) {
      value = render();
      if (this.entries.size >= this.limit) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, value);
    }
    this.byView.set(view, value);
    return value;
  }
}
