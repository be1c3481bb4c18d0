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
});
