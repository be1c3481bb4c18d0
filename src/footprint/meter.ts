import { WhoislensError } from "../errors.js";
import { ownValue } from "../util/own.js";
import type { QuerySpend } from "./types.js";

/**
 * Counts every network query a footprint sends (WHOIS/RDAP hops, DNS questions,
 * API calls) and enforces the budget as a hard cap: the query that would exceed
 * it is never sent. Share one meter between the footprint and its API sources.
 */
export class QueryMeter {
  readonly spend: QuerySpend;

  constructor(budget: number) {
    this.spend = { byServer: {}, total: 0, paid: 0, budget, skipped: 0 };
  }

  get exhausted(): boolean {
    return this.spend.total >= this.spend.budget;
  }

  /** Records one query to `server`; throws WL_ERR_BUDGET instead when the budget is spent. */
  readonly count = (server: string, paid = false): void => {
    if (this.exhausted) throw new WhoislensError("WL_ERR_BUDGET", `query budget of ${this.spend.budget} spent; ${server} not asked`, { server });
    this.setAsked(server, this.asked(server) + 1);
    this.spend.total += 1;
    if (paid) this.spend.paid += 1;
  };

  /**
   * Gives back one unpaid query to `server` that was counted (reserved against the budget before its
   * turn came) but never sent: its wait was ended by an interrupt, or its server was paused meanwhile.
   */
  readonly refund = (server: string): void => {
    const asked = this.asked(server);
    if (asked === 0) return;
    this.setAsked(server, asked - 1);
    this.spend.total -= 1;
  };

  /** Server names come from answers (referrals): "constructor" or "__proto__" is a row of its own. */
  private asked(server: string): number {
    return ownValue(this.spend.byServer, server) ?? 0;
  }

  /** Sets `server`'s row as an own property (a plain assignment to "__proto__" would not); 0 drops the row. */
  private setAsked(server: string, asked: number): void {
    if (asked === 0) delete this.spend.byServer[server];
    else Object.defineProperty(this.spend.byServer, server, { value: asked, enumerable: true, writable: true, configurable: true });
  }
}
