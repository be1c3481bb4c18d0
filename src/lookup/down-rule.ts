import type { HopOutcome } from "./scheduler.js";
import type { QueueTuning } from "../bulk/server-queue.js";

/**
 * The "down, not throttling" rule, one judgement for both schedulers: bulk's per-process ServerQueue
 * (src/bulk/server-queue.ts connectionRefused) and the fleet's Redis limiter (src/scale/limiter.ts, whose
 * Lua receives the same QueueTuning numbers). A host that refuses every connect (ECONNREFUSED: nothing
 * accepted the SYN) `downAfterRefusedConnects` times in a row, with no connection accepted between, is
 * gone; real throttlers accept and then refuse in words, go silent (DENIC) or reset the accepted
 * connection, and a firewall that rejects a connect or two past its limit accepts between.
 */

/** What a finished hop says of its server's connection: refused (nothing accepted it) or accepted (anything else). */
export type ConnectVerdict = "refused" | "accepted";

/**
 * A hop that ended any other way than a refused connect (an answer, a refusal in words, a reset, a
 * timeout) had its connection accepted: it clears the refused-connect streak.
 */
export function connectVerdict(outcome: HopOutcome): ConnectVerdict {
  return outcome.kind === "error" && outcome.connectionRefused === true ? "refused" : "accepted";
}

/**
 * The refusal was made at the connection (a throttler's reset of an accepted connection, or a connect refused while the
 * server refuses us, a firewall's REJECT over its limit): paced down without the floor a refusal in words gets, until
 * enough refused connects in a row show the server down. Both schedulers pace by it.
 */
export function refusedAtConnection(outcome: HopOutcome): boolean {
  return outcome.kind === "throttled" ? outcome.cut === true : connectVerdict(outcome) === "refused";
}

/** `refusedInARow` refused connects with none accepted between: the server is down (for downRecheckMs). */
export function isDownAfter(refusedInARow: number, tuning: Pick<QueueTuning, "downAfterRefusedConnects">): boolean {
  return refusedInARow >= tuning.downAfterRefusedConnects;
}

/** The failure a query of a down server gets, not asked (WL_ERR_CONNECT): the same words from bulk and the fleet. */
export function downReason(server: string): string {
  return `${server} is down: it refused every connection of its last tries; not asked (a re-run asks again)`;
}
