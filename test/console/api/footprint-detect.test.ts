import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { readEvents, startTestConsole, useTestConsole, type TestConsole } from "./helpers.js";

type Json = Record<string, any>;
const JSON_HEADERS = { "content-type": "application/json" };
const FIXTURES = new URL("../../detect/fixtures/", import.meta.url);

describe.each(["auto", "whois"] as const)("console API: footprint of the sandbox organisation (--protocol %s)", (protocol) => {
  let c: TestConsole;
  let id: string;
  let events: { event: string; data: unknown }[];
  beforeAll(async () => {
    c = await startTestConsole();
    // The store learns the world's domains as a team's bulk runs would teach it (footprint's reverse lookups read it).
    const zone = c.console.sandbox!.describe().filter((n) => n.kind === "domain" && n.expect === "registered").map((n) => n.query);
    const bulk = (await (await c.api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ queries: zone }) })).json()) as { id: string };
    await readEvents(await c.api(`/api/bulk/${bulk.id}/events`), (e) => e.event === "end", 60_000);
    const started = await c.api("/api/footprint", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ seed: "example.com", protocol, depth: 3 }) });
    expect(started.status).toBe(200);
    ({ id } = (await started.json()) as { id: string });
    events = await readEvents(await c.api(`/api/footprint/${id}/events`), (e) => e.event === "end", 90_000);
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  it("streams progress, then end", () => {
    expect(events.filter((e) => e.event === "progress").length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toMatchObject({ event: "end", data: { state: "done" } });
    expect((events.at(-2)!.data as Json).nodes).toBeGreaterThan(5);
  });

  it("answers the graph in the contract's names, Acme's assets owned, every edge with its evidence", async () => {
    const graph = (await (await c.api(`/api/footprint/${id}/graph`)).json()) as Json;
    const owned = new Set(graph.nodes.filter((n: Json) => n.owned).map((n: Json) => n.label));
    for (const asset of ["example.com", "acme-widgets.com", "198.51.100.0/24", "AS64500"]) expect(owned, asset).toContain(asset);
    expect(owned).not.toContain("globex-example.com");
    const ids = new Set(graph.nodes.map((n: Json) => n.id));
    for (const node of graph.nodes) expect(Object.keys(node).sort()).toEqual(["confidence", "id", "label", "owned", "seed", "type"]);
    expect(graph.edges.length).toBeGreaterThan(5);
    for (const edge of graph.edges) {
      expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
      expect(edge.kind).toMatch(/\S/);
      expect(edge.evidence).toHaveLength(1);
      expect(edge.evidence[0]).toEqual({ server: expect.any(String), protocol: expect.any(String), field: expect.any(String), value: expect.any(String), text: expect.stringMatching(/\S/) });
    }
    // An edge read from a registration answer names its server and protocol.
    const fromRecord = graph.edges.filter((e: Json) => e.evidence[0].protocol === (protocol === "whois" ? "whois" : "rdap"));
    expect(fromRecord.length).toBeGreaterThan(0);
    for (const edge of fromRecord) expect(edge.evidence[0].server).toMatch(/^[a-z0-9.-]+$/);
  });

  it("exports every format footprint writes, as downloads", async () => {
    const checks: Record<string, (text: string) => void> = {
      json: (t) => expect(JSON.parse(t).nodes.length).toBeGreaterThan(5),
      graphml: (t) => expect(t).toMatch(/^<\?xml[\s\S]*<graphml/),
      csv: (t) => expect(t.split("\n")[0]).toMatch(/,/),
      stix: (t) => expect(JSON.parse(t).type).toBe("bundle"),
      md: (t) => expect(t).toMatch(/^#/m),
      html: (t) => expect(t).toMatch(/<html/i),
    };
    for (const [format, check] of Object.entries(checks)) {
      const response = await c.api(`/api/footprint/${id}/export/${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="footprint-f-[0-9a-f]+\./);
      check(await response.text());
    }
  });
});

describe("console API: detect uploads and the alert inbox", () => {
  const c = useTestConsole();

  it.each(["eve.json", "dnsmasq.log"])("%s (plain and gzip): the same alerts as detect on the file, evidence naming the upload; they reach the live stream and the inbox", async (name) => {
    const bytes = readFileSync(new URL(name, FIXTURES));
    const expected = await detectFiles([new URL(name, FIXTURES).pathname]);
    expect(expected.alerts.length).toBeGreaterThan(0);
    const live = await c().api("/api/alerts/events");
    expect(live.status).toBe(200);
    let seen = 0;
    const received = readEvents(live, (e) => e.event === "alert" && ++seen === 2 * expected.alerts.length, 20_000);
    for (const body of [bytes, gzipSync(bytes)]) {
      const response = await c().api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body });
      expect(response.status).toBe(200);
      const result = (await response.json()) as Json;
      expect(result.alerts.map((a: Json) => a.rule.id)).toEqual(expected.alerts.map((a) => a.ruleId));
      expect(result.alerts[0]["@timestamp"]).toMatch(/^\d{4}-/);
      expect(result.alerts[0].threat.technique.id).toBe("T1596.002");
      for (const alert of result.alerts) for (const e of alert.whoislens.evidence) expect(e.file).toBe("upload");
      expect(result.stats).toEqual([expect.objectContaining({ file: "upload", format: expected.stats[0]!.format, events: expected.stats[0]!.events })]);
    }
    const got = await received;
    // Both uploads' alerts arrived live, in order.
    expect(got.filter((e) => e.event === "alert").map((e) => (e.data as Json).alert.rule.id)).toEqual([...expected.alerts, ...expected.alerts].map((a) => a.ruleId));
    const inbox = (await (await c().api("/api/alerts?limit=1000")).json()) as Json;
    expect(inbox.total).toBeGreaterThanOrEqual(2 * expected.alerts.length);
    expect(inbox.items[0].id).toBeGreaterThan(inbox.items.at(-1).id); // newest first
    expect(inbox.items[0]).toMatchObject({ origin: "detect", alert: { event: { kind: "alert" } } });
  }, 60_000);

  it("reads the upload as the format given by ?format=, and refuses an unknown one", async () => {
    const bytes = readFileSync(new URL("dnsmasq.log", FIXTURES));
    const forced = (await (await c().api("/api/detect?format=dnsmasq", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes })).json()) as Json;
    expect(forced.stats[0].format).toBe("dnsmasq");
    const bad = await c().api("/api/detect?format=../../etc/passwd", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error.code).toBe("WL_ERR_API_REQUEST");
  });

  it("a file detect cannot read gives stats with the error, not a failure", async () => {
    const response = await c().api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: "hello\nthis is not a log\n" });
    const result = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(result.alerts).toEqual([]);
    expect(result.stats[0].error).toMatch(/unrecognized log format in upload/);
    expect(JSON.stringify(result)).not.toContain("whoislens-console-");
  });

  it("exports the rules as Sigma and Suricata", async () => {
    const sigma = await c().api("/api/rules/sigma");
    expect(sigma.status).toBe(200);
    expect(await sigma.text()).toMatch(/^title: /m);
    const suricata = await c().api("/api/rules/suricata");
    expect(await suricata.text()).toMatch(/^alert /m);
  });
});
