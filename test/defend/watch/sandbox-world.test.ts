import { describe, expect, it } from "vitest";
import { crownJewels, runWatch, WatchStore, type WatchRunOptions } from "../../../src/defend/watch/index.js";
import { lookup as realLookup, type LookupOptions } from "../../../src/lookup/index.js";
import { sandboxStore } from "./helpers/sandbox-store.js";

/** sunset-example.app is RDAP-only (no port 43 after the gTLD sunset): watched where RDAP is asked. */
const domainsFor = (protocol: string): string[] => ["example.com", "acme-widgets.com", "acme-widgets.net", "example.org", ...(protocol === "auto" ? ["sunset-example.app"] : [])];
const NETBLOCKS = ["198.51.100.0/24", "203.0.113.0/24"];

/**
 * The second world: the project's sandbox (written apart from watch-world.ts, Verisign-thin → registrar
 * referrals, ARIN/RIPE networks). It never changes, so after the first look nothing may alert; a
 * netblock whose holder is then rewritten in the answer must raise network-changed and nothing else.
 */
describe.each(["auto", "whois"] as const)("watch on the sandbox world (--protocol %s)", (protocol) => {
  let options: Partial<WatchRunOptions>;
  const now = new Date("2026-01-15T00:00:00Z");
  const world = sandboxStore("wl-watch-sbx-", async ({ store, lookup }) => {
    const watch = new WatchStore(store.db);
    for (const domain of domainsFor(protocol)) await watch.add({ kind: "domain", value: domain, crownJewel: domain === "example.com" }, now.toISOString());
    for (const block of NETBLOCKS) await watch.add({ kind: "netblock", value: block, crownJewel: false }, now.toISOString());
    await watch.add({ kind: "lookalikes", value: "acme-widgets.com", crownJewel: false }, now.toISOString());
    // The candidates are given and asked directly (no DNS check: the sandbox zone does not list these two).
    options = { lookup: { ...lookup, protocol }, now: () => now, nearDays: 0, dns: false, candidates: () => [{ domain: "acmewidgets-store.com", fuzzer: "addition" }, { domain: "never-registered-example.com", fuzzer: "various" }] };
  });

  it("first look: only the lookalike already registered; second look: nothing", async () => {
    const first = await runWatch(world.store, options);
    expect(first.failed).toEqual([]);
    expect(first.checked).toBe(domainsFor(protocol).length + NETBLOCKS.length + 2);
    expect(first.alerts.map((a) => [a.kind, a.domain, a.evidence.note])).toEqual([["lookalike-registered", "acmewidgets-store.com", "fuzzer addition of acme-widgets.com"]]);
    const second = await runWatch(world.store, options);
    expect(second.failed).toEqual([]);
    expect(second.checked).toBe(first.checked);
    expect(second.alerts).toEqual([]);
    expect(await crownJewels(world.store)).toEqual(["example.com"]);
  }, 60_000);

  it("a netblock whose holder changes raises network-changed, once", async () => {
    const rewritten = async (query: string, lookupOptions: Partial<LookupOptions>) => {
      const record = await realLookup(query, lookupOptions);
      return query === "203.0.113.0/24" && record.network ? { ...record, network: { ...record.network, organization: "Hijacked Holdings" } } : record;
    };
    const third = await runWatch(world.store, { ...options, lookupFn: rewritten });
    expect(third.checked).toBe(domainsFor(protocol).length + NETBLOCKS.length + 2);
    expect(third.alerts.map((a) => [a.kind, a.domain, a.severity])).toEqual([["network-changed", "203.0.113.0/24", "medium"]]);
    expect(third.alerts[0]?.after).toContain("organization: Hijacked Holdings");
    expect((await runWatch(world.store, { ...options, lookupFn: rewritten })).alerts).toEqual([]);
  }, 60_000);
});
