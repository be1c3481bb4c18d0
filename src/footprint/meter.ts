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
    // Server names come from answers (referrals): "constructor" or "__proto__" is counted as its own row.
    const asked = ownValue(this.spend.byServer, server) ?? 0;
    Object.defineProperty(this.spend.byServer, server, { value: asked + 1, enumerable: true, writable: true, configurable: true });
    this.spend.total += 1;
    if (paid) this.spend.paid += 1;
  };

  /**
   * Gives back one unpaid query to `server` that was counted (reserved against the budget before its
   * turn came) but never sent: its wait was ended by an interrupt, or its server was paused meanwhile.
   */
  readonly refund = (server: string): void => {
    const asked = ownValue(this.spend.byServer, server) ?? 0;
    if (asked === 0) return;
    if (asked === 1) delete this.spend.byServer[server];
    else Object.defineProperty(this.spend.byServer, server, { value: asked - 1, enumerable: true, writable: true, configurable: true });
    this.spend.total -= 1;
  };
}
