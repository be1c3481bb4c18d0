import type { PoliteScheduler } from "../../bulk/index.js";
import type { DnsAnswers, DnsOptions } from "../../footprint/dns.js";
import type { LookupOptions } from "../../lookup/index.js";
import type { Contact, WhoisRecord } from "../../record/types.js";
import { CHECK_DEFAULTS, type WhoisMode } from "./defaults.js";
import type { Permutation } from "./types.js";
import { eitherSignal } from "../../util/abort.js";

export { CHECK_DEFAULTS, WHOIS_MODES, type WhoisMode } from "./defaults.js";

export interface LookalikeFinding extends Permutation {
  /** DNS or the registry says it exists; false when DNS has nothing and the registry (if asked) says available. */
  registered: boolean;
  /** Any A, AAAA, NS or MX answer. */
  resolves: boolean;
  dns: DnsAnswers;
  /** An MX that is not a null MX (RFC 7505), or else an address: RFC 5321 §5.1 delivers to the A/AAAA. */
  canReceiveMail: boolean;
  registrar?: string;
  created?: string;
  /** Organisation or name, and e-mail, of the registrant where the answer shows them (not redacted, not a proxy). */
  registrant?: string;
  /** From the registration record, else from DNS. */
  nameservers: string[];
  /** The registry's status when it was asked ("registered", "available", …). */
  whoisStatus?: string;
  whoisError?: { code: string; message: string };
  /** A DNS failure other than "no such data" (its code); the name then counts as not resolving. */
  dnsError?: string;
  /** The run was stopped (`signal`) before this name's DNS was asked: nothing is known about it. */
  unchecked?: true;
}


export interface CheckOptions {
  /** DNS settings (resolver), or false to skip DNS (then only RDAP/WHOIS can say registered). */
  dns?: DnsOptions | false;
  dnsConcurrency?: number;
  whois?: WhoisMode;
  lookup?: Partial<LookupOptions>;
  scheduler?: PoliteScheduler;
  concurrency?: number;
  perServer?: number;
  /** Replaces the real lookup (tests). */
  lookupFn?: (query: string, options: Partial<LookupOptions>) => Promise<WhoisRecord>;
  /** Replaces the DNS client (tests). */
  resolve?: (name: string) => Promise<DnsAnswers>;
  onProgress?: (step: "dns" | "whois", done: number, total: number) => void;
  /**
   * Stops the run (an interrupt): names not yet asked come back `unchecked`, lookups not yet made are
   * skipped; those in flight finish (unless `signal` cancels them).
   */
  stop?: AbortSignal;
  /** Cancels: stops the run as `stop` does and aborts the DNS questions and lookups in flight too. */
  signal?: AbortSignal;
}

const NO_ANSWERS: DnsAnswers = { a: [], aaaa: [], mx: [], ns: [] };

/** Runs `work` over `items` with at most `limit` in flight, keeping order of results. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, progress?: (done: number) => void, signal?: AbortSignal): Promise<(R | undefined)[]> {
  const results = new Array<R | undefined>(items.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const index = next++;
      results[index] = await work(items[index] as T);
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * One name's DNS; a failure is kept as its code (one bad answer must not end a run of thousands). A
 * question cancelled by `signal` is no answer at all: undefined, so the name comes back `unchecked`.
 */
async function askDns(resolve: (name: string) => Promise<DnsAnswers>, name: string, errors: Map<string, string>, signal?: AbortSignal): Promise<DnsAnswers | undefined> {
  try {
    return await resolve(name);
  } catch (error) {
    if (signal?.aborted === true) return undefined;
    errors.set(name, (error as NodeJS.ErrnoException).code ?? "error");
    return NO_ANSWERS;
  }
}

function mailCapable(dns: DnsAnswers): boolean {
  const exchanges = dns.mx.filter((exchange) => exchange !== "" && exchange !== ".");
  if (dns.mx.length > 0) return exchanges.length > 0;
  return dns.a.length > 0 || dns.aaaa.length > 0;
}

function registrantOf(record: WhoisRecord | undefined): string | undefined {
  const contact: Contact | undefined = record?.contacts?.find((c) => c.roles.includes("registrant"));
  if (!contact || contact.privacyProxy) return undefined;
  const redacted = new Set<string>(contact.redacted ?? []);
  const who = [!redacted.has("organization") ? contact.organization : undefined, !redacted.has("name") ? contact.name : undefined].find((v) => v !== undefined && v !== "");
  const email = !redacted.has("email") ? contact.email : undefined;
  const text = [who, email ? `<${email}>` : undefined].filter(Boolean).join(" ");
  return text === "" ? undefined : text;
}

export interface DnsPassResult {
  /** Per name, in order; undefined when the run was stopped before the name was asked. */
  answers: (DnsAnswers | undefined)[];
  /** Per name: any A, AAAA, MX or NS answer. All false when DNS is off (`dns: false`). */
  resolves: boolean[];
  /** Names whose DNS failed otherwise than "no such data", with the error code. */
  errors: Map<string, string>;
}

/**
 * The DNS step of a look-alike check: A/AAAA/NS/MX of every name, at most `dnsConcurrency` names at once,
 * a failure kept as its code. Shared by `lookalikes` and `watch` (which looks up only the names that resolve).
 */
export async function dnsPass(names: readonly { domain: string }[], options: Pick<CheckOptions, "dns" | "resolve" | "dnsConcurrency" | "onProgress" | "stop" | "signal"> = {}): Promise<DnsPassResult> {
  let resolve = options.resolve;
  if (!resolve && options.dns !== false) {
    const { DnsClient } = await import("../../footprint/dns.js");
    const client = new DnsClient({ ...(options.dns ?? {}), ...(options.signal ? { signal: options.signal } : {}) });
    resolve = (name) => client.lookup(name);
  }
  const errors = new Map<string, string>();
  const halt = eitherSignal(options.stop, options.signal);
  let answers: (DnsAnswers | undefined)[];
  try {
    answers = resolve
      ? await pool(names, options.dnsConcurrency ?? CHECK_DEFAULTS.dnsConcurrency, (item) => askDns(resolve as (n: string) => Promise<DnsAnswers>, item.domain, errors, options.signal), (done) => options.onProgress?.("dns", done, names.length), halt.signal)
      : names.map(() => NO_ANSWERS);
  } finally {
    halt.dispose();
  }
  const resolves = answers.map((dns) => dns !== undefined && dns.a.length + dns.aaaa.length + dns.mx.length + dns.ns.length > 0);
  return { answers, resolves, errors };
}

/**
 * Which look-alikes are registered: DNS first (A/AAAA/NS/MX of every name), then RDAP/WHOIS through the
 * bulk scheduler for those that resolve (or all, or none). Results keep the permutations' order.
 */
export async function checkLookalikes(perms: readonly Permutation[], options: CheckOptions = {}): Promise<LookalikeFinding[]> {
  const mode = options.whois ?? CHECK_DEFAULTS.whois;
  const { answers, resolves, errors: dnsErrors } = await dnsPass(perms, options);

  const records = new Map<string, { record?: WhoisRecord; error?: { code: string; message: string } }>();
  const halted = options.stop?.aborted === true || options.signal?.aborted === true;
  const ask = mode === "none" || halted ? [] : perms.filter((_, i) => mode === "all" || resolves[i]).map((perm) => perm.domain);
  if (ask.length > 0) {
    const { bulkLookup, PoliteScheduler } = await import("../../bulk/index.js");
    const lookup = options.lookup ?? {};
    async function* queries(): AsyncGenerator<string> {
      yield* ask;
    }
    let done = 0;
    // The bulk run's own stop and cancel (as `bulk` uses them): stopped, it reads no more names and lets
    // those in flight finish; cancelled (a cancel implies a stop there), it aborts them, waits included, and ends.
    for await (const result of bulkLookup(queries(), {
      lookup: options.signal ? { ...lookup, signal: options.signal } : lookup,
      scheduler: options.scheduler ?? new PoliteScheduler(lookup.servers ? { servers: lookup.servers } : {}),
      concurrency: options.concurrency ?? CHECK_DEFAULTS.concurrency,
      perServer: options.perServer ?? CHECK_DEFAULTS.perServer,
      lookahead: CHECK_DEFAULTS.lookahead,
      ...(options.stop ? { stop: options.stop } : {}),
      ...(options.lookupFn ? { lookupFn: options.lookupFn } : {}),
    })) {
      records.set(result.query.toLowerCase(), { ...(result.record ? { record: result.record } : {}), ...(result.error ? { error: result.error } : {}) });
      options.onProgress?.("whois", ++done, ask.length);
    }
  }

  return perms.map((perm, i) => {
    const dns = answers[i] ?? NO_ANSWERS;
    const found = records.size === 0 ? undefined : records.get(perm.domain);
    const record = found?.record;
    const registeredByRegistry = record?.status === "registered";
    // Fields written out (no spread): 10⁵ findings built with one object shape.
    const finding: LookalikeFinding = {
      domain: perm.domain,
      unicode: perm.unicode,
      fuzzer: perm.fuzzer,
      distance: perm.distance,
      registered: (resolves[i] ?? false) || registeredByRegistry,
      resolves: resolves[i] ?? false,
      dns,
      canReceiveMail: mailCapable(dns),
      nameservers: record?.nameservers?.map((ns) => ns.name) ?? dns.ns,
    };
    if (record?.registrar?.name) finding.registrar = record.registrar.name;
    if (record?.dates?.created) finding.created = record.dates.created;
    const registrant = registrantOf(record);
    if (registrant) finding.registrant = registrant;
    if (record) finding.whoisStatus = record.status;
    if (found?.error) finding.whoisError = found.error;
    if (answers[i] === undefined) finding.unchecked = true;
    const dnsError = dnsErrors.size === 0 ? undefined : dnsErrors.get(perm.domain);
    if (dnsError !== undefined) finding.dnsError = dnsError;
    return finding;
  });
}
