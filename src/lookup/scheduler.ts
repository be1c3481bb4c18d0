import { eitherSignal, sleep } from "../util/abort.js";

/** How a hop went, as the scheduler needs to know it for pacing. */
export type HopOutcome =
  | { kind: "ok" }
  /**
   * `cut`: the server cut the connection (a reset, with or without part of an answer) instead of saying
   * it refuses: a connection-level limit, paced down but without the floor a worded refusal gets.
   */
  | {
      kind: "throttled";
      retryAfterMs?: number;
      cut?: boolean;
      /**
       * The server said its block is for good (RIPE's ERROR:201 "permanently denied"): a flag, never a
       * wait, so a Retry-After of any length (a year included) stays a wait and is never read as a block.
       */
      permanent?: boolean;
    }
  | {
      kind: "error";
      code: string;
      /**
       * Nothing accepted the connection (ECONNREFUSED: the host answered the SYN with a reset). Several in a
       * row with no connection accepted between them is a server that is down, not one that throttles: real
       * throttlers accept and then stay silent (DENIC), answer a refusal, or reset an accepted connection.
       */
      connectionRefused?: boolean;
    };

/**
 * A paced scheduler's hold on a hop's query: a task given one calls it right before the query's bytes
 * are written (port 43 and RDAP alike: once connected, right before the write) and sends
 * only when it resolves true — it resolves at the hop's slot; false: the slot was missed and the query
 * must not be sent (the task then fails, and the scheduler, which knows why, asks again on a new slot).
 * A task given one MUST await it before sending: the scheduler does not hold the task back itself, so
 * that a port-43 connection is made while the slot is awaited and only the write is left at the slot.
 */
export interface SendCheck {
  (): boolean | Promise<boolean>;
  /**
   * A counting scheduler's hook for an RDAP redirect: called (instead of the check) right before each
   * redirected request is written, with the server it goes to as the servers name it (ARIN's 303 to
   * rdap.db.ripe.net). The redirect is part of the hop the scheduler granted, so pacing gives it no slot,
   * but the server receives a request: footprint counts it against that server, within the budget (false:
   * past it; the request is not written). Absent: nothing to do.
   */
  redirected?: (server: string) => boolean;
}

/**
 * The scheduler's answer for a hop it does not send: `retryAfterMs`/`permanent` for a server paused or
 * blocked for good (reported throttled), `down` for a server that refused every connection of its last
 * tries (reported as a connection failure: nothing throttled it, and a re-run asks again).
 */
export type Refused<T> = (retryAfterMs: number, permanent?: boolean, down?: boolean) => T;

/**
 * Every network hop of a lookup runs through a scheduler, so referral hops are
 * paced against their own server's budget. bulk/ provides the polite one.
 */
export interface HopScheduler {
  /**
   * `refused`, when given, lets the scheduler answer without asking: the server asked us to wait
   * longer than the scheduler's cap (Retry-After 600, "try later in 999999 seconds"), so the hop is
   * reported as throttled at once instead of holding the run (issue #19). `permanent` is true when the
   * server is blocked for good (then `retryAfterMs` is PERMANENT_BLOCK_MS, a stand-in for "the run").
   *
   * `signal`, when given, is the lookup's cancel signal: every wait the scheduler makes for the hop (its
   * server's pacing slot, a backoff or Retry-After, a retry delay) ends at once when it aborts, its
   * timer cleared, and run() rejects with WL_ERR_ABORTED (the signal's reason as cause) without
   * counting anything against the server. A wrapping scheduler must pass it on.
   */
  run<T>(server: string, task: (beforeSend?: SendCheck) => Promise<T>, judge: (result: T) => HopOutcome, refused?: Refused<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * `inner.run` for a run that can be stopped (an interrupt: bulk, footprint): a hop still waiting for its
 * turn at a server (its pace, a backoff, a Retry-After) is new work, and the stop ends that wait at once
 * as the cancel `signal` would; a query already sent heeds the cancel alone (it gets the grace).
 */
export function runUnlessStopped<T>(
  inner: HopScheduler,
  stop: AbortSignal | undefined,
  server: string,
  task: (beforeSend?: SendCheck) => Promise<T>,
  judge: (result: T) => HopOutcome,
  refused: Refused<T> | undefined,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!stop) return inner.run(server, task, judge, refused, signal);
  const either = eitherSignal(stop, signal);
  return inner.run(server, task, judge, refused, either.signal).finally(either.dispose);
}

/** A single lookup waits out a short Retry-After once; longer ones are reported as throttled. */
export const MAX_SINGLE_RETRY_WAIT_MS = 3000;

/** No pacing, one polite retry: single lookups from the CLI. */
export const immediateScheduler: HopScheduler = {
  run: (server, task, judge, _refused, signal) => runImmediately(task, (first) => first, judge, rethrow, undefined, signal, server),
};

function rethrow(error: unknown): never {
  throw error;
}

/**
 * The immediate scheduler's policy with the task's result mapped in the same promise step as it is
 * judged, and `after` applied to the final result in that step too (hops map a raw answer into a
 * parsed attempt and finish the hop: fewer steps per answer in a lookup loop). `failed` maps a
 * rejection (or rethrows it); `map`, `failed` and `after` may throw (the promise rejects). `signal`
 * ends the retry's wait at once: the result is then `failed` of the abort (WL_ERR_ABORTED), as a
 * query cancelled in flight would be.
 */
export function runImmediately<Raw, T, U = T>(
  task: () => Promise<Raw>,
  map: (raw: Raw) => T,
  judge: (result: T) => HopOutcome,
  failed: (error: unknown) => T,
  after?: (result: T) => U | PromiseLike<U>,
  signal?: AbortSignal,
  server = "the server",
): Promise<U> {
  const finish = after ?? ((result: T) => result as unknown as U);
  const settle = (first: T): U | PromiseLike<U> => {
    const outcome = judge(first);
    if (outcome.kind !== "throttled" || outcome.retryAfterMs === undefined || outcome.retryAfterMs > MAX_SINGLE_RETRY_WAIT_MS) return finish(first);
    return sleep(outcome.retryAfterMs, signal, `waiting out ${server}'s Retry-After`)
      .then(() => task().then(map, failed), failed)
      .then(finish);
  };
  return task().then((raw) => settle(map(raw)), (error: unknown) => settle(failed(error)));
}
