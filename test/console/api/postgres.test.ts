import { describe, expect, it } from "vitest";
import { readEvents, useTestConsole } from "./helpers.js";

const PG = process.env.WHOISLENS_TEST_PG;
if (!PG) console.warn("console PostgreSQL store tests skipped: set WHOISLENS_TEST_PG=postgres://… (CI starts one with scripts/ci-postgres.sh)");

describe.skipIf(!PG)("console API on a PostgreSQL store", () => {
  const c = useTestConsole({ store: PG });

  it("tokens, a bulk job with its results, and the alert inbox work there too", async () => {
    const started = (await (await c().api("/api/bulk", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ queries: ["example.com", "bad query!!"] }) })).json()) as { id: string };
    const events = await readEvents(await c().api(`/api/bulk/${started.id}/events`), (e) => e.event === "end", 30_000);
    expect(events.at(-1)).toMatchObject({ event: "end", data: { total: 2, done: 1, failed: 1, state: "done" } });
    const page = (await (await c().api(`/api/bulk/${started.id}/results`)).json()) as { items: { query: string; state: string }[] };
    expect(page.items.map((i) => i.state)).toEqual(["done", "failed"]);
    const added = await c().console.alerts.add("test", [{ rule: { id: "x" } }, { rule: { id: "y" } }]);
    expect(added[1]!.id).toBeGreaterThan(added[0]!.id);
    const inbox = (await (await c().api("/api/alerts?limit=2")).json()) as { items: { alert: { rule: { id: string } } }[]; total: number };
    expect(inbox.items.map((i) => i.alert.rule.id)).toEqual(["y", "x"]);
  }, 60_000);
});
