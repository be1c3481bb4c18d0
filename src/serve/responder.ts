import type { Accounting } from "./accounting.js";
import type { ContactPlanter, PlantedContacts, QueryLogEntry } from "./contract.js";
import { personalObjects, rpslTypeOf, type ObjectView, type ServeData } from "./data.js";
import type { RpslType } from "./rpsl-flags.js";
import type { ServeDomain, ServeNameserver } from "./dataset.js";
import { logQueryText, type QueryLogSink } from "./query-log.js";
import { logObjectType, type ParsedQuery } from "./query.js";

/**
 * The one place both servers answer through: accounting first, then the dataset, then the personal-data
 * quota, then the canary planter for decoys. The protocol adapters only render the result and call
 * `log` with the bytes they sent, so both protocols count and log the same way.
 */

export type Resolution =
  | { outcome: "answered"; kind: "object"; view: ObjectView; personal: number; canaries?: string[] }
  | { outcome: "answered"; kind: "search"; domains?: ServeDomain[]; nameservers?: ServeNameserver[] }
  | { outcome: "answered"; kind: "help" }
  /** `-q …` or `-t TYPE`: the port-43 server writes it from the query. */
  | { outcome: "answered"; kind: "meta" }
  /**
   * A list of RPSL objects: an inverse query's, an IP hierarchy flag's (`-l`, `-M`, …) or one object asked with `-r`;
   * `referenced`: the persons and roles they name are appended (no `-r`).
   */
  | { outcome: "answered"; kind: "inverse"; views: ObjectView[]; referenced: boolean; personal: number; canaries?: string[]; objectKey?: string }
  | { outcome: "not-found"; key: string }
  | { outcome: "throttled" | "denied" | "blocked"; retryAfterSeconds?: number; reason: string }
  /** `status`: RDAP answers 422 for a search pattern it will not run (RFC 7480 §5.4), 501 for a search it does not offer. */
  | { outcome: "bad-request"; reason: string; status?: 422 | 501 };

export interface RequestContext {
  protocol: QueryLogEntry["protocol"];
  /** The socket's remote address. */
  source: string;
  /** The accounting key (address, /64 or token:<id>). */
  sourceKey: string;
  /** The query line or path as received (sanitized and capped for the log here). */
  rawQuery: string;
  startedAt: number;
}

export interface ResponderOptions {
  data: ServeData;
  accounting: Accounting;
  log: QueryLogSink;
  planter?: ContactPlanter;
  /** Most domains a search answers with (RFC 9082 search; default 100), and most objects an inverse query does. */
  searchLimit?: number;
  now?: () => number;
}

/** The view with the planter's contacts in place of each shown person or role (decoys only). */
function withPlanted(view: ObjectView, planted: PlantedContacts): ObjectView {
  const plant = <C extends { kind: string; name: string; email?: string; phone?: string; redacted?: boolean }>(contact: C): C =>
    contact.kind === "organisation" || contact.redacted === true ? contact : { ...contact, name: planted.name, email: planted.email, phone: planted.phone };
  switch (view.type) {
    case "entity":
      return { ...view, contact: plant(view.contact) };
    case "domain":
    case "ip":
    case "autnum":
      return { ...view, contacts: view.contacts.map(plant) };
    default:
      return view;
  }
}

/** Domain views with every person's and role's personal fields withheld (`-r`), one per view (views are memoized). */
const withheldByView = new WeakMap<ObjectView, ObjectView>();
function withoutPersonal(view: Extract<ObjectView, { type: "domain" }>): ObjectView {
  let withheld = withheldByView.get(view);
  if (withheld === undefined) {
    withheld = { ...view, contacts: view.contacts.map((contact) => (contact.kind === "organisation" ? contact : { ...contact, redacted: true })), withheld: true };
    withheldByView.set(view, withheld);
  }
  return withheld;
}

/** `-T`: the views of the selected RPSL types (all of them without -T). */
function selectTypes(views: ObjectView[], types: readonly RpslType[] | undefined): ObjectView[] {
  if (types === undefined) return views;
  return views.filter((view) => {
    const type = rpslTypeOf(view);
    return type !== undefined && types.includes(type);
  });
}

/** Person/role counts by view: views are memoized by ServeData, and counting builds a Set. */
const personalByView = new WeakMap<ObjectView, number>();
function personalCount(view: ObjectView): number {
  let count = personalByView.get(view);
  if (count === undefined) {
    count = personalObjects(view);
    personalByView.set(view, count);
  }
  return count;
}

/** ISO 8601 of an epoch-ms time; queries arriving in the same millisecond share one string. */
let lastMs = Number.NaN;
let lastIso = "";
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

export class Responder {
  readonly now: () => number;

  constructor(private readonly options: ResponderOptions) {
    this.now = options.now ?? Date.now;
  }

  get accounting(): Accounting {
    return this.options.accounting;
  }

  get data(): ServeData {
    return this.options.data;
  }

  private find(query: ParsedQuery): ObjectView | undefined {
    const { data } = this.options;
    switch (query.type) {
      case "domain":
        return data.domain(query.value);
      case "name":
        return data.domain(query.value) ?? data.nameserver(query.value);
      case "nameserver":
        return data.nameserver(query.value);
      case "entity":
        return data.entity(query.value);
      case "ip":
        return data.ip(query.value);
      case "autnum":
        return data.autnum(query.value);
      default:
        return undefined;
    }
  }

  /**
   * Accounts for the query and answers it. Synchronous except for a decoy object whose contacts the
   * canary planter fills (a promise then): a promise per query cost the RDAP server a microtask turn and
   * its allocations on every answer.
   */
  resolve(query: ParsedQuery, context: RequestContext): Resolution | Promise<Resolution> {
    const { accounting } = this.options;
    const now = this.now();
    const admission = accounting.admit(context.sourceKey, now);
    if (!admission.ok) return { outcome: admission.outcome, reason: admission.reason, ...(admission.retryAfterSeconds !== undefined ? { retryAfterSeconds: admission.retryAfterSeconds } : {}) };
    if (query.type === "bad") return { outcome: "bad-request", reason: query.reason, ...(query.code === "notImplemented" ? { status: 501 as const } : {}) };
    if (query.type === "help") return { outcome: "answered", kind: "help" };
    if (query.type === "info" || query.type === "template") return { outcome: "answered", kind: "meta" };
    if (query.type === "search") {
      const limit = this.options.searchLimit ?? 100;
      const refused = { outcome: "bad-request", reason: "a search pattern holds at most one *, with 2 literal characters before it or (a suffix search such as *.example) after it", status: 422 } as const;
      if (query.by === "ip") return { outcome: "answered", kind: "search", nameservers: this.options.data.nameserversByIp(query.value, limit) };
      if (query.over === "nameservers") {
        const nameservers = this.options.data.searchNameservers(query.value, limit);
        return nameservers === undefined ? refused : { outcome: "answered", kind: "search", nameservers };
      }
      const domains = this.options.data.searchDomains(query.value, limit);
      return domains === undefined ? refused : { outcome: "answered", kind: "search", domains };
    }
    if (query.type === "inverse") {
      const views = selectTypes(this.options.data.inverse(query.attributes, query.value, this.options.searchLimit ?? 100), query.types);
      return this.resolveList(views, query.referenced, query.value, context.sourceKey, now);
    }
    const options = query.options;
    if (options !== undefined) {
      // RIPE's -r, -T and IP hierarchy flags: a list of RPSL objects (a domain or contact asked with only -r stays one object).
      const views = query.type === "ip" && options.ip !== undefined ? this.options.data.ipHierarchy(query.value, options.ip, this.options.searchLimit ?? 100) : [this.find(query)].filter((view) => view !== undefined);
      const selected = selectTypes(views, options.types);
      const list = options.ip !== undefined || selected.some((view) => view.type === "ip" || view.type === "autnum");
      // The log names the object asked for (one view), or the key walked (-m/-M…): the watchdog's distinct-object and
      // sequence rules read it, so a harvester adding -r to every lookup is still seen walking.
      const objectKey = selected.length === 1 && selected[0] !== undefined ? selected[0].key : String(query.value);
      if (list) return this.resolveList(selected, options.referenced, String(query.value), context.sourceKey, now, objectKey);
      if (selected.length === 0) return { outcome: "not-found", key: String(query.value) };
    }
    const found = this.find(query);
    if (!found) return { outcome: "not-found", key: String(query.value) };
    // `-r` on a domain: its registrant, admin and tech are referenced contacts, as an inetnum's persons are (nothing
    // personal shown, nothing counted). A person or role asked for directly is the object itself and stays.
    const view = options?.referenced === false && found.type === "domain" ? withoutPersonal(found) : found;
    const personal = personalCount(view);
    const quota = accounting.admitPersonal(context.sourceKey, personal, now);
    if (!quota.ok) return { outcome: quota.outcome, reason: quota.reason, ...(quota.retryAfterSeconds !== undefined ? { retryAfterSeconds: quota.retryAfterSeconds } : {}) };
    if (view.decoy && this.options.planter && personal > 0) {
      return this.options.planter
        .plant(view.key, context.sourceKey, new Date(now).toISOString())
        .then((planted): Resolution => ({ outcome: "answered", kind: "object", view: withPlanted(view, planted), personal, canaries: planted.ids }), (error: unknown) => this.unshown(context.sourceKey, personal, now, error));
    }
    return { outcome: "answered", kind: "object", view, personal };
  }

  /**
   * A list answer (inverse query, IP hierarchy flag, `-r`): its persons and roles count against the personal-data
   * quota only when they are shown (RIPE counts what `-r` leaves out as nothing).
   */
  private resolveList(views: ObjectView[], referenced: boolean, key: string, sourceKey: string, now: number, objectKey?: string): Resolution | Promise<Resolution> {
    if (views.length === 0) return { outcome: "not-found", key };
    const personal = referenced ? personalObjects(...views) : 0;
    const quota = this.options.accounting.admitPersonal(sourceKey, personal, now);
    if (!quota.ok) return { outcome: quota.outcome, reason: quota.reason, ...(quota.retryAfterSeconds !== undefined ? { retryAfterSeconds: quota.retryAfterSeconds } : {}) };
    const answered: Resolution = { outcome: "answered", kind: "inverse", views, referenced, personal, ...(objectKey !== undefined ? { objectKey } : {}) };
    const { planter } = this.options;
    if (!planter || personal === 0) return answered;
    // One canary set per answer, issued for its first decoy object that shows a person: the persons and roles are
    // printed once each, so a set per object would record canaries no one was shown.
    const first = views.find((view) => view.decoy && personalCount(view) > 0);
    if (!first) return answered;
    return planter.plant(first.key, sourceKey, new Date(now).toISOString()).then(
      (planted): Resolution => ({ ...answered, views: views.map((view) => (view.decoy ? withPlanted(view, planted) : view)), canaries: planted.ids }),
      (error: unknown) => this.unshown(sourceKey, personal, now, error),
    );
  }

  /**
   * The planter failed: the answer becomes an error (500, %ERROR:100) that shows nothing personal, so the personal
   * objects admitted for it go back to the source's quota (the log line says 0 too); the query stays counted.
   */
  private unshown(sourceKey: string, personal: number, now: number, error: unknown): never {
    this.options.accounting.returnPersonal(sourceKey, personal, now);
    throw error;
  }

  /** Writes the query-log line for one finished request. */
  log(context: RequestContext, query: ParsedQuery, resolution: Resolution | { outcome: "too-many-connections" | "error" | "bad-request" }, bytes: number): void {
    const object = "kind" in resolution && resolution.kind === "object" ? resolution : undefined;
    const inverse = "kind" in resolution && resolution.kind === "inverse" ? resolution : undefined;
    const entry: QueryLogEntry = {
      ts: isoTime(context.startedAt),
      protocol: context.protocol,
      source: context.source,
      sourceKey: context.sourceKey,
      query: logQueryText(context.rawQuery),
      objectType: logObjectType(query),
      outcome: resolution.outcome,
      personalObjects: object?.personal ?? inverse?.personal ?? 0,
      decoy: object ? object.view.decoy : (inverse?.views.some((view) => view.decoy) ?? false),
      bytes,
      durationMs: Math.max(0, this.now() - context.startedAt),
    };
    if (object) {
      entry.objectKey = object.view.key;
      if (object.canaries) entry.canaries = object.canaries;
    }
    if (inverse?.objectKey !== undefined) entry.objectKey = inverse.objectKey;
    if (inverse?.canaries && inverse.canaries.length > 0) entry.canaries = inverse.canaries;
    this.options.log.write(entry);
  }
}
