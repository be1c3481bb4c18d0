import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { logPause, prefixFor, RedisLimiter } from "../../src/scale/index.js";
import { runCli } from "../helpers/cli.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// `whoislens queue status` shows which servers are blocked or paused and for which run; `queue unblock HOST`
// asks them again (docs/scale.md "Refusals are obeyed per server"). Before, a block for good lived in the
// server's hash until `whoislens:<name>:srv:<host>` was deleted by hand.
const missing = skipReason("the queue unblock tests", redisMissing);

describe.skipIf(missing !== undefined)("queue status and queue unblock", () => {
  const { connect, url } = useRedis();
  const name = `unblock-cli-${process.pid}`;

  it("status names the blocked run and the pause; unblock clears them, says what it cleared, exit 0; the server is asked again", async () => {
    const limiter = new RedisLimiter(await connect(), prefixFor(name), "test");
    const grant = await limiter.take("whois.ripe.test", { qps: 10 }, 5000, "run-a");
    if (grant.kind !== "granted") throw new Error(`not granted: ${grant.kind}`);
    await limiter.settle("whois.ripe.test", grant.lease, "throttled", undefined, 0, 60_000, { permanent: true, run: "run-a" });
    const other = await limiter.take("rdap.slow.test", { qps: 10 }, 5000, "run-a");
    if (other.kind !== "granted") throw new Error(`not granted: ${other.kind}`);
    await limiter.settle("rdap.slow.test", other.lease, "throttled", 900_000, 0, 60_000, { run: "run-a" });

    const status = await runCli(["queue", "status", "--queue", url(), "--queue-name", name]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/whois\.ripe\.test .* blocked run run-a for good/);
    expect(status.stdout).toMatch(/rdap\.slow\.test .* paused 9\d\d s/);
    expect(status.stdout).toMatch(/queue unblock HOST/);
    const json = JSON.parse((await runCli(["queue", "status", "--queue", url(), "--queue-name", name, "--json"])).stdout) as { servers: { host: string; blockedRuns: string[]; blockedForGood: boolean }[] };
    expect(json.servers.find((s) => s.host === "whois.ripe.test")).toMatchObject({ blockedForGood: true, blockedRuns: ["run-a"] });

    const cleared = await runCli(["queue", "unblock", "whois.ripe.test", "RDAP.SLOW.TEST", "--queue", url(), "--queue-name", name]);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/whois\.ripe\.test unblocked \(cleared its block for good of run run-a\)/);
    expect(cleared.stdout).toMatch(/rdap\.slow\.test unblocked \(cleared a pause of 9\d\d s more\)/);
    expect((await limiter.take("whois.ripe.test", { qps: 10 }, 5000, "run-a")).kind).not.toBe("paused");
    expect((await limiter.take("rdap.slow.test", { qps: 10 }, 5000, "run-a")).kind).not.toBe("paused");

    const again = await runCli(["queue", "unblock", "whois.ripe.test", "--queue", url(), "--queue-name", name]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/whois\.ripe\.test was neither blocked nor paused; nothing to clear/);
  }, 30_000);

  it("a server no worker asked is an error naming it, exit 2; a bad host is refused before connecting", async () => {
    const unknown = await runCli(["queue", "unblock", "never.asked.test", "--queue", url(), "--queue-name", name]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/queue .* has no server "never\.asked\.test": no worker has asked it/);
    const bad = await runCli(["queue", "unblock", "bad host\u001b[2J", "--queue", "redis://127.0.0.1:1/0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/queue unblock needs server names/);
    expect(bad.stderr).not.toContain("\u001b");
  }, 30_000);

  it("bulk FILE --queue again (the run's resume) asks again the servers that blocked that run, and says so; another run's block stays", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-unblock-resume-"));
    try {
      const file = join(dir, "in.txt");
      writeFileSync(file, "one.example\ntwo.example\n");
      const limiter = new RedisLimiter(await connect(), prefixFor(name), "test");
      for (const run of ["resume-me", "other-run"]) {
        const grant = await limiter.take("whois.blocker.test", { qps: 10 }, 5000, run);
        if (grant.kind !== "granted") throw new Error(`not granted: ${grant.kind}`);
        await limiter.settle("whois.blocker.test", grant.lease, "throttled", undefined, 0, 60_000, { permanent: true, run });
      }
      const resumed = await runCli(["bulk", file, "--queue", url(), "--queue-name", name, "--run", "resume-me"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/bulk: run resume-me resumed: asking again whois\.blocker\.test, which had blocked it for good/);
      expect((await limiter.servers()).find((s) => s.host === "whois.blocker.test")?.blockedRuns).toEqual(["other-run"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("logPause: the worker's line for each pause or block", () => {
  it("says what stopped, for how long and why, with the fields machines read", () => {
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    const logger = { warn: (fields: Record<string, unknown>, msg: string) => void lines.push({ fields, msg }) };
    logPause(logger as never, { server: "rdap.slow.test", run: "r", reason: "asked", pausedMs: 3_600_000, requestedMs: 3_600_000 });
    logPause(logger as never, { server: "whois.denic.test", run: "r", reason: "refusals", pausedMs: 600_000, refusals: 12 });
    logPause(logger as never, { server: "whois.ripe.test", run: "r", reason: "permanent", pausedMs: 31_536_000_000 });
    expect(lines.map((l) => l.fields)).toEqual([
      { server: "rdap.slow.test", run: "r", reason: "asked", pausedS: 3600, requestedS: 3600 },
      { server: "whois.denic.test", run: "r", reason: "refusals", pausedS: 600, refusals: 12 },
      { server: "whois.ripe.test", run: "r", reason: "permanent" },
    ]);
    expect(lines[0]?.msg).toMatch(/asked to wait 3600 s, over --max-retry-wait: paused for every worker/);
    expect(lines[1]?.msg).toMatch(/refused 12 times in a row: paused for 600 s/);
    expect(lines[2]?.msg).toMatch(/refused us permanently: not asked again in this run/);
  });
});
