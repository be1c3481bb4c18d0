/**
 * `audit`: looks the organisation's domains up through the bulk scheduler (every server's pace kept),
 * then the registrable domains their name servers live under (same scheduler), and runs the checks.
 * `auditRecords` is the checks alone, for records the caller already has (a store, parsed files).
 */
import { domainToASCII } from "node:url";
import { bulkLookup, PoliteScheduler } from "../../bulk/index.js";
import { InvalidOptionError } from "../../errors.js";
import { isLdhName } from "../../util/chars.js";
import { tldts } from "../../util/cjs-deps.js";
import { sanitizeField } from "../../util/sanitize.js";
import { severityRank } from "./checks.js";
import { domainFindings } from "./domain-checks.js";
import { finding, originOf } from "./finding.js";
import { delegationFindings, foreignProviders, organisationFindings } from "./org-checks.js";
import type { AuditedDomain, AuditInput, AuditOptions, AuditReport, Finding } from "./types.js";

export const AUDIT_DEFAULTS = Object.freeze({ nameserverDomains: true, concurrency: 16, perServer: 4 });

/** Domains audited in one run: far more than an organisation holds, few enough to keep the report in memory. */
export const MAX_AUDIT_DOMAINS = 10_000;

/** A domain as the audit keys it: the registrable domain, A-label, lower case, no trailing dot; anything else is a usage error naming it. */
export function normalizeDomain(input: string): string {
  const trimmed = input.trim().replace(/\.$/, "");
  // Length first: the shape test then runs on at most 253 characters (a DNS name's limit, RFC 1035 §2.3.4).
  const shaped = trimmed.length <= 253 && trimmed.includes(".") && !/[\s/:@]/u.test(trimmed);
  const ascii = shaped ? domainToASCII(trimmed.toLowerCase()) : "";
  const shown = sanitizeField(input).slice(0, 100);
  if (ascii === "" || ascii.length > 253 || !isLdhName(ascii)) throw new InvalidOptionError(`"${shown}" is not a domain name`);
  // Registration data belongs to the registrable domain: www.example.com is audited as example.com.
  const registrable = tldts.getDomain(ascii, { allowPrivateDomains: false });
  if (registrable === null) throw new InvalidOptionError(`"${shown}" is a public suffix, not a registrable domain`);
  return registrable;
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.evidence.field < b.evidence.field ? -1 : a.evidence.field > b.evidence.field ? 1 : 0);
}

/**
 * The checks over records already looked up. `nsDomains`: the name servers' registrable domains, looked
 * up; undefined skips the dangling-delegation checks (a missing entry is reported as unverified).
 */
export function auditRecords(inputs: readonly AuditInput[], nsDomains: ReadonlyMap<string, AuditInput> | undefined, options: { crownJewels?: Iterable<string>; asOf?: Date } = {}): AuditReport {
  const asOf = options.asOf ?? new Date();
  const jewels = new Set([...(options.crownJewels ?? [])].map(normalizeDomain));
  const findings: Finding[] = [];
  const domains: AuditedDomain[] = [];
  for (const input of inputs) {
    const { record, error } = input;
    const crownJewel = jewels.has(input.domain);
    domains.push({ domain: input.domain, status: error || !record ? "error" : record.status, crownJewel, ...(record ? { server: record.source.server, protocol: record.source.protocol } : {}), ...(error ? { error } : {}) });
    if (error || !record) continue;
    const origin = originOf(input.domain, record);
    if (record.status === "available") findings.push(finding("WL-AUDIT-UNREGISTERED", origin, "status", "available", `${input.domain} is not registered (per ${origin.server ?? "the registry"})`));
    if (record.status === "registered") findings.push(...domainFindings(record, origin, { asOf, crownJewel }));
  }
  findings.push(...(nsDomains ? delegationFindings(inputs, nsDomains, asOf) : []), ...organisationFindings(inputs));
  return {
    asOf: asOf.toISOString(),
    generatedAt: new Date().toISOString(),
    domains,
    findings: findings.sort(bySeverity),
    nameserverDomains: [...(nsDomains?.values() ?? [])].map((ns) => ({ domain: ns.domain, status: ns.error || !ns.record ? "error" : ns.record.status, ...(ns.record?.dates?.expires ? { expires: ns.record.dates.expires } : {}) })),
  };
}

async function lookUpAll(domains: readonly string[], options: Partial<AuditOptions>, scheduler: PoliteScheduler, progress: { done: number; total: number }): Promise<Map<string, AuditInput>> {
  async function* names(): AsyncGenerator<string> {
    yield* domains;
  }
  const out = new Map<string, AuditInput>();
  // The bulk run's own stop and cancel (as `bulk` uses them): stopped, it asks no new domain and lets
  // those in flight finish; cancelled (a cancel implies a stop there), it aborts them, waits included, and ends.
  const lookup = options.lookup ?? {};
  for await (const result of bulkLookup(names(), {
    lookup: options.signal ? { ...lookup, signal: options.signal } : lookup,
    scheduler,
    concurrency: options.concurrency ?? AUDIT_DEFAULTS.concurrency,
    perServer: options.perServer ?? AUDIT_DEFAULTS.perServer,
    lookahead: Math.max(64, domains.length),
    ...(options.stop ? { stop: options.stop } : {}),
    ...(options.lookupFn ? { lookupFn: options.lookupFn } : {}),
  })) {
    out.set(result.query, { domain: result.query, ...(result.record ? { record: result.record } : {}), ...(result.error ? { error: result.error } : {}) });
    progress.done += 1;
    options.onProgress?.(progress.done, progress.total);
  }
  return out;
}

/** Looks every domain up (RDAP first, port-43 fallback, as options.lookup says), then audits them. */
export async function audit(domains: Iterable<string>, options: Partial<AuditOptions> = {}): Promise<AuditReport> {
  const names = [...new Set([...domains].map(normalizeDomain))];
  if (names.length === 0) throw new InvalidOptionError("no domain to audit: name at least one (arguments or --file)");
  if (names.length > MAX_AUDIT_DOMAINS) throw new InvalidOptionError(`${names.length} domains to audit: at most ${MAX_AUDIT_DOMAINS} in one run`);
  const servers = options.lookup?.servers;
  const scheduler = options.scheduler ?? new PoliteScheduler(servers ? { servers } : {});
  const progress = { done: 0, total: names.length };
  const looked = await lookUpAll(names, options, scheduler, progress);
  const inputs = names.map((name) => looked.get(name) ?? { domain: name, error: { code: "WL_ERR_ABORTED", message: "interrupted before this domain was looked up" } });
  const check = options.nameserverDomains ?? AUDIT_DEFAULTS.nameserverDomains;
  const nsDomains = check ? new Map<string, AuditInput>() : undefined;
  if (nsDomains) {
    const providers = new Set(inputs.flatMap((input) => (input.record?.status === "registered" ? [...foreignProviders(input.domain, input.record).keys()] : [])));
    // An audited domain's own record already answers for it; the rest are looked up once each.
    for (const provider of providers) {
      const known = looked.get(provider);
      if (known) nsDomains.set(provider, known);
    }
    const missing = options.signal?.aborted || options.stop?.aborted ? [] : [...providers].filter((provider) => !nsDomains.has(provider));
    progress.total += missing.length;
    if (missing.length > 0) for (const [provider, input] of await lookUpAll(missing, options, scheduler, progress)) nsDomains.set(provider, input);
  }
  return auditRecords(inputs, nsDomains, { crownJewels: options.crownJewels ?? [], ...(options.asOf ? { asOf: options.asOf } : {}) });
}
