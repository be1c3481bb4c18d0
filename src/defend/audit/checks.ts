/**
 * The audit's checks: one row each (conventions §2, §9). A finding carries its row's id, title,
 * technique and fix; its severity is the row's unless the row says how it rises (expiry windows are
 * separate rows for that reason). Ids are stable: SARIF rules, CI baselines and suppressions key on
 * them. Techniques are MITRE ATT&CK Enterprise ids (https://attack.mitre.org/techniques/<id>/).
 */

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export interface Technique {
  id: string;
  name: string;
}

export interface AuditCheck {
  id: string;
  title: string;
  severity: Severity;
  technique: Technique;
  /** What an attacker does with it (the rule's full description). */
  why: string;
  fix: string;
}

const T = {
  names: { id: "T1589.003", name: "Gather Victim Identity Information: Employee Names" },
  emails: { id: "T1589.002", name: "Gather Victim Identity Information: Email Addresses" },
  voice: { id: "T1598.004", name: "Phishing for Information: Spearphishing Voice" },
  places: { id: "T1591.001", name: "Gather Victim Org Information: Determine Physical Locations" },
  phishing: { id: "T1566", name: "Phishing" },
  compromiseDomain: { id: "T1584.001", name: "Compromise Infrastructure: Domains" },
  compromiseDns: { id: "T1584.002", name: "Compromise Infrastructure: DNS Server" },
  acquireDomain: { id: "T1583.001", name: "Acquire Infrastructure: Domains" },
  aitm: { id: "T1557", name: "Adversary-in-the-Middle" },
  whois: { id: "T1596.002", name: "Search Open Technical Databases: WHOIS" },
} as const satisfies Record<string, Technique>;

const REGISTRY_LOCK_FIX =
  "Ask the registrar for a registry lock (serverTransferProhibited, serverUpdateProhibited, serverDeleteProhibited): changes then need an out-of-band confirmation with the registry.";

export const CHECKS = [
  {
    id: "WL-AUDIT-UNREGISTERED",
    title: "Domain is not registered",
    severity: "critical",
    technique: T.acquireDomain,
    why: "Anyone can register a name the organisation lists as its own and receive its mail and web traffic.",
    fix: "Register the domain again now (or remove it from the audited list if it was given up on purpose).",
  },
  {
    id: "WL-AUDIT-PII-NAME",
    title: "Contact person's name is public",
    severity: "medium",
    technique: T.names,
    why: "A named person in WHOIS/RDAP is a target for pretexting and spearphishing and a lead into other data sources.",
    fix: "Turn on the registrar's privacy/redaction service or name a role (\"Domain Administration\") instead of a person.",
  },
  {
    id: "WL-AUDIT-PII-EMAIL",
    title: "Personal email address is public",
    severity: "medium",
    technique: T.emails,
    why: "A person's own mailbox found in registration data receives targeted phishing, and often doubles as a login name.",
    fix: "Use a role alias on a domain you control (e.g. domains@…) or the registrar's masked forwarding address.",
  },
  {
    id: "WL-AUDIT-PHISH-ROLE-EMAIL",
    title: "Role email address is public",
    severity: "low",
    technique: T.phishing,
    why: "hostmaster@, admin@ and similar addresses in registration data are where fake renewal and transfer notices are sent.",
    fix: "Point registration contacts at a dedicated alias that is filtered for registrar impersonation, or use the registrar's masked address.",
  },
  {
    id: "WL-AUDIT-PII-PHONE",
    title: "Phone or fax number is public",
    severity: "medium",
    technique: T.voice,
    why: "A direct number invites vishing: calls posing as the registrar to obtain account or transfer codes.",
    fix: "Redact the number (registrar privacy service) or give a switchboard number that never confirms account details.",
  },
  {
    id: "WL-AUDIT-PII-ADDRESS",
    title: "Street address is public",
    severity: "low",
    technique: T.places,
    why: "A street address locates an office or a home for physical or postal pretexts.",
    fix: "Turn on redaction, or publish a registered-office address rather than a person's.",
  },
  {
    id: "WL-AUDIT-EXPIRED",
    title: "Domain has expired",
    severity: "critical",
    technique: T.acquireDomain,
    why: "After the grace periods the name drops and can be caught by anyone; until then resolution may already be suspended.",
    fix: "Renew now and confirm the new expiry date in the registry's answer.",
  },
  {
    id: "WL-AUDIT-EXPIRY-15",
    title: "Domain expires within 15 days",
    severity: "critical",
    technique: T.acquireDomain,
    why: "A missed renewal lets the name lapse and be re-registered by someone else (drop-catching).",
    fix: "Renew now; turn on auto-renew and check the payment method on file.",
  },
  {
    id: "WL-AUDIT-EXPIRY-30",
    title: "Domain expires within 30 days",
    severity: "high",
    technique: T.acquireDomain,
    why: "A missed renewal lets the name lapse and be re-registered by someone else (drop-catching).",
    fix: "Renew this month; turn on auto-renew and check the payment method on file.",
  },
  {
    id: "WL-AUDIT-EXPIRY-90",
    title: "Domain expires within 90 days",
    severity: "medium",
    technique: T.acquireDomain,
    why: "Renewal notices in this window are also what phishers imitate; a lapse leads to drop-catching.",
    fix: "Renew for several years, or confirm auto-renew is on.",
  },
  {
    id: "WL-AUDIT-EXPIRY-180",
    title: "Domain expires within 180 days",
    severity: "low",
    technique: T.acquireDomain,
    why: "Expiry is near enough to plan the renewal.",
    fix: "Schedule the renewal, or confirm auto-renew is on.",
  },
  {
    id: "WL-AUDIT-AUTORENEW-UNSTATED",
    title: "Auto-renew is not stated",
    severity: "info",
    technique: T.acquireDomain,
    why: "Nothing in the record (autoRenewPeriod status, an auto-renew remark) says the domain renews itself; registration data rarely says so, so confirm it at the registrar.",
    fix: "Confirm auto-renew at the registrar and keep the expiry date under watch (whoislens watch).",
  },
  {
    id: "WL-AUDIT-LOCK-CLIENT-TRANSFER",
    title: "No transfer lock (clientTransferProhibited)",
    severity: "high",
    technique: T.compromiseDomain,
    why: "Without it, a stolen auth code or a social-engineered registrar moves the domain to another registrar.",
    fix: "Turn on the registrar lock (clientTransferProhibited) in the registrar's control panel.",
  },
  {
    id: "WL-AUDIT-LOCK-CLIENT-UPDATE",
    title: "No update lock (clientUpdateProhibited)",
    severity: "medium",
    technique: T.compromiseDomain,
    why: "Without it, anyone in the registrar account (or who takes it over) can change the name servers and contacts at once.",
    fix: "Ask the registrar to set clientUpdateProhibited (often part of its domain-lock feature).",
  },
  {
    id: "WL-AUDIT-LOCK-CLIENT-DELETE",
    title: "No delete lock (clientDeleteProhibited)",
    severity: "medium",
    technique: T.compromiseDomain,
    why: "Without it, a mistaken or malicious deletion drops the domain.",
    fix: "Ask the registrar to set clientDeleteProhibited.",
  },
  {
    id: "WL-AUDIT-REGISTRY-LOCK-MISSING",
    title: "Crown-jewel domain has no registry lock",
    severity: "high",
    technique: T.compromiseDomain,
    why: "Registrar locks are lifted by whoever controls the registrar account; only a registry lock (server*Prohibited) needs out-of-band confirmation.",
    fix: REGISTRY_LOCK_FIX,
  },
  {
    id: "WL-AUDIT-LOCK-NOT-PUBLISHED",
    title: "Lock status not published by this registry",
    severity: "info",
    technique: T.compromiseDomain,
    why: "The registry publishes no EPP lock statuses (clientTransferProhibited and the rest) and locks domains its own way, so the record cannot tell whether this domain is locked (lock-publishing.ts names the registries).",
    fix: "Check with your registrar that the domain is locked the registry's way (its transfer code kept back, the registry's lock service for crown jewels).",
  },
  {
    id: "WL-AUDIT-DNSSEC-UNSIGNED",
    title: "DNSSEC is not enabled",
    severity: "medium",
    technique: T.aitm,
    why: "Unsigned answers can be forged by cache poisoning or on-path attackers, redirecting web and mail traffic.",
    fix: "Sign the zone at the DNS provider and publish the DS record through the registrar.",
  },
  {
    id: "WL-AUDIT-NS-SINGLE-PROVIDER",
    title: "All name servers are at one provider",
    severity: "low",
    technique: T.compromiseDns,
    why: "One provider's outage, account takeover or compromise takes the whole domain with it.",
    fix: "Add name servers at a second, independent provider (secondary DNS).",
  },
  {
    id: "WL-AUDIT-NS-IN-DOMAIN",
    title: "All name servers are inside the domain itself",
    severity: "medium",
    technique: T.compromiseDns,
    why: "The domain's DNS depends on its own glue: a hijack, lapse or mistaken change of the domain takes its DNS down with it.",
    fix: "Add name servers under another domain (a second provider), so the delegation survives a problem with this one.",
  },
  {
    id: "WL-AUDIT-NS-DANGLING",
    title: "Name server under an unregistered domain (dangling delegation)",
    severity: "critical",
    technique: T.acquireDomain,
    why: "Whoever registers the name server's domain answers for this domain: web, mail and certificate validation included.",
    fix: "Remove the name server from the delegation now (or register its domain yourself), then review every domain delegated to it.",
  },
  {
    id: "WL-AUDIT-NS-DOMAIN-EXPIRING",
    title: "Name server under a domain that is expiring",
    severity: "high",
    technique: T.acquireDomain,
    why: "If the name server's domain lapses, whoever catches it answers for this domain (dangling delegation).",
    fix: "Make sure the provider renews its domain, or move the delegation to name servers whose domain is not at risk.",
  },
  {
    id: "WL-AUDIT-NS-DOMAIN-UNVERIFIED",
    title: "Name server's domain could not be checked",
    severity: "info",
    technique: T.acquireDomain,
    why: "The registration of the domain the name servers live under could not be looked up, so a dangling delegation cannot be ruled out.",
    fix: "Check that domain's registration by hand (or give --servers a server for its TLD).",
  },
  {
    id: "WL-AUDIT-ORG-REGISTRAR-MIXED",
    title: "Registrar differs from the organisation's other domains",
    severity: "low",
    technique: T.compromiseDomain,
    why: "Domains spread over registrars are easy to forget: each account is one more set of credentials, locks and renewals to keep.",
    fix: "Consolidate the organisation's domains at one registrar account with MFA and registry lock, or document why this one is elsewhere.",
  },
  {
    id: "WL-AUDIT-ORG-NS-MIXED",
    title: "Name servers differ from the organisation's other domains",
    severity: "low",
    technique: T.compromiseDns,
    why: "A delegation unlike the others is often a forgotten provider or a leftover, the usual start of a dangling delegation.",
    fix: "Move the domain to the organisation's managed DNS, or document why it is delegated elsewhere.",
  },
  {
    id: "WL-AUDIT-ABUSE-CONTACT-MISSING",
    title: "Registrar abuse contact missing",
    severity: "low",
    technique: T.whois,
    why: "Without a registrar abuse contact in the record, reporting a hijack or a fraudulent change to the registrar is slower (ICANN RAA 2013 §3.18 requires one for gTLD registrars).",
    fix: "Ask the registrar to publish its abuse email and phone, or keep them at hand in the incident runbook.",
  },
] as const satisfies readonly AuditCheck[];

export type CheckId = (typeof CHECKS)[number]["id"];

const BY_ID: ReadonlyMap<string, AuditCheck> = new Map(CHECKS.map((check) => [check.id, check]));

export function checkById(id: CheckId): AuditCheck {
  const check = BY_ID.get(id);
  if (!check) throw new Error(`unknown audit check ${id}`);
  return check;
}

/** Expiry windows, tightest first: the first that holds decides the finding (issue #14: 15/30/90/180 days). */
export const EXPIRY_WINDOWS: readonly { days: number; id: CheckId }[] = [
  { days: 15, id: "WL-AUDIT-EXPIRY-15" },
  { days: 30, id: "WL-AUDIT-EXPIRY-30" },
  { days: 90, id: "WL-AUDIT-EXPIRY-90" },
  { days: 180, id: "WL-AUDIT-EXPIRY-180" },
];

/** A name server's domain expiring within this many days makes WL-AUDIT-NS-DOMAIN-EXPIRING. */
export const NS_DOMAIN_EXPIRY_DAYS = 30;
