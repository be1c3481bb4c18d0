import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvents, startTestConsole, useTestConsole, type TestConsole } from "./helpers.js";

type Json = Record<string, any>;
const JSON_HEADERS = { "content-type": "application/json" };

describe("console API: lookup against the sandbox", () => {
  const c = useTestConsole();

  const lookup = async (body: object): Promise<{ status: number; json: Json }> => {
    const response = await c().api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Json };
  };

  it.each([
    { protocol: "rdap", first: "rdap.verisign.com", raw: /"objectClassName"/ },
    { protocol: "whois", first: "whois.verisign-grs.com", raw: /Domain Name: EXAMPLE\.COM/i },
  ])("over $protocol: the normalized record and each hop's raw answer, registry then registrar", async ({ protocol, first, raw }) => {
    const { status, json } = await lookup({ query: "example.com", protocol, fresh: true });
    expect(status).toBe(200);
    expect(json.cached).toBe(false);
    expect(json.record).toMatchObject({ query: "example.com", kind: "domain", status: "registered", domain: { name: "example.com" } });
    expect(json.record.raw).toBeUndefined(); // as `lookup --json` prints it
    expect(json.hops.length).toBeGreaterThanOrEqual(2);
    expect(json.hops[0].server).toBe(first);
    expect(json.hops[0].protocol).toBe(protocol);
    expect(json.hops[0].raw).toMatch(raw);
    expect(json.hops.map((h: Json) => h.server)).toEqual(json.record.chain.map((h: Json) => h.server));
    for (const [i, hop] of json.hops.entries()) {
      expect(Date.parse(hop.startedAt)).not.toBeNaN();
      if (i > 0) expect(Date.parse(hop.startedAt)).toBeGreaterThanOrEqual(Date.parse(json.hops[i - 1].startedAt));
      expect(hop.durationMs).toBeGreaterThanOrEqual(0);
      expect(hop.raw.length).toBeGreaterThan(0);
    }
  });

  it("serves a repeated lookup from recent answers, and keeps the record in the store", async () => {
    await lookup({ query: "acme-widgets.com", fresh: true });
    const before = c().console.sandbox!.stats();
    const again = await lookup({ query: "acme-widgets.com" });
    expect(again.json.cached).toBe(true);
    expect(c().console.sandbox!.stats()).toEqual(before);
    const stored = await c().console.store.latestRecords(["acme-widgets.com"]);
    expect(stored.get("acme-widgets.com")?.status).toBe("registered");
  });

  it("an unregistered name is a record (status available), a malformed query a 400 with the lookup's own code", async () => {
    const free = await lookup({ query: "never-registered-example.com" });
    expect(free.status).toBe(200);
    expect(free.json.record.status).toBe("available");
    const bad = await lookup({ query: "not a domain!!" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("WL_ERR_INVALID_QUERY");
  });

  it("refuses bodies that fail the schema, naming the field", async () => {
    for (const [body, field] of [[{}, "query"], [{ query: "" }, "query"], [{ query: "example.com", protocol: "gopher" }, "protocol"], [{ query: "example.com", extra: 1 }, ""], [{ query: "x".repeat(5000) }, "query"]] as const) {
      const { status, json } = await lookup(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("WL_ERR_API_REQUEST");
      if (field !== "") expect(json.error.message).toContain(`"${field}"`);
    }
  });
});

describe("console API: bulk jobs", () => {
  let dir: string;
  let c: TestConsole;
  const queries = ["example.com", "acme-widgets.com", "example.org", "198.51.100.7", "AS64500", "never-registered-example.com", "bad query!!", "example.com"];
  let id: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-console-bulk-"));
    c = await startTestConsole({ store: join(dir, "store.db") });
  });
  afterAll(async () => {
    await c?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts a job, streams its progress to the end, and pages its results in input order", async () => {
    const started = await c.api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ queries }) });
    expect(started.status).toBe(200);
    ({ id } = (await started.json()) as { id: string });
    const stream = await c.api(`/api/bulk/${id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream, (e) => e.event === "end");
    const progress = events.filter((e) => e.event === "progress").map((e) => e.data as Json);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const [i, p] of progress.entries()) {
      expect(p.total).toBe(7); // the duplicate is asked once
      if (i > 0) expect(p.done + p.failed).toBeGreaterThanOrEqual(progress[i - 1]!.done + progress[i - 1]!.failed);
    }
    const end = events.at(-1)!;
    expect(end.event).toBe("end");
    expect(end.data).toMatchObject({ total: 7, done: 6, failed: 1, state: "done" });

    const status = (await (await c.api(`/api/bulk/${id}`)).json()) as Json;
    expect(status).toEqual({ id, total: 7, done: 6, failed: 1, state: "done" });

    const first = (await (await c.api(`/api/bulk/${id}/results?offset=0&limit=4`)).json()) as Json;
    const second = (await (await c.api(`/api/bulk/${id}/results?offset=4&limit=4`)).json()) as Json;
    expect(first.total).toBe(7);
    const items = [...first.items, ...second.items];
    expect(items.map((i: Json) => i.query)).toEqual(queries.slice(0, 7));
    expect(items[0]).toMatchObject({ query: "example.com", state: "done", record: { status: "registered", domain: { name: "example.com" } } });
    expect(items[3].record).toMatchObject({ kind: "ip", network: { cidrs: ["198.51.100.0/24"] } });
    expect(items[5].record.status).toBe("available");
    expect(items[6]).toMatchObject({ query: "bad query!!", state: "failed", error: { code: "WL_ERR_INVALID_QUERY" } });
    expect(items[6].record).toBeUndefined();

    const ndjson = await c.api(`/api/bulk/${id}/results.ndjson`);
    expect(ndjson.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines = (await ndjson.text()).trim().split("\n").map((l) => JSON.parse(l) as Json);
    expect(lines).toEqual(items);
  }, 60_000);

  it("a finished job's stream sends its last state and ends at once; an unknown job is a 404", async () => {
    const events = await readEvents(await c.api(`/api/bulk/${id}/events`), () => false, 5000);
    expect(events.map((e) => e.event)).toEqual(["progress", "end"]);
    // A bulk job is not a footprint, whatever route is asked.
    expect((await c.api(`/api/footprint/${id}/events`)).status).toBe(404);
    expect((await c.api(`/api/footprint/${id}/graph`)).status).toBe(404);
    const missing = await c.api("/api/bulk/b-ffffffffffffffff");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).error.code).toBe("WL_ERR_API_NOT_FOUND");
  });

  it("results survive a restart of the console on the same store", async () => {
    await c.close();
    c = await startTestConsole({ store: join(dir, "store.db") });
    const status = (await (await c.api(`/api/bulk/${id}`)).json()) as Json;
    expect(status).toEqual({ id, total: 7, done: 6, failed: 1, state: "done" });
    const page = (await (await c.api(`/api/bulk/${id}/results?limit=10`)).json()) as Json;
    expect(page.items[1]).toMatchObject({ query: "acme-widgets.com", state: "done", record: { status: "registered" } });
    expect(page.items[6].error.code).toBe("WL_ERR_INVALID_QUERY");
  }, 30_000);

  it("a job cut short by a shutdown is marked interrupted at the next start, its stored results still readable", async () => {
    const many = Array.from({ length: 200 }, (_, i) => `name${i}-example.com`);
    const started = (await (await c.api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ queries: many }) })).json()) as { id: string };
    await c.close();
    c = await startTestConsole({ store: join(dir, "store.db") });
    const status = (await (await c.api(`/api/bulk/${started.id}`)).json()) as Json;
    expect(status.state).toBe("interrupted");
    expect(status.total).toBe(200);
    const page = (await (await c.api(`/api/bulk/${started.id}/results?limit=200`)).json()) as Json;
    expect(page.total).toBe(200);
  }, 30_000);
});
