/** Severities, lowest first (the order `--min-severity` and crown-jewel raising use). */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type AlertSeverity = (typeof SEVERITIES)[number];

export const ALERT_KINDS = [
  "registrar-changed",
  "nameservers-changed",
  "lock-removed",
  "lock-added",
  "status-changed",
  "contact-changed",
  "dnssec-changed",
  "expiry-near",
  "expiry-changed",
  "domain-dropped",
  "lookalike-registered",
  "lookalike-changed",
  "new-domain-names-us",
  "network-changed",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a watch entry watches. */
export type WatchKind = "domain" | "lookalikes" | "term" | "netblock";
/** The record attribute a reverse-WHOIS term matches (our organisation, our registrant e-mail, our name servers). */
export type TermField = "org" | "email" | "nameserver";
export const TERM_FIELDS: readonly TermField[] = ["org", "email", "nameserver"];

export interface WatchEntry {
  /** `<kind>:<value>` or `term:<field>:<value>`; stable, so adding the same thing twice is a no-op. */
  id: string;
  kind: WatchKind;
  value: string;
  field?: TermField;
  crownJewel: boolean;
  addedAt: string;
  /** The last run that looked at it (absent: never run; a term's first run only takes a baseline). */
  lastRun?: string;
}

/** Where an alert's values came from. */
export interface AlertEvidence {
  /** The record field compared (e.g. "registrar.name", "statuses", "dates.expires"). */
  field: string;
  /** Server and protocol of the newer record (the older one's when the newer is missing). */
  server?: string;
  protocol?: string;
  /** fetched_at of the two records compared. */
  beforeFetchedAt?: string;
  afterFetchedAt?: string;
  /** The watch entry that raised it (`lookalikes:example.com`, `term:email:hostmaster@example.com`, ...). */
  entry: string;
  /** Free words: the fuzzer of a lookalike, the reverse-WHOIS source of a match, days left. */
  note?: string;
}

export interface Alert {
  /** sha256 of kind, domain, before and after (hex, 32 characters): the same change has the same id. */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** The domain (or netblock) concerned. */
  domain: string;
  before: string | null;
  after: string | null;
  evidence: AlertEvidence;
  /** ISO 8601 UTC: the run that first saw it. */
  firstSeen: string;
}

/** A candidate from a lookalike generator (src/defend/lookalikes' `Permutation` has this shape). */
export interface LookalikeCandidate {
  domain: string;
  unicode?: string;
  fuzzer: string;
  distance?: number;
}

/** Lookalike generator injected into the watch engine: the CLI passes `permutations` of src/defend/lookalikes. */
export type CandidateGenerator = (domain: string) => readonly LookalikeCandidate[];
