export { audit, auditRecords, normalizeDomain, AUDIT_DEFAULTS, MAX_AUDIT_DOMAINS } from "./run.js";
export { CHECKS, EXPIRY_WINDOWS, NS_DOMAIN_EXPIRY_DAYS, SEVERITIES, checkById, severityRank, type AuditCheck, type CheckId, type Severity, type Technique } from "./checks.js";
export { ROLE_LOCALPARTS, ROLE_NAME_WORDS, PROXY_EMAIL_DOMAINS } from "./contact-data.js";
export { renderAudit, AUDIT_FORMATS, type AuditFormat, type RenderOptions, type SarifSource } from "./format/index.js";
export { atOrAbove } from "./format/summary.js";
export type { AuditedDomain, AuditInput, AuditOptions, AuditReport, Evidence, Finding } from "./types.js";
export { AS_OF_PATTERN, parseAsOf } from "./as-of.js";
