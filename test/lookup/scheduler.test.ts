import { describe, expect, it } from "vitest";
import { immediateScheduler, type HopOutcome } from "../../src/lookup/scheduler.js";

describe("immediateScheduler", () => {
  const judge = (result: HopOutcome): HopOutcome => result;

  it("waits out a short Retry-After once and retries", async () => {
    const answers: HopOutcome[] = [{ kind: "throttled", retryAfterMs: 20 }, { kind: "ok" }];
    let calls = 0;
    const started = Date.now();
    const result = await immediateScheduler.run("s", async () => answers[calls++] as HopOutcome, judge);
    expect(result).toEqual({ kind: "ok" });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("reports a long Retry-After or a throttle without one at once", async () => {
    let calls = 0;
    await immediateScheduler.run("s", async () => (calls++, { kind: "throttled", retryAfterMs: 60_000 }) as HopOutcome, judge);
    await immediateScheduler.run("s", async () => (calls++, { kind: "throttled" }) as HopOutcome, judge);
    expect(calls).toBe(2);
  });
});
