import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PoliteScheduler } from "../../../src/bulk/index.js";
import { runWatch, WatchStore, type WatchRunResult } from "../../../src/defend/watch/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { loadServerMap } from "../../../src/servers/server-map.js";
import { Store } from "../../../src/store/index.js";
import { drive, ManualClock } from "../../helpers/manual-clock.js";
import { daysFromNow, REG_ONE, REGISTRY, SecondWorld, type Registration } from "./helpers/second-world.js";
import { ACME, startSecondWorld } from "./helpers/second-world-server.js";

/**
 * `watch run`'s deferral past --max-retry-wait, decided on the scheduler's clock (a ManualClock: its waits
 * take no real time, and no answer's speed changes the outcome). Nominet (RDAP) answers a 429 with a
 * Retry-After for the first .co.uk object; AFNIC answers everything. One lookup at a time (concurrency 1),
 * so which objects are deferred is fixed: the throttled one and every later .co.uk one, never a .fr one.
 * - 59 s or 60 s (the cap is 60 s): waited out, asked again, and every change alerts in this pass.
 * - 61 s: Nominet is paused for the pass: its objects fail (WL_ERR_THROTTLED, baselines kept) without being
 *   asked again; the .fr ones alert; the next pass (the limit lifted) alerts the deferred ones, once each.
 */
const CAP_MS = 60_000;
const UK = ["acme-uk-1.co.uk", "acme-uk-2.co.uk", "acme-uk-3.co.uk"];
const FR = ["acme-fr-1.fr", "acme-fr-2.fr"];
const THROTTLED = UK[0]!;
const common = { registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], created: "2012-03-01T09:00:00Z", updated: "2026-03-02T11:00:00Z", expires: daysFromNow(300) };
const NEW_HOLDER = { handle: "AH9-NOMINET", org: "Acme Holdings Ltd", email: "domains@acme-holdings.example" };

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function scenario(retryAfterSeconds: number, once: boolean) {
  const world = new SecondWorld([...UK, ...FR].map((name, i): Registration => ({ ...common, name, holder: { ...ACME, handle: `AW${i}-X` } })), []);
  const served = await startSecondWorld(world);
  const dir = mkdtempSync(join(tmpdir(), "wl-watch-clock-"));
  const store = await Store.open(join(dir, "s.db"));
  cleanup = async () => {
    await closeRdapAgents();
    await store.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const watch = new WatchStore(store.db);
  for (const name of [...UK, ...FR]) await watch.add({ kind: "domain", value: name, crownJewel: false }, "2026-12-01T00:00:00Z");
  const servers = loadServerMap(served.serverMap);
  const pass = (clock: ManualClock): Promise<WatchRunResult> =>
    drive(clock, runWatch(store, {
      lookup: { servers, mappedOnly: true, protocol: "rdap", hopTimeoutMs: 5000 },
      scheduler: new PoliteScheduler({ servers, maxRetryWaitMs: CAP_MS, clock }),
      concurrency: 1, nearDays: 0, dns: false,
    }));
  const first = await pass(new ManualClock());
  expect(first.failed).toEqual([]);
  expect(first.alerts).toEqual([]);
  for (const name of [...UK, ...FR]) world.update(name, { holder: NEW_HOLDER });
  world.retryAfterSeconds = retryAfterSeconds;
  world.faults.set(THROTTLED, "rate-limit");
  if (once) world.onceLimited.add(THROTTLED);
  world.log.length = 0;
  const clock = new ManualClock();
  const second = await pass(clock);
  const log = [...world.log];
  world.faults.clear();
  const third = await pass(new ManualClock());
  return { second, third, log, clock };
}

const changed = (r: WatchRunResult) => r.alerts.map((a) => `${a.domain} ${a.kind}`).sort();
const every = [...UK, ...FR].map((n) => `${n} contact-changed`).sort();
const askedAt = (log: { host: string; query: string }[], host: string) => log.filter((q) => q.host === host).map((q) => q.query);

describe("watch run's --max-retry-wait deferral on the scheduler's clock (RDAP, concurrency 1)", () => {
  for (const seconds of [59, 60]) {
    it(`Retry-After ${seconds} s, the cap 60 s: waited out on the clock, asked again, every change alerts in the pass`, async () => {
      const { second, third, log, clock } = await scenario(seconds, true);
      expect(second.failed).toEqual([]);
      expect(changed(second)).toEqual(every);
      expect(askedAt(log, REGISTRY.uk.rdap).filter((q) => q.endsWith(THROTTLED))).toHaveLength(2);
      // The wait: at least what was asked, at most the cap (its jitter capped), on the clock.
      expect(clock.now()).toBeGreaterThanOrEqual(seconds * 1000);
      expect(third.alerts).toEqual([]);
    }, 60_000);
  }

  it("Retry-After 61 s: Nominet paused for the pass, its objects deferred unasked, AFNIC's alert; next pass alerts the rest once", async () => {
    const { second, third, log, clock } = await scenario(61, false);
    expect(second.failed.map((f) => [f.query, f.code]).sort()).toEqual(UK.map((n) => [n, "WL_ERR_THROTTLED"]));
    expect(changed(second)).toEqual(FR.map((n) => `${n} contact-changed`));
    // Asked once (the 429), the other .co.uk never: deferred without a second ask, and no wait was taken.
    expect(askedAt(log, REGISTRY.uk.rdap).filter((q) => UK.some((n) => q.endsWith(n)))).toHaveLength(1);
    expect(askedAt(log, REGISTRY.fr.rdap).filter((q) => FR.some((n) => q.endsWith(n)))).toHaveLength(FR.length);
    expect(clock.now()).toBeLessThan(CAP_MS);
    expect(third.failed).toEqual([]);
    expect(changed(third)).toEqual(UK.map((n) => `${n} contact-changed`).sort());
  }, 60_000);
});
