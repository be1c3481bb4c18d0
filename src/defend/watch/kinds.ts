import { CHECK_DEFAULTS } from "../lookalikes/defaults.js";
import type { AlertKind, AlertSeverity } from "./types.js";

/**
 * One row per alert kind: its usual severity and why. The diff rules (diff.ts) may raise a row's
 * severity (an expiry moved back, DNSSEC turned off); a crown-jewel domain's alerts go one level up.
 */
export const ALERT_KIND_TABLE: Readonly<Record<AlertKind, { severity: AlertSeverity; meaning: string }>> = {
  "registrar-changed": { severity: "high", meaning: "the sponsoring registrar changed: a transfer, wanted or a hijack (T1584.001)" },
  "nameservers-changed": { severity: "high", meaning: "the delegation changed: whoever runs the new name servers answers for the domain" },
  "lock-removed": { severity: "high", meaning: "a client/server Transfer/Update/Delete prohibition was lifted: the usual first step of a hijack" },
  "lock-added": { severity: "info", meaning: "a transfer/update/delete prohibition was added" },
  "status-changed": { severity: "low", meaning: "another EPP status changed (hold, pending delete, redemption, ...)" },
  "contact-changed": { severity: "medium", meaning: "the registrant or admin contact (organisation, e-mail) changed" },
  "dnssec-changed": { severity: "medium", meaning: "DNSSEC signed/unsigned changed (turned off: high)" },
  "expiry-near": { severity: "high", meaning: "the registration expires within the near window (default 30 days)" },
  "expiry-changed": { severity: "info", meaning: "the expiry date moved forward (a renewal); moved back or into the near window: high" },
  "domain-dropped": { severity: "critical", meaning: "a watched domain answers as not registered: anyone may register it" },
  "lookalike-registered": { severity: "high", meaning: "a lookalike of a watched domain is now registered" },
  "lookalike-changed": { severity: "medium", meaning: "a registered lookalike changed registrar, name servers or registrant" },
  "new-domain-names-us": { severity: "high", meaning: "a reverse-WHOIS term (our organisation, e-mail or name server) matched a domain not seen before" },
  "network-changed": { severity: "medium", meaning: "a watched netblock's holder, handle, range or contacts changed" },
};

/** EPP statuses that lock a domain (RFC 5731 §2.3, ICANN EPP status codes); the rest are "other" statuses. */
export const LOCK_STATUSES: readonly string[] = [
  "clienttransferprohibited",
  "clientupdateprohibited",
  "clientdeleteprohibited",
  "servertransferprohibited",
  "serverupdateprohibited",
  "serverdeleteprohibited",
];

/**
 * Registry status words that stand for an EPP status (RFC 5731 §2.3), keyed as `statusKey` spells them
 * (lower case, no spaces, hyphens or underscores). A registry that shows its own vocabulary on port 43
 * and EPP names over RDAP must diff the same either way.
 */
export const REGISTRY_STATUS_WORDS: Readonly<Record<string, { epp: string; source: string }>> = {
  // AFNIC: `status:` beside `eppstatus:` lines ("Guide du service Whois", domain object).
  active: { epp: "ok", source: "AFNIC status: ACTIVE; RDAP 'active' = EPP 'ok' (RFC 8056 §2)" },
  redemption: { epp: "redemptionperiod", source: "AFNIC status: REDEMPTION (RFC 3915 redemptionPeriod)" },
  deleted: { epp: "pendingdelete", source: "AFNIC status: DELETED (a deletion pending at the registry)" },
  blocked: { epp: "serverhold", source: "AFNIC status: BLOCKED (registry-held, not in the DNS)" },
  frozen: { epp: "serverupdateprohibited", source: "AFNIC status: FROZEN (registry-frozen for updates)" },
  // DENIC: `Status: connect` is a delegated domain (DENIC whois documentation).
  connect: { epp: "ok", source: "DENIC Status: connect (registered and delegated)" },
  // Nominet: the "Registration status:" section's sentences (Nominet WHOIS output description).
  registereduntilexpirydate: { epp: "ok", source: "Nominet 'Registered until expiry date.'" },
  registereduntilrenewaldate: { epp: "ok", source: "Nominet 'Registered until renewal date.'" },
  renewalrequired: { epp: "renewalrequired", source: "Nominet 'Renewal required.' (expired, not yet suspended)" },
  // ICANN's gTLD whois prints statuses with the ICANN URL behind them; statusKey keeps only the first word.
};

/**
 * How severe a change of the non-lock statuses is, by the status that appeared: a domain entering
 * deletion or put on hold is a lapse or a takedown under way (it stops resolving or can be lost), not
 * a detail. Keys as `statusKey` spells them; the highest row that appeared wins, else the kind's severity.
 */
export const STATUS_SEVERITY: Readonly<Record<string, { severity: AlertSeverity; why: string }>> = {
  pendingdelete: { severity: "high", why: "RFC 5731 §2.3: the registry will delete it; anyone may then register it" },
  redemptionperiod: { severity: "high", why: "RFC 3915: deleted, restorable by the registrant only for a few weeks" },
  pendingrestore: { severity: "medium", why: "RFC 3915: a restore from redemption is pending" },
  clienthold: { severity: "high", why: "RFC 5731: not published in the DNS (registrar hold: unpaid, dispute, abuse)" },
  serverhold: { severity: "high", why: "RFC 5731: not published in the DNS (registry hold)" },
  renewalrequired: { severity: "high", why: "Nominet: expired, suspended soon unless renewed" },
  autorenewperiod: { severity: "info", why: "RFC 3915: renewed automatically at expiry (grace period)" },
  renewperiod: { severity: "info", why: "RFC 3915: a renewal's grace period" },
  transferperiod: { severity: "medium", why: "RFC 3915: a transfer just completed" },
  pendingtransfer: { severity: "high", why: "RFC 5731: a transfer away is under way" },
};

/** Watch defaults, in one place (conventions §5). */
export const WATCH_DEFAULTS = Object.freeze({
  /** expiry-near fires when the expiry is at most this many days ahead. */
  nearDays: 30,
  /** Lookalike candidates fetched per watched domain at most, after the DNS check (each costs one lookup per run). */
  maxCandidates: 500,
  /** Lookalike candidates whose DNS is asked at once: the look-alike check's own default (one source). */
  dnsConcurrency: CHECK_DEFAULTS.dnsConcurrency,
  /** A reverse-WHOIS term matching more domains than this is noted, not followed (as footprint --fan-out). */
  fanOut: 200,
  /** Lookups in flight at once (each server's own pace still applies). */
  concurrency: 16,
  /**
   * history: a "not registered" answer followed within this time by a registered one is the lagging
   * answer a pass's drop confirmation asked again, not a drop (a pass's re-ask comes seconds later).
   */
  dropConfirmWindowMs: 10 * 60_000,
  /**
   * The pass lock (lock.ts) lasts this long past its last renewal; a pass renews it every third of it, so
   * only a pass killed without releasing it (kill -9, a power cut) leaves one, and the next pass takes it over then.
   */
  lockTtlMs: 10 * 60_000,
  /** `watch run --wait-lock` without a value: how long a pass waits for the lock before WL_ERR_WATCH_BUSY. */
  lockWaitMs: 300_000,
  /**
   * The one retry policy of the pass lock (lock.ts WatchLock.acquire): attempts are spaced by an exponential backoff
   * from lockRetryFirstMs, doubling up to lockRetryMaxMs, each delay drawn between half and all of it (so waiters that
   * started together do not poll in step), and the last one cut to end at the wait's deadline.
   */
  lockRetryFirstMs: 250,
  lockRetryMaxMs: 10_000,
});
