/**
 * Which rule family an alert belongs to. The rule table's ids are matched first (one row per rule
 * family, with the reason); unknown ids fall back to words in the id, name and reasons, so the
 * scorer keeps working when rules are added or renamed. An alert may belong to several families
 * (a burst of port-43 lookups is both).
 */
import type { Alert } from "../types.js";
import type { Family, ScenarioKind } from "./model.js";

/** The rule table's ids (data/detect-rules/whois-recon.yaml) and the family each one detects. */
const RULE_FAMILIES: Readonly<Record<string, Family>> = {
  "whois-port43-egress": "port43", // TCP/43, a whois.log query, or a port-43 server name resolved
  "whois-rdap-endpoint": "rdap", // RDAP hosts in DNS/SNI/HTTP, RDAP object paths
  "whois-web-service": "web-whois", // web WHOIS lookup sites
  "whois-endpoint-tool": "endpoint", // whois.exe & co, command lines calling RDAP/WHOIS, process traffic
  "whois-burst-targets": "burst",
  "whois-burst-lookups": "burst",
  "whois-own-domain-lookup": "own-domain",
  "whois-correlated-dns-enumeration": "correlation",
  "whois-correlated-port-scan": "correlation",
};

/** Fallback for ids not in the table: [family, pattern over "ruleId ruleName", pattern over the reasons]. */
const FAMILY_PATTERNS: readonly (readonly [Family, RegExp, RegExp?])[] = [
  ["port43", /port[-_ ]?43|tcp[-_ ]?43|whois[-_ ](egress|session|port|query)|nicname/i],
  ["rdap", /rdap/i],
  ["web-whois", /web[-_ ]?whois|whois[-_ ](web|site|service)/i],
  ["endpoint", /endpoint|process|sysmon|whois\.exe|whois[-_ ]?(tool|binary|exe)|powershell|script/i],
  ["burst", /burst|bulk|volume|many[-_ ]targets|threshold/i],
  ["own-domain", /own[-_ ]?domain|org[-_ ]?domain/i, /\bown domain|organi[sz]ation'?s? (own )?domain|org(anization)? domains?\b/i],
  ["correlation", /correlat|enum|scan|nxdomain|axfr/i, /enumerat|nxdomain|axfr|zone transfer|port scan|scann/i],
];

export function familiesOf(alert: Alert): Set<Family> {
  const text = `${alert.ruleId} ${alert.ruleName}`;
  const reasons = alert.reasons.join(" ");
  const out = new Set<Family>();
  const known = RULE_FAMILIES[alert.ruleId];
  if (known !== undefined) {
    out.add(known);
    // Modifiers raise a lookup alert for own domains or correlated enumeration/scans: say so in reasons.
    for (const [family, , onReasons] of FAMILY_PATTERNS) if (onReasons !== undefined && onReasons.test(reasons)) out.add(family);
    return out;
  }
  for (const [family, onRule, onReasons] of FAMILY_PATTERNS) {
    if (onRule.test(text) || (onReasons !== undefined && onReasons.test(reasons))) out.add(family);
  }
  return out;
}

/** Where a false positive is counted when it matches no scenario: the kind that expects its family. */
export function kindForFalsePositive(families: ReadonlySet<Family>, alert: Alert): ScenarioKind | "unclassified" {
  if (families.has("correlation")) return /scan/i.test(`${alert.ruleId} ${alert.reasons.join(" ")}`) ? "corr-port-scan" : "corr-dns-enum";
  if (families.has("own-domain")) return "own-domain";
  if (families.has("burst")) return families.has("rdap") || alert.destination?.port === 443 ? "burst-rdap" : "burst-port43";
  if (families.has("endpoint")) return "endpoint-tool";
  if (families.has("port43")) return "single-port43";
  if (families.has("rdap")) return "single-rdap";
  if (families.has("web-whois")) return "web-whois";
  return "unclassified";
}
