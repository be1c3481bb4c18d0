/** How a hop went, as the scheduler needs to know it for pacing. */
export type HopOutcome =
  | { kind: "ok" }
  | { kind: "throttled"; retryAfterMs?: number }
  | { kind: "error"; code: string };

/**
 * Every network hop of a lookup runs through a scheduler, so referral hops are
 * paced against their own server's budget. bulk/ provides the polite one.
 */
export interface HopScheduler {
  run<T>(server: string, task: () => Promise<T>, judge: (result: T) => HopOutcome): Promise<T>;
}

/** No pacing: single lookups from the CLI. */
export const immediateScheduler: HopScheduler = {
  run: (_server, task) => task(),
};
