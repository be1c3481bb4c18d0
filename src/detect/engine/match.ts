/**
 * Single-event rules compiled into indices: connections by destination port, host names through
 * the suffix HostIndex (one walk per event whatever the number of rules), process images by
 * basename. Connection attempts (conn-outcome.ts) and scanner probes (probes.ts) are never lookups. Selectors with `withProcess: true` are the most specific: when one matches an event
 * that carries endpoint process context, the selectors without the flag are skipped for it.
 */
import type { DetectEvent, HttpEvent } from "../types.js";
import type { RuleSet } from "../rules/load.js";
import type { ListName, LookupMatch, Rule, Selector } from "../rules/schema.js";
import { scannerProbe } from "../probes.js";
import { isAttemptOnly } from "./conn-outcome.js";
import { HostIndex, normalizeHost, type HostChannel } from "./host-index.js";
import { commandLineHits } from "./process-match.js";
import { isRdapObjectPath, isRdapPathUnderRdap, rdapPathTarget, targetsInText, targetsOfWhoisQuery } from "./targets.js";

export interface LookupHit {
  rule: Rule;
  event: DetectEvent;
  targets: string[];
  /** One short phrase: what matched. */
  why: string;
  destination: { ip?: string; port?: number; domain?: string };
  /** DNS questions go through resolver attribution and do not count as lookups in bursts. */
  viaDns: boolean;
}

type Scope = (address: string) => boolean;
const NO_HITS: readonly LookupHit[] = Object.freeze([]);
interface Entry { rule: Rule; sel: Selector }

export class Matcher {
  readonly hosts: HostIndex;
  private readonly conn = new Map<number, Entry[]>();
  private readonly byKind = new Map<DetectEvent["kind"], Entry[]>();
  private readonly images = new Map<string, Entry[]>();
  private readonly listsByKind = new Map<DetectEvent["kind"], ListName[]>();

  constructor(set: RuleSet, private readonly isInternal: Scope) {
    this.hosts = new HostIndex(set.lists);
    for (const rule of set.rules) {
      if (rule.match.type !== "lookup") continue;
      for (const sel of (rule.match as LookupMatch).on) {
        const entry = { rule, sel };
        if (sel.event === "conn") for (const p of sel.ports) this.push(this.conn, p, entry);
        else if (sel.event === "process" && sel.images) for (const img of sel.images) this.push(this.images, img.toLowerCase(), entry);
        if (sel.event !== "conn" && !(sel.event === "process" && sel.commandLine === undefined)) this.push(this.byKind, sel.event, entry);
        if ("lists" in sel && sel.lists) {
          const lists = this.listsByKind.get(sel.event) ?? [];
          for (const l of sel.lists) if (!lists.includes(l)) lists.push(l);
          this.listsByKind.set(sel.event, lists);
        }
      }
    }
  }

  private push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  }

  private scopeOk(sel: Selector, src: string, dst: string | undefined): boolean {
    if (sel.from !== "any" && this.isInternal(src) !== (sel.from === "internal")) return false;
    if (sel.event === "conn" && sel.to !== "any" && dst !== undefined && this.isInternal(dst) !== (sel.to === "internal")) return false;
    return true;
  }

  /** Every lookup rule the event satisfies (at most one hit per rule). */
  match(event: DetectEvent): readonly LookupHit[] {
    // Hot path (Zeek conn at 500k+ lines/s): most connections are on ports no rule names.
    if (event.kind === "conn" && (!this.conn.has(event.dstPort) || isAttemptOnly(event))) return NO_HITS;
    // A scanner's probe to an open port 43 (nmap -sV) is answered like a query, yet looks nothing up.
    if (event.kind === "whois" && scannerProbe(event.query) !== undefined) return NO_HITS;
    // A request the proxy refused (an access rule, or the 407 challenge an authenticating proxy sends before the
    // browser's retry with credentials) looked nothing up; the retry, if any, is the lookup.
    if (event.kind === "http" && event.refused === true) return NO_HITS;
    const candidates = this.candidates(event);
    if (candidates.length === 0) return NO_HITS;
    const hasProcess = event.process !== undefined;
    const specific = hasProcess ? candidates.filter((h) => h.sel.withProcess === true) : [];
    const chosen = specific.length > 0 ? specific : candidates.filter((h) => h.sel.withProcess === undefined || h.sel.withProcess === hasProcess);
    const out: LookupHit[] = [];
    for (const c of chosen) if (!out.some((h) => h.rule === c.hit.rule)) out.push(c.hit);
    return out;
  }

  private candidates(event: DetectEvent): { sel: Selector; hit: LookupHit }[] {
    const out: { sel: Selector; hit: LookupHit }[] = [];
    const add = (e: Entry, hit: Omit<LookupHit, "rule" | "event">): void => {
      if (this.scopeOk(e.sel, event.src, "dst" in event ? event.dst : undefined)) out.push({ sel: e.sel, hit: { rule: e.rule, event, ...hit } });
    };
    switch (event.kind) {
      case "conn": {
        const entries = this.conn.get(event.dstPort);
        if (entries === undefined) return out;
        for (const e of entries) {
          if (e.sel.event !== "conn" || (e.sel.proto !== "any" && e.sel.proto !== event.proto)) continue;
          add(e, { targets: [], why: `${event.proto.toUpperCase()} connection to ${event.dst}:${event.dstPort}`, destination: { ip: event.dst, port: event.dstPort }, viaDns: false });
        }
        return out;
      }
      case "whois":
        for (const e of this.byKind.get("whois") ?? []) {
          add(e, { targets: targetsOfWhoisQuery(event.query), why: `WHOIS query "${event.query.slice(0, 80)}" to ${event.dst}:${event.dstPort}`, destination: { ip: event.dst, port: event.dstPort }, viaDns: false });
        }
        return out;
      case "dns":
        return this.hostMatches(event, event.query, "dns", out, add);
      case "tls":
        return this.hostMatches(event, event.sni, "tls", out, add);
      case "http":
        return this.httpMatches(event, out, add);
      case "process":
        return this.processMatches(event, out, add);
      case "served": // a query answered by our own server: the query-log rules' business (DetectorOptions.servedRules)
        return out;
    }
  }

  private hostMatches(event: DetectEvent, host: string, channel: HostChannel, out: { sel: Selector; hit: LookupHit }[], add: (e: Entry, hit: Omit<LookupHit, "rule" | "event">) => void): { sel: Selector; hit: LookupHit }[] {
    const lists = this.listsByKind.get(event.kind);
    if (lists === undefined) return out;
    const hits = this.hosts.find(host, channel, lists).filter((h) => h.hostOnly);
    if (hits.length === 0) return out;
    const name = normalizeHost(host);
    const label = channel === "dns" ? "DNS query for" : "TLS SNI";
    for (const e of this.byKind.get(event.kind) ?? []) {
      if (!("lists" in e.sel) || !e.sel.lists) continue;
      const wanted = e.sel.lists;
      const hit = hits.find((h) => wanted.includes(h.list));
      if (!hit) continue;
      const dst = "dst" in event ? event.dst : undefined;
      add(e, { targets: [], why: `${label} ${name} (${hit.list})`, destination: { ...(dst ? { ip: dst } : {}), ...("dstPort" in event && event.dstPort !== undefined ? { port: event.dstPort } : {}), domain: name }, viaDns: channel === "dns" });
    }
    return out;
  }

  private httpMatches(event: HttpEvent, out: { sel: Selector; hit: LookupHit }[], add: (e: Entry, hit: Omit<LookupHit, "rule" | "event">) => void): { sel: Selector; hit: LookupHit }[] {
    let host = event.host;
    let path = event.path;
    if ((host === undefined || path === undefined) && event.url !== undefined) {
      try {
        const u = new URL(event.url);
        host ??= u.host;
        path ??= u.pathname + u.search;
      } catch {
        // keep what the log gave
      }
    }
    const connect = event.method?.toUpperCase() === "CONNECT";
    const name = host === undefined ? undefined : normalizeHost(host);
    const lowerPath = (path ?? "").toLowerCase();
    const hits = name === undefined ? [] : this.hosts.find(name, connect ? "tls" : "http", this.listsByKind.get("http") ?? []);
    const destination = { ...(event.dst ? { ip: event.dst } : {}), ...(event.dstPort !== undefined ? { port: event.dstPort } : {}), ...(name ? { domain: name } : {}) };
    const shown = `${event.method ?? "GET"} ${name ?? ""}${connect ? "" : (path ?? "").slice(0, 120)}`;
    for (const e of this.byKind.get("http") ?? []) {
      if (e.sel.event !== "http") continue;
      const listHit = e.sel.lists === undefined ? undefined : hits.find((h) => e.sel.event === "http" && e.sel.lists!.includes(h.list) && (h.hostOnly || (!connect && h.row.paths !== undefined && h.row.paths.some((p) => lowerPath.startsWith(p)))));
      const rdapPath = e.sel.rdapPath === true && !connect && path !== undefined && (isRdapPathUnderRdap(path) || (hits.some((h) => h.list === "rdap-hosts") && isRdapObjectPath(path)));
      if (listHit === undefined && !rdapPath) continue;
      const rdapTarget = path !== undefined && (rdapPath || listHit?.list === "rdap-hosts") ? rdapPathTarget(path) : undefined;
      const targets = rdapTarget !== undefined ? [rdapTarget] : path !== undefined && !connect ? targetsInText(path, new Set(name ? [name] : [])) : [];
      add(e, { targets, why: `HTTP ${shown}${listHit ? ` (${listHit.list})` : " (RDAP path)"}`, destination, viaDns: false });
    }
    return out;
  }

  private processMatches(event: DetectEvent, out: { sel: Selector; hit: LookupHit }[], add: (e: Entry, hit: Omit<LookupHit, "rule" | "event">) => void): { sel: Selector; hit: LookupHit }[] {
    const p = event.process;
    if (p === undefined) return out;
    const image = p.image;
    const cut = Math.max(image.lastIndexOf("\\"), image.lastIndexOf("/"));
    const basename = image.slice(cut + 1).toLowerCase();
    const cmd = p.commandLine ?? "";
    const exclude = (t: string): boolean => this.hosts.find(t, "dns", ["rdap-hosts", "web-whois", "whois-servers"]).length > 0;
    if (event.kind === "process") {
      for (const e of this.images.get(basename) ?? []) {
        const targets = targetsInText(cmd).filter((t) => !exclude(t) && t !== basename);
        add(e, { targets, why: `process ${basename} started`, destination: {}, viaDns: false });
      }
      for (const e of this.byKind.get("process") ?? []) {
        if (e.sel.event !== "process" || e.sel.commandLine === undefined || cmd === "") continue;
        const found = commandLineHits(cmd, e.sel.commandLine, this.hosts);
        if (found === undefined) continue;
        add(e, { targets: found.targets.filter((t) => !exclude(t)), why: `${basename} command line ${found.why}`, destination: found.domain ? { domain: found.domain } : {}, viaDns: false });
      }
    }
    return out;
  }
}
