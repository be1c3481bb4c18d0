import { describe, expect, it } from "vitest";
import { immediateScheduler, runImmediately, type HopOutcome } from "../../src/lookup/scheduler.js";

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

describe("runImmediately (the immediate policy with the answer mapped in the same step)", () => {
  type Mapped = { outcome: HopOutcome; from: string };
  const judge = (result: Mapped): HopOutcome => result.outcome;
  const map = (raw: string): Mapped => ({ outcome: raw === "busy" ? { kind: "throttled", retryAfterMs: 10 } : { kind: "ok" }, from: raw });
  const failed = (error: unknown): Mapped => ({ outcome: { kind: "error", code: String(error) }, from: "failure" });

  it("maps each answer, retries once after a short Retry-After, and maps the retry too", async () => {
    const raws = ["busy", "fine"];
    let calls = 0;
    const result = await runImmediately(async () => raws[calls++] as string, map, judge, failed);
    expect(result).toEqual({ outcome: { kind: "ok" }, from: "fine" });
    expect(calls).toBe(2);
  });

  it("maps a failed fetch (and a failed retry) instead of rejecting", async () => {
    const rejecting = (): Promise<string> => Promise.reject(new Error("refused"));
    expect(await runImmediately(rejecting, map, judge, failed)).toEqual({ outcome: { kind: "error", code: "Error: refused" }, from: "failure" });
    let calls = 0;
    const busyThenRefused = (): Promise<string> => (calls++ === 0 ? Promise.resolve("busy") : Promise.reject(new Error("gone")));
    expect(await runImmediately(busyThenRefused, map, judge, failed)).toEqual({ outcome: { kind: "error", code: "Error: gone" }, from: "failure" });
  });
});
