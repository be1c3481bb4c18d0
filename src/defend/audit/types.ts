import type { BulkOptions, PoliteScheduler } from "../../bulk/index.js";
import type { LookupOptions } from "../../lookup/index.js";
import type { Protocol, RecordStatus, WhoisRecord } from "../../record/types.js";
import type { CheckId, Severity, Technique } from "./checks.js";

/** What a finding rests on: which record, which field, what it said, and who said it. */
export interface Evidence {
  domain: string;
  /** Record field, e.g. `contacts[registrant,administrative].email`, `statuses`, `dates.expires`. */
  field: string;
  value: string;
  /** Host of the server whose answer the record was built from. */
  server?: string;
  protocol?: Protocol;
}

export interface Finding {
  id: CheckId;
  title: string;
  severity: Severity;
  domain: string;
  /** One sentence saying what was found, with the value. */
  message: string;
  evidence: Evidence;
  technique: Technique;
  fix: string;
}

/** One audited domain's outcome (a domain with an error produced no findings: it could not be checked). */
export interface AuditedDomain {
  domain: string;
  status: RecordStatus | "error";
  server?: string;
  protocol?: Protocol;
  crownJewel: boolean;
  error?: { code: string; message: string };
}

export interface AuditReport {
  /** The date expiry windows were measured from (ISO 8601). */
  asOf: string;
  generatedAt: string;
  domains: AuditedDomain[];
  /** Most severe first, then by domain and check id. */
  findings: Finding[];
  /** Name servers' registrable domains looked up for the dangling-delegation checks, with their status. */
  nameserverDomains: { domain: string; status: RecordStatus | "error"; expires?: string }[];
}

/** A looked-up domain as the checks see it: the record, or the error that stopped the lookup. */
export interface AuditInput {
  domain: string;
  record?: WhoisRecord;
  error?: { code: string; message: string };
}

export interface AuditOptions {
  lookup: Partial<LookupOptions>;
  /** Domains that must carry a registry lock (server*Prohibited). */
  crownJewels: Iterable<string>;
  /** Expiry windows are measured from here (default: now). */
  asOf?: Date;
  /** Look up the registrable domains of the name servers (dangling-delegation checks); default true. */
  nameserverDomains: boolean;
  /** Lookups in flight at once across servers; each server's own pace still applies. */
  concurrency: number;
  perServer: number;
  /** The scheduler that keeps every server's pace (default: a new one over lookup.servers). */
  scheduler?: PoliteScheduler;
  /** Replaces the real lookup (tests). */
  lookupFn?: BulkOptions["lookupFn"];
  onProgress?: (done: number, total: number) => void;
  /**
   * Stops looking up (an interrupt): no new domain is asked, those in flight finish (unless `signal`
   * cancels them); the report covers what was looked up, the rest are errors (WL_ERR_ABORTED).
   */
  stop?: AbortSignal;
  /** Cancels: stops as `stop` does and aborts the lookups in flight too (they are reported as not checked). */
  signal?: AbortSignal;
}
