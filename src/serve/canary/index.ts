/**
 * Canary contacts (issue #15): unique, plausible decoy contacts per decoy object or per asking source,
 * the planter `serve` calls, the mail-log / IMAP check that names the harvester, and the STIX 2.1
 * export of honeypot hits.
 */
export { createPlanter, issueSet, canaryIds, type PlanterOptions } from "./planter.js";
export { CanaryStore, type CanaryRow, type ServingRow } from "./store.js";
export { encodeToken, decodeToken, findTokens, checkDigits, TOKEN_BITS } from "./tokens.js";
export { makeContactSet, mailDomainOption, phoneNumber, type ContactSet, type RandomInt } from "./generate.js";
export { loadCanaryTables, phoneRangeOption, type CanaryTables, type PhoneRange } from "./tables.js";
export { readMailLog, sniffMailLog, type MailReadOptions, type MailReadStats } from "./maillog/read.js";
export type { MailSighting, MailLogFormat } from "./maillog/types.js";
export { parseImapUrl, readImapMailbox, type ImapOptions, type ImapTarget } from "./imap.js";
export { matchSightings, canaryAlerts, CANARY_RULE, MATCH_BATCH, SightingMatcher, type Hit } from "./check.js";
export { sightingsBundle, DecoyHitBook, type DecoyHits, type SightingsOptions } from "./stix.js";
