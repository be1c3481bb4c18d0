import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { footprint, QueryMeter, WhoisXmlSource, WhoxySource, type ApiContext } from "../../src/footprint/index.js";
import { startWorld } from "./world.js";
import { useServer } from "../helpers/servers.js";

const WHOISXML = "https://reverse-whois.whoisxmlapi.com/api/v2";
const WHOXY = "https://api.whoxy.com/";

describe("commercial reverse-WHOIS adapters against the sandbox's endpoints", () => {
  const world = useServer(startWorld);
  let cacheDir: string;
  const api = (): ApiContext => ({ servers: world().lookup.servers!, mappedOnly: true, cacheDir });

  const freshCache = (): void => {
    cacheDir = mkdtempSync(join(tmpdir(), "whoislens-reverse-"));
  };
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("WhoisXML: a free preview, then one purchase; asked again, nothing is sent", async () => {
    freshCache();
    world().sandbox.resetCounters();
    const meter = new QueryMeter(100);
    const source = new WhoisXmlSource("sandbox-key", { ...api(), onQuery: meter.count }, WHOISXML);
    const first = await source.search("email", "hostmaster@acme-widgets.example", 200);
    expect(first.matches.map((m) => m.domain).sort()).toEqual(["acme-widgets.com", "acme-widgets.net", "example.com", "example.net"]);
    expect(meter.spend).toMatchObject({ total: 2, paid: 1 });
    const again = await source.search("email", "HOSTMASTER@acme-widgets.example", 200);
    expect(again.matches).toHaveLength(4);
    expect(meter.spend.total).toBe(2);
    expect(world().sandbox.stats()["reverse-whois.whoisxmlapi.com"]).toBe(2);
  });

  it("WhoisXML: over the fan-out limit, the preview's count is noted and nothing is purchased", async () => {
    freshCache();
    const meter = new QueryMeter(100);
    const source = new WhoisXmlSource("sandbox-key", { ...api(), onQuery: meter.count }, WHOISXML);
    const result = await source.search("organization", "Acme Widgets", 2);
    expect(result.matches).toEqual([]);
    expect(result.total).toBeGreaterThan(2);
    expect(result.notes.join(" ")).toMatch(/not purchased/);
    expect(meter.spend.paid).toBe(0);
  });

  it("WhoisXML: a wrong key is an error naming the provider, and is not cached", async () => {
    freshCache();
    const source = new WhoisXmlSource("wrong", api(), WHOISXML);
    await expect(source.search("email", "hostmaster@acme-widgets.example", 10)).rejects.toMatchObject({ code: "WL_ERR_HTTP" });
  });

  it("Whoxy: company search with registrant names, cached per page", async () => {
    freshCache();
    const meter = new QueryMeter(100);
    const source = new WhoxySource("sandbox-key", { ...api(), onQuery: meter.count }, WHOXY);
    const result = await source.search("organization", "Globex Corporation", 200);
    expect(result.matches.map((m) => [m.domain, m.registrantOrganization])).toEqual([["globex-example.com", "Globex Corporation"], ["globex-example.net", "Globex Corporation"]]);
    await source.search("organization", "Globex Corporation", 200);
    expect(meter.spend).toMatchObject({ total: 1, paid: 1 });
  });

  it("Whoxy: an error status becomes a note, not data", async () => {
    freshCache();
    const result = await new WhoxySource("wrong", api(), WHOXY).search("email", "hostmaster@acme-widgets.example", 10);
    expect(result.matches).toEqual([]);
    expect(result.notes).toEqual(["whoxy: Invalid API Key"]);
  });

  it.each(["auto", "whois"] as const)("footprint with only a paid API (no store) still finds the organisation's published domains (--protocol %s)", async (protocol) => {
    freshCache();
    const meter = new QueryMeter(300);
    const graph = await footprint(["example.com"], {
      lookup: { ...world().lookup, protocol }, dns: { resolver: world().resolver }, meter,
      reverseSources: [new WhoxySource("sandbox-key", { ...api(), onQuery: meter.count }, WHOXY)],
    });
    const domains = graph.nodes.filter((n) => n.type === "domain" && n.owned).map((n) => n.value);
    expect(domains).toEqual(expect.arrayContaining(["example.com", "acme-widgets.com", "example.net", "acme-widgets.net"]));
    expect(domains).not.toContain("globex-example.com");
    expect(graph.spend.paid).toBeGreaterThan(0);
    expect(graph.spend.byServer["api.whoxy.com"]).toBe(graph.spend.paid);
  });
});
