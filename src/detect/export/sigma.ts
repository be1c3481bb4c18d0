/**
 * The rule table as Sigma (specification v2): detection documents for every lookup rule and log
 * source (sigma-lookup.ts), and correlation documents (event_count / value_count / temporal) for
 * bursts and for lookups correlated with DNS enumeration or port scans. Rules refer to each other by
 * `name`; ids are UUIDs derived from the names, so exports are stable.
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { jsonSafe } from "../../util/export-text.js";
import type { RuleSet } from "../rules/load.js";
import type { Rule } from "../rules/schema.js";
import { lookupParts, type SigmaPart } from "./sigma-lookup.js";

export interface SigmaDocument { name: string; kind: "detection" | "correlation"; doc: Record<string, unknown> }
export interface SigmaOptions { orgDomains?: readonly string[]; author?: string; date?: string }

const TAGS = ["attack.reconnaissance", "attack.t1596.002", "attack.t1596"];
const LEVEL: Record<Rule["severity"], string> = { low: "low", medium: "medium", high: "high", critical: "critical" };

/** A UUID (version 5 layout) from a name: the same rule always gets the same id. */
export function stableUuid(name: string): string {
  const h = createHash("sha1").update(`whoislens:sigma:${name}`).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const timespan = (seconds: number): string => (seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`);

export function toSigma(set: RuleSet, options: SigmaOptions = {}): SigmaDocument[] {
  const date = options.date ?? "2026-11-25";
  const meta = (rule: Rule, extra: string) => ({
    status: "experimental",
    description: `${rule.description}${extra}`,
    references: [...new Set(rule.references)],
    author: options.author ?? "whoislens",
    date,
    tags: TAGS,
    level: LEVEL[rule.severity],
  });
  const out: SigmaDocument[] = [];
  const detection = (name: string, title: string, rule: Rule, p: SigmaPart, extra = ""): void => {
    out.push({ name, kind: "detection", doc: { title, id: stableUuid(name), name, ...meta(rule, extra), logsource: p.logsource, detection: p.detection, fields: p.fields, falsepositives: ["Administrators and analysts looking up registration data on purpose"] } });
  };
  const correlation = (name: string, title: string, rule: Rule, corr: Record<string, unknown>): void => {
    out.push({ name, kind: "correlation", doc: { title, id: stableUuid(name), name, ...meta(rule, ""), correlation: corr, falsepositives: ["Scheduled asset or brand-monitoring jobs"] } });
  };
  const sourceOf = new Map<string, string>();
  const targetOf = new Map<string, string>();
  const countable: string[] = [];
  const lookupRules = set.rules.filter((r) => r.match.type === "lookup");
  for (const rule of lookupRules) {
    for (const p of lookupParts(set, rule)) {
      const name = `${rule.id}-${p.suffix}`;
      detection(name, `${rule.name} (${p.logsource.category ?? p.logsource.service})`, rule, p);
      sourceOf.set(name, p.source);
      if (p.target !== undefined) targetOf.set(name, p.target);
      if (!p.suffix.startsWith("dns")) countable.push(name);
    }
  }
  const alias = (names: Iterable<string>, map: Map<string, string>) => Object.fromEntries([...names].map((n) => [n, map.get(n)!]));
  const anyLookup = "whoislens-whois-lookups";
  const firstLookup = lookupRules[0];
  const corrRules = set.rules.filter((r) => r.match.type === "correlation");
  const longest = Math.max(3600, ...corrRules.map((r) => (r.match.type === "correlation" ? r.match.windowSeconds : 0)));
  if (firstLookup && corrRules.length > 0) {
    correlation(anyLookup, "WHOIS/RDAP lookups by one source", firstLookup, { type: "event_count", rules: [...sourceOf.keys()], aliases: { source: alias(sourceOf.keys(), sourceOf) }, "group-by": ["source"], timespan: timespan(longest), condition: { gte: 1 } });
  }
  for (const rule of set.rules) {
    const m = rule.match;
    if (m.type === "burst") {
      const rules = m.count === "events" ? countable : countable.filter((n) => targetOf.has(n));
      const condition = m.count === "events" ? { gte: m.threshold } : { gte: m.threshold, field: "target" };
      const aliases: Record<string, unknown> = { source: alias(rules, sourceOf), ...(m.count === "targets" ? { target: alias(rules, targetOf) } : {}) };
      correlation(rule.id, rule.name, rule, { type: m.count === "events" ? "event_count" : "value_count", rules, aliases, "group-by": ["source"], timespan: timespan(m.windowSeconds), condition });
    } else if (m.type === "own-domain") {
      const org = [...new Set(options.orgDomains ?? [])];
      if (org.length === 0) continue; // needs --org-domains: nothing to match without them
      const parts: [string, SigmaPart][] = [
        ["whois", { suffix: "whois", logsource: { product: "zeek", service: "whois" }, detection: { selection: { "query|contains": org }, condition: "selection" }, fields: ["id.orig_h", "query"], source: "id.orig_h" }],
        ["proxy", { suffix: "proxy", logsource: { category: "proxy" }, detection: { selection: { "c-uri|contains": org }, filter_own_site: { "cs-host|endswith": org }, condition: "selection and not filter_own_site" }, fields: ["c-ip", "cs-host", "c-uri"], source: "c-ip" }],
      ];
      for (const [suffix, p] of parts) detection(`${rule.id}-${suffix}`, `${rule.name} (${suffix})`, rule, p, " Generated for the organization's domains given at export time.");
    } else if (m.type === "correlation" && firstLookup) {
      const win = timespan(m.windowSeconds), ind = timespan(m.indicatorWindowSeconds);
      const base = (name: string, title: string, logsource: Record<string, string>, sel: Record<string, unknown>, src: string) => {
        detection(name, title, rule, { suffix: "", logsource, detection: { selection: sel, condition: "selection" }, fields: [src], source: src }, " (Building block of a correlation rule.)");
        out[out.length - 1]!.doc.level = "informational";
      };
      const temporal = (name: string, title: string, indicator: string) =>
        correlation(name, title, rule, { type: "temporal", rules: [anyLookup, indicator], aliases: { source: { [indicator]: "source" } }, "group-by": ["source"], timespan: win });
      if (m.indicator === "dns-enumeration") {
        base("whoislens-dns-nxdomain", "DNS NXDOMAIN answer", { category: "dns" }, { rcode_name: "NXDOMAIN" }, "src_ip");
        correlation("whoislens-dns-nxdomain-burst", "Many NXDOMAIN answers for one source", rule, { type: "event_count", rules: ["whoislens-dns-nxdomain"], aliases: { source: { "whoislens-dns-nxdomain": "src_ip" } }, "group-by": ["source"], timespan: ind, condition: { gte: m.nxdomain } });
        temporal(rule.id, rule.name, "whoislens-dns-nxdomain-burst");
        if (m.qtypes.length > 0) {
          base("whoislens-dns-zone-transfer", "DNS zone transfer or ANY query", { category: "dns" }, { record_type: m.qtypes }, "src_ip");
          correlation("whoislens-dns-zone-transfer-seen", "Zone transfer or ANY query by one source", rule, { type: "event_count", rules: ["whoislens-dns-zone-transfer"], aliases: { source: { "whoislens-dns-zone-transfer": "src_ip" } }, "group-by": ["source"], timespan: ind, condition: { gte: 1 } });
          temporal(`${rule.id}-zone-transfer`, `${rule.name} (zone transfer / ANY)`, "whoislens-dns-zone-transfer-seen");
        }
      } else {
        base("whoislens-conn-failed", "Failed or blocked connection", { category: "firewall" }, { action: m.failedStates }, "src_ip");
        const alias1 = { source: { "whoislens-conn-failed": "src_ip" }, dst: { "whoislens-conn-failed": "dst_ip" } };
        correlation("whoislens-port-scan-ports", "Failed connections to many ports of one host", rule, { type: "value_count", rules: ["whoislens-conn-failed"], aliases: alias1, "group-by": ["source", "dst"], timespan: ind, condition: { gte: m.distinctPorts, field: "dst_port" } });
        correlation("whoislens-port-scan-hosts", "Failed connections to many hosts", rule, { type: "value_count", rules: ["whoislens-conn-failed"], aliases: { source: alias1.source }, "group-by": ["source"], timespan: ind, condition: { gte: m.failedTargets, field: "dst_ip" } });
        temporal(rule.id, rule.name, "whoislens-port-scan-ports");
        temporal(`${rule.id}-sweep`, `${rule.name} (host sweep)`, "whoislens-port-scan-hosts");
      }
    }
  }
  // Names, descriptions, references and host paths come from rule files and --org-domains: every
  // string loses controls and bidi characters before it becomes YAML (issue #19).
  return out.map((d) => ({ ...d, doc: jsonSafe(d.doc) }));
}

/** One YAML document per rule, separated by `---`. */
export function sigmaYaml(docs: readonly SigmaDocument[]): string {
  return docs.map((d) => stringify(d.doc, { lineWidth: 0 })).join("---\n");
}
