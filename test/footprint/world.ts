import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import type { LookupOptions } from "../../src/lookup/index.js";
import { startSandbox, type Sandbox } from "../../src/server/index.js";
import { Bootstrap, loadServerMap } from "../../src/servers/index.js";
import { Store } from "../../src/store/index.js";

/** The sandbox organisation's assets (Acme Widgets), the truth footprint is scored against. */
export const ACME = {
  // beispiel.de and example.jp: registrants unpublished (DENIC, JPRS), tied by Acme's own name servers.
  domain: ["example.com", "acme-widgets.com", "example.net", "example.org", "acme-widgets.net", "acmewidgets-store.com", "acme-widgets.example", "beispiel.de", "example.jp"],
  network: ["198.51.100.0/24", "203.0.113.0/24", "2001:db8:1234::/48"],
  asn: ["AS64500", "AS64501", "AS65550"],
} as const;

/** Other organisations' domains in the world, sharing Acme's registrars and DNS host. */
export const UNRELATED_DOMAINS = ["xn--bcher-kva.de", "globex-example.com", "globex-example.net", "initech-example.com", "xn--caf-dma.com", "sunset-example.app", "privacy-example.com", "loop-referral.com", "private-referral.com"];

export interface World {
  sandbox: Sandbox;
  lookup: Partial<LookupOptions>;
  resolver: string;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox();
  const lookup: Partial<LookupOptions> = { servers: loadServerMap(sandbox.serverMap), bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true };
  return { sandbox, lookup, resolver: `${sandbox.dns.host}:${sandbox.dns.port}`, close: () => sandbox.close() };
}

/** A store that already knows every domain of the world, as a bulk run over a zone list would leave it. */
export async function zoneStore(world: World): Promise<Store> {
  const store = await Store.open(":memory:");
  const pass = await store.beginRun("zone", "zone", "{}", new Date().toISOString());
  const scheduler = new PoliteScheduler({ servers: world.lookup.servers! });
  const zone = world.sandbox.describe().filter((name) => name.kind === "domain" && name.expect === "registered").map((name) => name.query);
  async function* names(): AsyncGenerator<string> {
    yield* zone;
  }
  for await (const result of bulkLookup(names(), { lookup: { ...world.lookup, raw: true }, scheduler, concurrency: 8, perServer: 4, lookahead: 64, store: { store, runId: "zone", pass } })) {
    if (result.error && !/referral|private|loop/i.test(`${result.query} ${result.error.message}`)) throw new Error(`zone store: ${result.query}: ${result.error.message}`);
  }
  world.sandbox.resetCounters();
  return store;
}
