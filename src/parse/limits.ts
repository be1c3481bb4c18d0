/**
 * How much one record keeps (issue #19): an answer may list tens of thousands of name servers, statuses,
 * handles or RDAP entities (hostile, or a registry's bug). The record keeps the first ones up to these
 * caps and says in `record.notes` how many it left out, so memory and the work done per item stay
 * bounded and de-duplication stays one map lookup per item. RDAP's own cap on any JSON list is the same
 * 100 (parse/rdap/index.ts MAX_ITEMS), so both protocols keep the same amounts.
 */
export const RECORD_LIMITS = {
  /** Real delegations list 2–13 servers; RFC 9083 answers are cut at 100 items per list too. */
  nameservers: 100,
  /** EPP defines 17 statuses; registries add a few of their own. */
  statuses: 100,
  /** Glue addresses kept per name server (real ones have one or two of each family). */
  glue: 16,
  /** Further handles named for a role already referenced ("tech-c" listed again and again). */
  references: 100,
  /** Distinct contacts kept from RDAP entities (nested entities included). */
  contacts: 100,
  /** Street lines of one contact (real addresses take 1–6; a value continued over thousands of lines is not one). */
  streetLines: 20,
} as const;

/**
 * A list without repeats and with a cap: `add` costs one map lookup, whatever the list's length
 * (the quadratic `includes`/`find` de-duplication it replaces took seconds on 1 MiB answers).
 */
export class UniqueList<T> {
  readonly items: T[] = [];
  private readonly byKey = new Map<string, T>();
  /** Distinct items refused because the list was full. */
  dropped = 0;
  /** What the last `add` named: the item kept under its key, or undefined when it was refused. */
  last: T | undefined;

  constructor(readonly limit: number) {}

  get length(): number {
    return this.items.length;
  }

  /** The item already kept under `key`, else `make(key)` added (undefined, and counted, once the list is full). */
  add(key: string, make: (key: string) => T): T | undefined {
    const known = this.byKey.get(key);
    if (known !== undefined) return (this.last = known);
    if (this.items.length >= this.limit) {
      this.dropped += 1;
      return (this.last = undefined);
    }
    const item = make(key);
    this.byKey.set(key, item);
    this.items.push(item);
    return (this.last = item);
  }
}

/** The note a record gets when a list was cut: "name servers: kept the first 100, left out 25944". */
export function limitNote(what: string, list: UniqueList<unknown>): string | undefined {
  return list.dropped > 0 ? `${what}: kept the first ${list.limit}, left out ${list.dropped} more (record limit)` : undefined;
}
