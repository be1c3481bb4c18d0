/**
 * The lookup rules as Sigma detection documents: one document per rule and log source (a Sigma rule
 * has exactly one logsource). Field names follow the Sigma taxonomy of each category
 * (network_connection/firewall/dns/proxy/process_creation/dns_query) and Zeek's for whois/ssl.
 */
import type { RuleSet } from "../rules/load.js";
import type { HostRow, ListName, LookupMatch, Rule, Selector } from "../rules/schema.js";

export type SigmaDetection = Record<string, unknown>;
export interface SigmaPart { suffix: string; logsource: Record<string, string>; detection: SigmaDetection; fields: string[]; source: string; target?: string }

const RDAP_OBJECTS = ["domain", "ip", "autnum", "entity", "nameserver"];
/** The same pattern the engine uses for port-43 command lines (process-match.ts). */
const PORT43_RE = "([a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){1,8}|\\d{1,3}(\\.\\d{1,3}){3})[\"']?[ \\t]{0,4}[ \\t:,][ \\t]{0,4}[\"']?43([^\\d.]|$)";

function hostRows(set: RuleSet, lists: readonly ListName[], channel: "dns" | "tls" | "http"): { hostOnly: string[]; pathRows: HostRow[] } {
  const hostOnly = new Set<string>();
  const pathRows: HostRow[] = [];
  for (const list of lists) {
    for (const row of set.lists[list]) {
      const only = row.hostOnly !== undefined ? row.hostOnly.includes(channel) : row.paths === undefined;
      if (only) hostOnly.add(row.host);
      else if (channel === "http" && row.paths !== undefined && row.paths.length > 0) pathRows.push(row);
    }
  }
  return { hostOnly: [...hostOnly].sort(), pathRows };
}

/** host and its subdomains on `field`, as two selections; undefined when the list is empty. */
function hostSelections(field: string, hosts: string[], prefix = "selection_host"): SigmaDetection {
  if (hosts.length === 0) return {};
  return { [`${prefix}`]: { [field]: hosts }, [`${prefix}_sub`]: { [`${field}|endswith`]: hosts.map((h) => `.${h}`) } };
}

function withCondition(sel: SigmaDetection, filter?: SigmaDetection): SigmaDetection | undefined {
  const names = Object.keys(sel);
  if (names.length === 0) return undefined;
  const cond = names.length === 1 ? names[0]! : `1 of selection*`;
  return filter ? { ...sel, ...filter, condition: `${cond.includes(" ") ? `(${cond})` : cond} and not 1 of filter*` } : { ...sel, condition: cond };
}

function part(set: RuleSet, rule: Rule, sel: Selector, i: number): SigmaPart[] {
  const internalFilter = { filter_internal_dst: { "DestinationIp|cidr": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "fe80::/10"] } };
  switch (sel.event) {
    case "conn": {
      const ports = sel.ports;
      const net = withCondition({ selection: { DestinationPort: ports, Initiated: "true", ...(sel.proto !== "any" ? { Protocol: sel.proto } : {}) } }, sel.to === "external" ? internalFilter : undefined)!;
      const fw = withCondition({ selection: { dst_port: ports } }, sel.to === "external" ? { filter_internal_dst: { "dst_ip|cidr": internalFilter.filter_internal_dst["DestinationIp|cidr"] } } : undefined)!;
      return [
        { suffix: `network-${i}`, logsource: { category: "network_connection" }, detection: net, fields: ["SourceIp", "DestinationIp", "DestinationPort", "Image"], source: "SourceIp" },
        ...(sel.withProcess === true ? [] : [{ suffix: `firewall-${i}`, logsource: { category: "firewall" }, detection: fw, fields: ["src_ip", "dst_ip", "dst_port"], source: "src_ip" }]),
      ];
    }
    case "whois":
      return [{ suffix: `whois-${i}`, logsource: { product: "zeek", service: "whois" }, detection: { selection: { "query|exists": true }, condition: "selection" }, fields: ["id.orig_h", "id.resp_h", "query"], source: "id.orig_h", target: "query" }];
    case "dns": {
      const { hostOnly } = hostRows(set, sel.lists, "dns");
      if (sel.withProcess === true) {
        const d = withCondition(hostSelections("QueryName", hostOnly));
        return d ? [{ suffix: `dns-query-${i}`, logsource: { category: "dns_query" }, detection: d, fields: ["Image", "QueryName"], source: "Computer" }] : [];
      }
      const d = withCondition(hostSelections("query", hostOnly));
      return d ? [{ suffix: `dns-${i}`, logsource: { category: "dns" }, detection: d, fields: ["src_ip", "query"], source: "src_ip" }] : [];
    }
    case "tls": {
      const d = withCondition(hostSelections("server_name", hostRows(set, sel.lists, "tls").hostOnly));
      return d ? [{ suffix: `tls-${i}`, logsource: { product: "zeek", service: "ssl" }, detection: d, fields: ["id.orig_h", "server_name"], source: "id.orig_h" }] : [];
    }
    case "http": {
      let sels: SigmaDetection = {};
      if (sel.lists !== undefined) {
        const { hostOnly, pathRows } = hostRows(set, sel.lists, "http");
        sels = { ...hostSelections("cs-host", hostOnly) };
        pathRows.forEach((row, n) => {
          sels[`selection_path_${n}`] = { "cs-host|endswith": row.host, "c-uri|contains": row.paths };
        });
      }
      if (sel.rdapPath === true) sels.selection_rdap_path = { "c-uri|contains": RDAP_OBJECTS.map((o) => `/rdap/${o}/`) };
      const d = withCondition(sels);
      return d ? [{ suffix: `proxy-${i}`, logsource: { category: "proxy" }, detection: d, fields: ["c-ip", "cs-host", "c-uri", "c-useragent"], source: "c-ip", target: "c-uri" }] : [];
    }
    case "process": {
      const sels: SigmaDetection = {};
      if (sel.images) sels.selection_image = { "Image|endswith": sel.images.flatMap((img) => [`\\${img}`, `/${img}`]) };
      for (const p of sel.commandLine ?? []) {
        if (p === "rdap-url") sels.selection_cmd_rdap = { "CommandLine|contains": ["://rdap.", ...RDAP_OBJECTS.map((o) => `/rdap/${o}/`)] };
        if (p === "whois-site") sels.selection_cmd_web = { "CommandLine|contains": hostRows(set, ["web-whois"], "http").hostOnly.map((h) => `://${h}`) };
        if (p === "whois-port") {
          sels.selection_cmd_port_url = { "CommandLine|contains": ["whois://", "rwhois://"] };
          sels.selection_cmd_port = { "CommandLine|re": PORT43_RE };
        }
      }
      const d = withCondition(sels);
      return d ? [{ suffix: `process-${i}`, logsource: { category: "process_creation" }, detection: d, fields: ["Computer", "User", "Image", "CommandLine"], source: "Computer", target: "CommandLine" }] : [];
    }
  }
}

/** Every Sigma detection part of a lookup rule, numbered per selector. */
export function lookupParts(set: RuleSet, rule: Rule): SigmaPart[] {
  if (rule.match.type !== "lookup") return [];
  return (rule.match as LookupMatch).on.flatMap((sel, i) => part(set, rule, sel, i + 1));
}
