import { describe, expect, it } from "vitest";
import { lockRetryDelayMs } from "../../../src/defend/watch/index.js";
import { WATCH_DEFAULTS } from "../../../src/defend/watch/kinds.js";

/** The pass lock's one retry policy (lock.ts): exponential from lockRetryFirstMs, capped, jittered in [half, all]. */
describe("lockRetryDelayMs", () => {
  it("doubles from the first delay up to the cap, whatever the attempt", () => {
    const top = (attempt: number): number => lockRetryDelayMs(attempt, () => 1);
    expect([0, 1, 2, 3].map(top)).toEqual([250, 500, 1000, 2000]);
    expect(top(6)).toBe(WATCH_DEFAULTS.lockRetryMaxMs);
    expect(top(10_000)).toBe(WATCH_DEFAULTS.lockRetryMaxMs);
  });

  it("draws between half and all of the delay, so waiters that started together spread out", () => {
    expect(lockRetryDelayMs(2, () => 0)).toBe(500);
    expect(lockRetryDelayMs(2, () => 0.5)).toBe(750);
    for (let i = 0; i < 200; i += 1) {
      const delay = lockRetryDelayMs(40);
      expect(delay).toBeGreaterThanOrEqual(WATCH_DEFAULTS.lockRetryMaxMs / 2);
      expect(delay).toBeLessThanOrEqual(WATCH_DEFAULTS.lockRetryMaxMs);
    }
  });
});
