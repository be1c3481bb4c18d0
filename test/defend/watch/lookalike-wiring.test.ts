import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookalikeCandidates } from "../../../src/defend/watch/lookalike-candidates.js";
import { runWatch, WatchStore } from "../../../src/defend/watch/index.js";
import type { LookupOptions } from "../../../src/lookup/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { startSandbox, type Sandbox } from "../../../src/server/index.js";
import { Bootstrap } from "../../../src/servers/bootstrap.js";
import { loadServerMap } from "../../../src/servers/server-map.js";
import { Store } from "../../../src/store/index.js";

/** The sandbox's registered look-alikes of example.com (src/server/dataset/lookalikes.ts). */
const REGISTERED = ["examp1e.com", "exampel.com", "exarnple.com", "xn--exmple-4nf.com"];

// `watch add --lookalikes` runs on the real generator of `whoislens lookalikes` (wired in the CLI). The
// pass below asks the registered look-alikes plus the 20 closest unregistered ones, not all ~7,000.
describe.each(["auto", "whois"] as const)("watch lookalikes through the real generator (--protocol %s)", (protocol) => {
  let sandbox: Sandbox;
  let store: Store;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), "wl-watch-lookalikes-"));
    store = await Store.open(join(dir, "s.db"));
    await new WatchStore(store.db).add({ kind: "lookalikes", value: "example.com", crownJewel: false }, new Date().toISOString());
  }, 30_000);
  afterAll(async () => {
    await closeRdapAgents();
    await store?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("closest first, every fuzzer tagged; the registered ones raise lookalike-registered, once", async () => {
    const generate = lookalikeCandidates;
    const all = generate("example.com");
    expect(all.length).toBeGreaterThan(1000);
    const distances = all.map((p) => p.distance);
    expect(distances).toEqual([...distances].sort((a, b) => (a ?? 0) - (b ?? 0)));
    for (const name of REGISTERED) expect(all.map((p) => p.domain)).toContain(name);
    const closest = all.filter((p) => !REGISTERED.includes(p.domain)).slice(0, 20);
    const candidates = () => [...closest, ...all.filter((p) => REGISTERED.includes(p.domain))];
    const lookup: Partial<LookupOptions> = { servers: loadServerMap(sandbox.serverMap), bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true, protocol };
    const first = await runWatch(store, { lookup, candidates });
    expect(first.alerts.filter((a) => a.kind === "lookalike-registered").map((a) => a.domain).sort()).toEqual(REGISTERED);
    expect(first.alerts.every((a) => a.kind === "lookalike-registered")).toBe(true);
    const fuzzerOf = new Map(all.map((p) => [p.domain, p.fuzzer]));
    for (const alert of first.alerts) expect(alert.evidence.note).toBe(`fuzzer ${fuzzerOf.get(alert.domain)} of example.com`);
    expect((await runWatch(store, { lookup, candidates })).alerts).toEqual([]);
  }, 120_000);
});
