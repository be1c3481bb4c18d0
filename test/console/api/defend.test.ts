import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { WatchWorld } from "../../../src/server/dataset/watch-world.js";
import { EXPECTED, findingLines } from "../../defend/audit/world.js";
import { initialDomains } from "../../defend/watch/helpers/scenario.js";
import { startWorldServer, type WorldServer } from "../../defend/watch/helpers/world-server.js";
import { readEvents, startTestConsole, useTestConsole, type TestConsole } from "./helpers.js";

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("POST /api/audit over the sandbox", () => {
  const c = useTestConsole();

  it("answers the findings of test/defend/audit/sandbox-expected.json, most severe first", async () => {
    const response = await c().api("/api/audit", json({ domains: EXPECTED.domains, crownJewels: EXPECTED.crownJewels, asOf: EXPECTED.asOf }));
    expect(response.status).toBe(200);
    const report = (await response.json()) as { findings: { id: string; severity: string; domain: string; evidence: { field: string; value: string } }[]; domains: { domain: string; status: string; crownJewel: boolean }[] };
    const lost = EXPECTED.protocolOnly.rdap;
    const want = Object.fromEntries(Object.entries(EXPECTED.findings).map(([d, lines]) => [d, lines.filter((l) => !lost.includes(`${d} ${l}`))]).filter(([, l]) => (l ?? []).length > 0));
    expect(findingLines(report as never)).toEqual(want);
    for (const f of report.findings) expect(f.severity, f.id).toBe(EXPECTED.severities[f.id]);
    expect(report.domains.find((d) => d.domain === "example.com")?.crownJewel).toBe(true);
  }, 60_000);

  it("?format=sarif and html are attachments; a bad domain or format is a 400 naming it", async () => {
    const sarif = await c().api("/api/audit?format=sarif", json({ domains: ["acme-legacy.com"], asOf: EXPECTED.asOf }));
    expect(sarif.status).toBe(200);
    expect(sarif.headers.get("content-disposition")).toMatch(/^attachment; filename="whoislens-audit\.sarif"/);
    const log = (await sarif.json()) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toContain("WL-AUDIT-NS-DANGLING");
    const html = await c().api("/api/audit?format=html", json({ domains: ["acme-legacy.com"], asOf: EXPECTED.asOf }));
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.headers.get("content-disposition")).toMatch(/^attachment/);
    const bad = await c().api("/api/audit", json({ domains: ["example.com", "not a domain"] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error.message).toContain('"not a domain" is not a domain name');
    expect((await c().api("/api/audit?format=exe", json({ domains: ["example.com"] }))).status).toBe(400);
    expect((await c().api("/api/audit", json({ domains: [] }))).status).toBe(400);
    // Fits the schema's pattern but is no time: the shared parseAsOf (defend/audit/as-of.ts) names the field.
    const when = await c().api("/api/audit", json({ domains: ["example.com"], asOf: "2027-01-31T25:99" }));
    expect(when.status).toBe(400);
    expect(((await when.json()) as { error: { message: string } }).error.message).toBe('asOf needs an ISO 8601 date such as 2027-01-31, got "2027-01-31T25:99"');
  }, 60_000);

  it("answers 503 WL_ERR_API_BUSY past two audits at once, and takes audits again once they end", async () => {
    // Three sent together: each looks up 8 domains and their name servers' domains (a second or so here), so the third arrives while two run.
    const answers = await Promise.all([0, 1, 2].map(() => c().api("/api/audit", json({ domains: EXPECTED.domains, asOf: EXPECTED.asOf }))));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 503]);
    const busy = answers.find((r) => r.status === 503)!;
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("WL_ERR_API_BUSY");
    expect((await c().api("/api/audit", json({ domains: ["example.org"] }))).status).toBe(200);
  }, 60_000);

  it("watched: true audits the watch list's domains with their crown-jewel marks", async () => {
    expect((await c().api("/api/watch", json({ kind: "domain", value: "example.com", crownJewel: true }))).status).toBe(200);
    const report = (await (await c().api("/api/audit", json({ domains: ["example.net"], watched: true, asOf: EXPECTED.asOf }))).json()) as { domains: { domain: string; crownJewel: boolean }[]; findings: { id: string; domain: string }[] };
    expect(report.domains.map((d) => [d.domain, d.crownJewel])).toEqual([["example.net", false], ["example.com", true]]);
    expect(report.findings.some((f) => f.id === "WL-AUDIT-REGISTRY-LOCK-MISSING" && f.domain === "example.com")).toBe(true);
  }, 60_000);
});

describe.each(["rdap", "whois"] as const)("/api/watch over a changing world (the watch tests' WatchWorld, served on loopback; --protocol %s)", (protocol) => {
  let c: TestConsole;
  let server: WorldServer;
  beforeAll(async () => {
    server = await startWorldServer(new WatchWorld(initialDomains()));
    c = await startTestConsole({ sandbox: false, lookup: { ...server.lookup, protocol } });
  }, 30_000);
  afterAll(async () => {
    await c?.close();
    await closeRdapAgents();
    await server?.close();
  });

  it("adds, lists and removes entries with the CLI's validation", async () => {
    const added = await c.api("/api/watch", json({ kind: "domain", value: "ACME-Widgets.org.", crownJewel: true }));
    expect(added.status).toBe(200);
    expect(((await added.json()) as { entry: { id: string; crownJewel: boolean }; added: boolean })).toMatchObject({ entry: { id: "domain:acme-widgets.org", crownJewel: true }, added: true });
    expect((await c.api("/api/watch", json({ kind: "domain", value: "acme-mail.org" }))).status).toBe(200);
    expect((await c.api("/api/watch", json({ kind: "netblock", value: "198.51.100.0/24" }))).status).toBe(200);
    const bad = await c.api("/api/watch", json({ kind: "term", field: "email", value: "not-an-address" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
    expect((await c.api("/api/watch", json({ kind: "domain", value: "bad..name" }))).status).toBe(400);
    // Lookalike sets run on the lookalikes generator (src/defend/watch/lookalike-candidates.ts), as in the CLI.
    expect((await c.api("/api/watch", json({ kind: "lookalikes", value: "acme-widgets.org" }))).status).toBe(200);
    expect((await c.api(`/api/watch/${encodeURIComponent("lookalikes:acme-widgets.org")}`, { method: "DELETE" })).status).toBe(200);
    expect((await c.api("/api/watch", json({ kind: "netblock", value: "198.51.100.0/24", crownJewel: true }))).status).toBe(400);
    const removed = await c.api(`/api/watch/${encodeURIComponent("netblock:198.51.100.0/24")}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect((await c.api(`/api/watch/${encodeURIComponent("netblock:198.51.100.0/24")}`, { method: "DELETE" })).status).toBe(404);
    const list = (await (await c.api("/api/watch")).json()) as { items: { id: string; crownJewel: boolean }[] };
    expect(list.items.map((e) => [e.id, e.crownJewel])).toEqual([["domain:acme-mail.org", false], ["domain:acme-widgets.org", true]]);
  });

  it("a watch pass runs as a job; its alert arrives on /api/alerts/events, in /api/watch/alerts and in the history", async () => {
    const pass = async (): Promise<string> => {
      const started = await c.api("/api/watch/run", { method: "POST" });
      expect(started.status).toBe(200);
      const { id } = (await started.json()) as { id: string };
      const events = await readEvents(await c.api(`/api/watch/runs/${id}/events`), (e) => e.event === "end");
      expect(events.at(-1)).toMatchObject({ event: "end", data: { state: "done" } });
      return id;
    };
    const first = await pass();
    expect(((await (await c.api(`/api/watch/runs/${first}`)).json()) as { alerts: number; checked: number })).toMatchObject({ alerts: 0, checked: 2 });
    server.world.update("acme-widgets.org", { registrar: { name: "Registrar Two GmbH", ianaId: "9992" } });
    const stream = await c.api("/api/alerts/events");
    const arriving = readEvents(stream, (e) => e.event === "alert");
    await pass();
    const [alert] = await arriving;
    const item = alert!.data as { origin: string; alert: { rule: { id: string }; destination: { domain: string }; whoislens: { severity: string; watch: { before: string; after: string } } } };
    expect(item.origin).toBe("watch");
    expect(item.alert.rule.id).toBe("watch/registrar-changed");
    expect(item.alert.destination.domain).toBe("acme-widgets.org");
    // A crown jewel's alerts are one severity higher (registrar-changed is high).
    expect(item.alert.whoislens.severity).toBe("critical");
    expect(item.alert.whoislens.watch.after).toContain("Registrar Two GmbH");
    const stored = (await (await c.api("/api/watch/alerts")).json()) as { items: { kind: string; domain: string; id: string }[] };
    expect(stored.items.map((a) => [a.kind, a.domain])).toEqual([["registrar-changed", "acme-widgets.org"]]);
    const history = (await (await c.api("/api/watch/acme-widgets.org/history")).json()) as { domain: string; events: { kind: string; before: string | null; after: string | null; alert?: string }[] };
    expect(history.events.map((e) => e.kind)).toEqual(["first-seen", "registrar-changed"]);
    expect(history.events[1]).toMatchObject({ alert: stored.items[0]!.id });
    expect(history.events[1]!.before).toContain("Registrar One");
    expect((await c.api("/api/watch/not%20a%20domain/history")).status).toBe(400);
  }, 60_000);
});
