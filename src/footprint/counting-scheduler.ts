import { toWhoislensError, type WhoislensError } from "../errors.js";
import { runUnlessStopped, type HopOutcome, type HopScheduler, type Refused, type SendCheck } from "../lookup/scheduler.js";
import type { QueryMeter } from "./meter.js";

/**
 * Counts the hops a footprint really sends, so that its "queries spent" is what the servers were asked.
 *
 * A hop is counted in two steps:
 * - **reserved** when it asks for its turn (run): the budget is a hard cap, so a hop past it never waits
 *   for its server (WL_ERR_BUDGET at once);
 * - **used** when its bytes leave: the task is handed a send check (the inner scheduler's, when it has one,
 *   wrapped), which the lookup engine calls right before the query is written, once connected (port 43: the
 *   write follows in the same turn; RDAP: the request's headers are written on that verdict, net/http-transport;
 *   a proxied RDAP request alone is checked before it starts).
 * - each **RDAP redirect** is a request of its own to the server it goes to (ARIN's 303, then RIPE is asked):
 *   counted against that server when it is written (SendCheck.redirected), within the budget, so that the
 *   spend per server is what each server received.
 *
 * A reservation that was never used is given back when the hop ends (QueryMeter.refund): a wait for the
 * server's pace or slot ended by the stop (Ctrl-C), a slot missed and then stopped (the shared scheduler),
 * a lookup whose --total-timeout ran out while it waited, a connection refused, a hop paused unsent. A task
 * the scheduler runs again (a throttled answer retried, a missed slot retaken) writes again: each write past
 * the first counts once more, within the budget (past it the query is not written and the hop fails with
 * WL_ERR_BUDGET).
 *
 * Cache hits never reach the scheduler. With `stop` (an interrupt), a hop still waiting for its turn (its
 * pace, a backoff, a Retry-After) is new work, not a query in flight: the stop ends that wait at once, as
 * bulk does; only a hop already sent gets the grace (the cancel signal).
 */
export class CountingScheduler implements HopScheduler {
  constructor(
    private readonly inner: HopScheduler,
    private readonly meter: Pick<QueryMeter, "count" | "refund">,
    private readonly stop?: AbortSignal,
  ) {}

  run<T>(server: string, task: (beforeSend?: SendCheck) => Promise<T>, judge: (result: T) => HopOutcome, refused?: Refused<T>, signal?: AbortSignal): Promise<T> {
    // Reserved before its turn (throws WL_ERR_BUDGET when the budget is spent: the hop never waits).
    this.meter.count(server);
    const hop = new HopCount(server, this.meter);
    const counted = (innerCheck?: SendCheck): Promise<T> => task(hop.check(innerCheck));
    // Every argument passed on: the pause's refusal (a server asking past the cap is not waited for) and the cancel signal.
    return runUnlessStopped(this.inner, this.stop, server, counted, judge, refused, signal).then(
      (result) => {
        hop.end();
        return result;
      },
      (error: unknown) => {
        hop.end();
        throw error;
      },
    );
  }
}

/** One hop's reservation and the writes it made. */
class HopCount {
  /** The reservation made when the hop asked for its turn, until its first write uses it (or the hop ends). */
  private reserved = true;
  /** A write refused because the budget was spent (a retry past it). */
  private overBudget: WhoislensError | undefined;

  constructor(
    private readonly server: string,
    private readonly meter: Pick<QueryMeter, "count" | "refund">,
  ) {}

  /** The send check handed to the task: the inner scheduler's verdict first, then the count; redirects counted on their own server. */
  check(inner: SendCheck | undefined): SendCheck {
    const check: SendCheck = !inner
      ? () => this.write()
      : () => {
          const verdict = inner();
          // Sync verdicts stay sync: the port-43 client then writes in the same turn.
          return typeof verdict === "boolean" ? verdict && this.write() : verdict.then((send) => send && this.write());
        };
    // A redirect is within the hop the inner scheduler granted (no slot of its own): only counted.
    check.redirected = (server) => this.countOrRefuse(server);
    return check;
  }

  /** The query is about to be written: the reservation covers it, or (a retry) it is counted now, within the budget. */
  private write(): boolean {
    if (this.reserved) {
      this.reserved = false;
      return true;
    }
    return this.countOrRefuse(this.server);
  }

  /** One more query to `server`, or false (not written) when the budget is spent: the hop then fails with WL_ERR_BUDGET. */
  private countOrRefuse(server: string): boolean {
    try {
      this.meter.count(server);
      return true;
    } catch (error) {
      this.overBudget = toWhoislensError(error);
      return false;
    }
  }

  /** The hop is over: an unused reservation is given back; a write refused for the budget fails the hop (throws WL_ERR_BUDGET). */
  end(): void {
    if (this.reserved) {
      this.reserved = false;
      this.meter.refund(this.server);
    }
    if (this.overBudget) throw this.overBudget;
  }
}
