import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoliteScheduler, type WaitEvent } from "../../src/bulk/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { runCli } from "../helpers/cli.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

describe("PoliteScheduler caps the waits servers ask for (issue #19)", () => {
  it("pauses a server that asks for more than the cap: the hop is throttled at once and later hops are not asked", async () => {
    const events: WaitEvent[] = [];
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 60_000, onWait: (e) => events.push(e), clock });
    let calls = 0;
    const throttled = (): HopOutcome => ({ kind: "throttled", retryAfterMs: 999_999_999_000 });
    const first = await clock.runUntil(scheduler.run("rdap.hostile.test", async () => ++calls, throttled, () => -1));
    const later = await clock.runUntil(Promise.all(Array.from({ length: 5 }, () => scheduler.run("rdap.hostile.test", async () => ++calls, throttled, () => -1))));
    expect(first).toBe(1);
    expect(later).toEqual([-1, -1, -1, -1, -1]);
    expect(calls).toBe(1);
    // At once: not a millisecond waited on the scheduler's clock.
    expect(clock.now()).toBe(0);
    expect(events).toEqual([{ server: "rdap.hostile.test", requestedMs: 999_999_999_000, waitMs: expect.any(Number) as number, paused: true, reason: "asked", refusals: 1 }]);
    expect(scheduler.stats()[0]?.pausedMs).toBeGreaterThan(600_000);
  });

  it("waits out a Retry-After within the cap, then asks again", async () => {
    const events: WaitEvent[] = [];
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 5_000, onWait: (e) => events.push(e), clock });
    const askedAt: number[] = [];
    const result = await clock.runUntil(scheduler.run("whois.brief.test", async () => askedAt.push(clock.now()), (n): HopOutcome => (n < 2 ? { kind: "throttled", retryAfterMs: 300 } : { kind: "ok" }), () => -1));
    expect(result).toBe(2);
    // Asked again no sooner than the Retry-After (a minimum: jitter only lengthens it).
    expect(askedAt[0]).toBe(0);
    expect(askedAt[1]).toBeGreaterThanOrEqual(300);
    expect(events[0]).toMatchObject({ server: "whois.brief.test", requestedMs: 300, paused: false });
  });

  it("caps our own backoff too, and a cap of 0 never waits", async () => {
    // A known 20 q/s: tokens come every 50 ms, but the backoff doubles from 100 ms to 25.6 s by the 8th retry.
    const servers = loadServerMap({ "whois.slow.test": { address: "127.0.0.1:1", qps: 20 } });
    const clock = new ManualClock();
    const capped = new PoliteScheduler({ servers, maxRetryWaitMs: 50, maxRetries: 8, clock });
    let calls = 0;
    await clock.runUntil(capped.run("whois.slow.test", async () => ++calls, (): HopOutcome => ({ kind: "throttled" })));
    expect(calls).toBe(9);
    // Uncapped: 100 + 200 + … + 25,600 ms ≈ 51 s on the clock; capped, 8 waits of at most 50 ms (and the pace).
    expect(clock.now()).toBeLessThanOrEqual(8 * 50 + 8 * 52);
    const never = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 0 });
    let asked = 0;
    await never.run("whois.x.test", async () => ++asked, (): HopOutcome => ({ kind: "throttled" }));
    expect(asked).toBe(1);
  });

  it("refuses a negative or non-finite cap by name", () => {
    expect(() => new PoliteScheduler({ maxRetryWaitMs: -1 })).toThrow(/maxRetryWaitMs/);
    expect(() => new PoliteScheduler({ maxRetryWaitMs: Number.NaN })).toThrow(/maxRetryWaitMs/);
  });
});

const rdapDomain = (name: string): string =>
  JSON.stringify({ objectClassName: "domain", ldhName: name, status: ["active"], events: [{ eventAction: "registration", eventDate: "2001-01-01T00:00:00Z" }] });

describe("whoislens bulk against hostile throttling servers", () => {
  let dir: string;
  let rdap: TestServer;
  let whois: TestServer;
  let retryAfter = "999999999";
  let rdapAsked = 0;
  /** How many 429s to give before answering (Infinity = never answer). */
  let refusals = Number.POSITIVE_INFINITY;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-retry-"));
    rdap = await httpServer((request, response) => {
      rdapAsked += 1;
      if (rdapAsked <= refusals) {
        response.writeHead(429, { "content-type": "application/rdap+json", "retry-after": retryAfter });
        response.end(JSON.stringify({ errorCode: 429, title: "Too Many Requests" }));
        return;
      }
      const name = decodeURIComponent((request.url ?? "").split("/").pop() ?? "");
      response.writeHead(200, { "content-type": "application/rdap+json" });
      response.end(rdapDomain(name));
    });
    whois = await tcpServer(whoisResponder(() => "% Too many queries from your address. Try later in 999999 seconds.\r\n"));
  });
  afterAll(async () => Promise.all([rdap.close(), whois.close()]));

  const env = (): NodeJS.ProcessEnv => ({ WHOISLENS_CACHE_DIR: mkdtempSync(join(dir, "cache-")), XDG_CONFIG_HOME: join(dir, "no-config") });
  const input = (name: string, count: number): string => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, `${Array.from({ length: count }, (_, i) => `${name}${i}.com`).join("\n")}\n`);
    return file;
  };
  const rdapArgs = (file: string, ...more: string[]): string[] => ["bulk", file, "--protocol", "rdap", "--rdap-url", `http://127.0.0.1:${rdap.port}/`, "--no-cache", "--store", join(dir, `${file.length}-${Math.random()}.db`), ...more];

  // "At once" without a wall-clock bound (one fails on a loaded machine): a run that waited the server's Retry-After,
  // even capped, would take at least the 60 s cap, so the test's own timeout, well under it, is what catches one.
  const RUN_LONGER_THAN_A_WAIT_MS = 45_000;

  it.each(["999999999", "600"])("RDAP 429 with Retry-After %s: the run ends at once, every query reported throttled, the server named on stderr", async (value) => {
    retryAfter = value;
    refusals = Number.POSITIVE_INFINITY;
    rdapAsked = 0;
    const run = await runCli(rdapArgs(input(`ra${value.length}x`, 20)), { env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/0 answered, 0 truncated, 0 failed, 20 throttled/);
    expect(run.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1 asked to wait \\d+ (s|min|h|d), over --max-retry-wait 60 s`));
    // Paused after the first refusals: the other queries were not sent to a server that asked for a break.
    expect(rdapAsked).toBeLessThan(8);
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { error?: { code: string } });
    expect(lines).toHaveLength(20);
    expect(lines.every((line) => line.error?.code === "WL_ERR_THROTTLED")).toBe(true);
  }, RUN_LONGER_THAN_A_WAIT_MS);

  it("port 43 'try later in 999999 seconds': same, with the wait read from the text", async () => {
    const map = join(dir, "map.json");
    writeFileSync(map, JSON.stringify({ "whois.verisign-grs.com": { address: `127.0.0.1:${whois.port}`, qps: 50, concurrency: 2 } }));
    const run = await runCli(["bulk", input("tl", 15), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", map, "--servers-only", "--store", join(dir, "tl.db")], { env: env() });
    expect(run.stderr).toMatch(/0 answered, 0 truncated, 0 failed, 15 throttled/);
    expect(run.stderr).toMatch(/whois\.verisign-grs\.com asked to wait 12 d, over --max-retry-wait 60 s/);
  }, RUN_LONGER_THAN_A_WAIT_MS);

  it("waits out a Retry-After within the cap, shows the wait on the progress line, and answers", async () => {
    retryAfter = "2";
    refusals = 1;
    rdapAsked = 0;
    const run = await runCli(rdapArgs(input("brief", 3)), { env: env(), tty: true });
    expect(run.stderr).toMatch(/3 answered, 0 truncated, 0 failed, 0 throttled/);
    expect(run.stderr).toMatch(/127\.0\.0\.1 waits \d s/);
  });

  it("--max-retry-wait lowers the cap; a bad value is a usage error naming the flag", async () => {
    retryAfter = "5";
    refusals = Number.POSITIVE_INFINITY;
    rdapAsked = 0;
    const run = await runCli(rdapArgs(input("cap", 4), "--max-retry-wait", "1"), { env: env() });
    // Not waited out (that was a wall-clock bound): a 5 s Retry-After over the 1 s cap pauses the server at
    // once, so no query is asked twice; under the default 60 s cap each would be asked again after 5 s.
    expect(rdapAsked).toBeLessThanOrEqual(4);
    expect(run.stderr).toMatch(/over --max-retry-wait 1 s/);
    expect(run.stderr).toMatch(/4 throttled/);
    const bad = await runCli(rdapArgs(input("bad", 1), "--max-retry-wait", "soon"), { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/WL_ERR_INVALID_OPTION: --max-retry-wait needs a whole number from 0 to 86400, got "soon"/);
  });
});
