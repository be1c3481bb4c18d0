/**
 * The rule table as Suricata rules: TCP/43 egress with flow/content keywords, dns.query / tls.sni /
 * http.host matches (dotprefix + endswith: the host and its subdomains) for RDAP and web WHOIS hosts,
 * RDAP object paths on http.uri, and bursts as `threshold` rules. Endpoint (process) selectors and
 * correlations have no Suricata equivalent and are left out (listed in a comment at the top).
 */
import { suricataText } from "../../util/export-text.js";
import type { RuleSet } from "../rules/load.js";
import type { HostRow, ListName, LookupMatch, Rule } from "../rules/schema.js";

export interface SuricataOptions { sidBase?: number }
export const SID_BASE = 1_596_000;
export const SID_LIMIT = 1_599_999;

/** msg strings: controls and bidi stripped, one line, `"`, `;` and `\` escaped (util/export-text). */
export const suricataString = suricataText;

/** content: printable ASCII except the specials, which go in |hex|. */
export function suricataContent(text: string): string {
  let out = "";
  for (const ch of Buffer.from(text, "utf8")) {
    out += ch >= 0x20 && ch < 0x7f && ![0x22, 0x3b, 0x5c, 0x7c].includes(ch) ? String.fromCharCode(ch) : `|${ch.toString(16).padStart(2, "0")}|`;
  }
  return out;
}

function listRows(set: RuleSet, lists: readonly ListName[]): { hostOnly: Map<string, Set<string>>; pathRows: HostRow[] } {
  const hostOnly = new Map<string, Set<string>>();
  const pathRows: HostRow[] = [];
  for (const list of lists) {
    for (const row of set.lists[list]) {
      const channels = row.hostOnly ?? (row.paths === undefined ? ["dns", "tls", "http"] : []);
      hostOnly.set(row.host, new Set([...(hostOnly.get(row.host) ?? []), ...channels]));
      if (row.paths !== undefined && row.paths.length > 0) pathRows.push(row);
    }
  }
  return { hostOnly, pathRows };
}

export function toSuricata(set: RuleSet, options: SuricataOptions = {}): string[] {
  let sid = options.sidBase ?? SID_BASE;
  const out: string[] = [];
  const emit = (rule: Rule, header: string, body: string, what: string, classtype = "policy-violation"): void => {
    if (sid > SID_LIMIT) throw new RangeError(`Suricata sid range ${SID_BASE}-${SID_LIMIT} exhausted`);
    const msg = suricataString(`WHOISLENS ${rule.name} - ${what} (T1596.002)`);
    out.push(`${header} (msg:"${msg}"; ${body} classtype:${classtype}; sid:${sid}; rev:1; metadata:mitre_technique_id T1596.002, mitre_tactic_id TA0043, whoislens_rule ${rule.id};)`);
    sid += 1;
  };
  const host = (buffer: string, h: string, nocase: boolean) => `${buffer}; dotprefix; content:".${suricataContent(h)}"; endswith;${nocase ? " nocase;" : ""}`;
  for (const rule of set.rules) {
    const m = rule.match;
    if (m.type === "lookup") {
      for (const sel of (m as LookupMatch).on) {
        if (sel.withProcess === true || sel.event === "process") continue;
        const src = sel.from === "internal" ? "$HOME_NET" : "any";
        if (sel.event === "conn") {
          const dst = sel.to === "external" ? "$EXTERNAL_NET" : "any";
          const ports = sel.ports.length === 1 ? String(sel.ports[0]) : `[${sel.ports.join(",")}]`;
          emit(rule, `alert ${sel.proto === "any" ? "ip" : sel.proto} ${src} any -> ${dst} ${ports}`, `flow:established,to_server; dsize:>0; content:"|0d 0a|";`, `query sent to port ${ports}`);
        } else if (sel.event === "whois") continue; // covered by the conn rule: Suricata has no WHOIS parser
        else if (sel.event === "dns" || sel.event === "tls") {
          const { hostOnly } = listRows(set, sel.lists);
          for (const [h, ch] of hostOnly) {
            if (!ch.has(sel.event)) continue;
            if (sel.event === "dns") emit(rule, `alert dns ${src} any -> any any`, host("dns.query", h, true), `DNS query for ${h}`);
            else emit(rule, `alert tls ${src} any -> any any`, `${host("tls.sni", h, true)} flow:established,to_server;`, `TLS SNI ${h}`);
          }
        } else if (sel.event === "http") {
          if (sel.lists !== undefined) {
            const { hostOnly, pathRows } = listRows(set, sel.lists);
            for (const [h, ch] of hostOnly) if (ch.has("http")) emit(rule, `alert http ${src} any -> any any`, `flow:established,to_server; ${host("http.host", h, false)}`, `HTTP host ${h}`);
            for (const row of pathRows) {
              for (const p of row.paths ?? []) emit(rule, `alert http ${src} any -> any any`, `flow:established,to_server; ${host("http.host", row.host, false)} http.uri; content:"${suricataContent(p)}"; startswith; nocase;`, `HTTP ${row.host}${p}`);
            }
          }
          if (sel.rdapPath === true) {
            emit(rule, `alert http ${src} any -> any any`, `flow:established,to_server; http.uri; content:"/rdap/"; nocase; pcre:"/\\/rdap\\/(?:[^?#]*\\/)?(?:domain|ip|autnum|entity|nameserver)\\//i";`, "RDAP object path");
          }
        }
      }
    } else if (m.type === "burst" && m.count === "events") {
      const th = `threshold:type both, track by_src, count ${m.threshold}, seconds ${m.windowSeconds};`;
      emit(rule, "alert tcp $HOME_NET any -> $EXTERNAL_NET 43", `flow:to_server; flags:S,12; ${th}`, "port-43 connections", "attempted-recon");
      emit(rule, "alert tls $HOME_NET any -> any any", `tls.sni; content:"rdap"; nocase; flow:established,to_server; ${th}`, "RDAP TLS sessions", "attempted-recon");
      emit(rule, "alert http $HOME_NET any -> any any", `flow:established,to_server; http.uri; content:"/rdap/"; nocase; ${th}`, "RDAP HTTP requests", "attempted-recon");
    }
  }
  appendedRules(set, emit);
  return out;
}

type Emit = (rule: Rule, header: string, body: string, what: string, classtype?: string) => void;

/**
 * Rules added after the first published table, emitted after every other rule: a sid is a contract with users'
 * suppression lists (threshold.config, disable.conf, a SIEM's exceptions), so a new kind of rule takes the sids
 * after the highest and never renumbers the ones before it (test/detect/export/suricata-sids.tsv pins them).
 * w24: RDAP over QUIC/HTTP3 (browsers and `curl --http3` reach RDAP services behind CDNs that way), on
 * Suricata 7's `quic.sni` sticky buffer (OISF/suricata src/detect-quic-sni.c, "quic.sni", buffer quic_sni;
 * docs.suricata.io rules/quic-keywords; needs app-layer.protocols.quic enabled). One rule for every RDAP
 * service: a label starting "rdap" (rdap.arin.net, rdap-bootstrap.arin.net, api.rdap.nic.…); the per-host
 * dns.query rules still see the resolution that precedes any QUIC connection to the other hosts of the list.
 */
function appendedRules(set: RuleSet, emit: Emit): void {
  for (const rule of set.rules) {
    if (rule.match.type !== "lookup") continue;
    const sel = (rule.match as LookupMatch).on.find((s) => s.event === "tls" && s.withProcess !== true && s.lists.includes("rdap-hosts"));
    if (sel === undefined || sel.event !== "tls") continue;
    const src = sel.from === "internal" ? "$HOME_NET" : "any";
    emit(rule, `alert quic ${src} any -> any any`, `flow:to_server; quic.sni; content:"rdap"; nocase; pcre:"/(?:^|\\.)rdap[.-]/i";`, "QUIC SNI of an RDAP service (HTTP/3)");
  }
}

export function suricataRules(set: RuleSet, options?: SuricataOptions): string {
  const skipped = set.rules.filter((r) => r.match.type === "own-domain" || r.match.type === "correlation" || (r.match.type === "burst" && r.match.count === "targets")).map((r) => r.id);
  const head = [
    "# whoislens WHOIS reconnaissance rules (MITRE ATT&CK T1596.002) — generated by `whoislens rules export --format suricata`.",
    "# Endpoint (process) selectors, distinct-target bursts, own-domain and correlation rules need the whoislens engine",
    `# (or the Sigma export) and are not expressible here: ${skipped.join(", ")}.`,
  ];
  return `${[...head, ...toSuricata(set, options)].join("\n")}\n`;
}
