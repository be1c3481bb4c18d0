/**
 * The alert inbox: alerts from detect uploads (and, when they land, from watch and serve) are kept in
 * the store's console_alerts table and pushed to every open `alert` stream as they arrive.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import type { ConsoleContext } from "./context.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { AlertPage, Page, type AlertItemT } from "./schemas.js";

type Listener = (item: AlertItemT) => void;

export class AlertHub {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Keeps the alerts (ECS documents) and tells the live streams; returns them with their ids. */
  async add(origin: string, alerts: readonly Record<string, unknown>[]): Promise<AlertItemT[]> {
    const items: AlertItemT[] = [];
    for (const alert of alerts) {
      const createdAt = new Date().toISOString();
      const row = await this.db.insertInto("console_alerts").values({ created_at: createdAt, origin, alert: JSON.stringify(alert) }).returning("id").executeTakeFirstOrThrow();
      items.push({ id: Number(row.id), createdAt, origin, alert });
    }
    for (const item of items) for (const listener of this.listeners) listener(item);
    return items;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Newest first. */
  async page(offset: number, limit: number): Promise<{ items: AlertItemT[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom("console_alerts").selectAll().orderBy("id", "desc").offset(offset).limit(limit).execute(),
      this.db.selectFrom("console_alerts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
    ]);
    return { items: rows.map((r) => ({ id: Number(r.id), createdAt: r.created_at, origin: r.origin, alert: JSON.parse(r.alert) as Record<string, unknown> })), total: Number(count?.n ?? 0) };
  }
}

export function alertRoutes(ctx: ConsoleContext): AnyRoute[] {
  return [
    defineRoute({
      method: "GET", url: "/api/alerts", tag: "alerts", summary: "the alert inbox, newest first",
      query: Page, produces: { kind: "json", schema: AlertPage },
      async handler({ query }) {
        return ctx.alerts.page(query.offset, query.limit);
      },
    }),
    defineRoute({
      method: "GET", url: "/api/alerts/events", tag: "alerts", summary: "new alerts as they arrive",
      produces: { kind: "sse", events: { alert: "{ id, createdAt, origin, alert } for each new alert" } },
      errors: { 503: "the cap of live streams is reached (WL_ERR_API_BUSY)" },
      async handler({ reply }) {
        const stream = ctx.streams.start(reply);
        const off = ctx.alerts.on((item) => stream.send("alert", item));
        void stream.closed.then(off);
      },
    }),
  ];
}
