import { unusableReason } from "../judge.js";
import type { ReverseField, ReverseMatch, ReverseWhoisSource } from "./types.js";

export type { ReverseField, ReverseMatch, ReverseResult, ReverseWhoisSource } from "./types.js";
export { StoreReverseSource } from "./store.js";
export { WhoisXmlSource, WHOISXML_DEFAULT_URL } from "./whoisxml.js";
export { WhoxySource, WHOXY_DEFAULT_URL } from "./whoxy.js";
export type { ApiContext } from "./api.js";

export interface ReverseOutcome {
  matches: ReverseMatch[];
  /** The largest count any source reported. */
  total: number;
  overFanOut: boolean;
  notes: string[];
}

/**
 * Every configured reverse-WHOIS source behind one call: the free store first,
 * then the paid APIs (each through its cache). Stops as soon as any source says
 * the attribute is shared by more domains than the fan-out limit.
 */
export class ReverseWhois {
  constructor(private readonly sources: ReverseWhoisSource[]) {}

  async search(field: ReverseField, value: string, fanOut: number): Promise<ReverseOutcome> {
    const outcome: ReverseOutcome = { matches: [], total: 0, overFanOut: false, notes: [] };
    if (unusableReason(field, value)) return outcome;
    const seen = new Set<string>();
    for (const source of this.sources) {
      if (!source.fields.has(field)) continue;
      let result;
      try {
        result = await source.search(field, value, fanOut);
      } catch (error) {
        outcome.notes.push(`${source.name}: ${(error as Error).message}`);
        continue;
      }
      outcome.notes.push(...result.notes);
      outcome.total = Math.max(outcome.total, result.total);
      if (result.total > fanOut) {
        outcome.overFanOut = true;
        outcome.matches = [];
        return outcome;
      }
      for (const match of result.matches) {
        if (seen.has(match.domain)) continue;
        seen.add(match.domain);
        outcome.matches.push(match);
      }
    }
    outcome.total = Math.max(outcome.total, outcome.matches.length);
    return outcome;
  }
}
