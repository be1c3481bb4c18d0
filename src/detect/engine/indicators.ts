/**
 * Reconnaissance indicators besides the lookups themselves, per source in a sliding window:
 * DNS enumeration (many NXDOMAIN, AXFR/IXFR/ANY, many distinct subdomains of one domain) and port
 * scanning (failed connections to many ports or hosts). Each returns a sentence when it fires.
 */
import { getDomain } from "tldts";
import { type ConnEvent, type DnsEvent, type Evidence, keepEvidence } from "../types.js";
import type { CorrelationMatch } from "../rules/schema.js";
import { Lru, TimeRing } from "./lru.js";

type DnsRule = Extract<CorrelationMatch, { indicator: "dns-enumeration" }>;
type ScanRule = Extract<CorrelationMatch, { indicator: "port-scan" }>;

export interface IndicatorFire { ts: number; reason: string; evidence: Evidence[] }

interface DnsState { nx: TimeRing<Evidence>; subs: Lru<string, TimeRing<string>>; lastFire: number }

export class DnsEnumeration {
  private readonly states: Lru<string, DnsState>;
  private readonly qtypes: Set<string>;
  private readonly windowMs: number;

  constructor(private readonly rule: DnsRule, maxSources: number) {
    this.states = new Lru(maxSources);
    this.qtypes = new Set(rule.qtypes.map((q) => q.toUpperCase()));
    this.windowMs = rule.indicatorWindowSeconds * 1000;
  }

  push(key: string, e: DnsEvent): IndicatorFire | undefined {
    const qtype = e.qtype?.toUpperCase();
    if (qtype !== undefined && this.qtypes.has(qtype)) return { ts: e.ts, reason: `${qtype} query for ${e.query.slice(0, 100)} (zone transfer / ANY enumeration)`, evidence: [e.evidence] };
    const nx = e.rcode !== undefined && (e.rcode === "NXDOMAIN" || e.rcode.toUpperCase() === "NXDOMAIN");
    const domain = this.parentDomain(e.query);
    if (!nx && domain === null) return undefined;
    const s = this.states.upsert(key, () => ({ nx: new TimeRing(this.rule.nxdomain * 2), subs: new Lru(16), lastFire: -Infinity }));
    const from = e.ts - this.windowMs;
    if (nx) {
      s.nx.add(e.ts, keepEvidence(e.evidence));
      const n = s.nx.count(from, e.ts);
      if (n >= this.rule.nxdomain && this.fresh(s, e.ts)) return { ts: e.ts, reason: `${n} NXDOMAIN answers within ${this.rule.indicatorWindowSeconds} s (subdomain brute force)`, evidence: s.nx.between(from, e.ts).map((i) => i.value).slice(-20) };
    }
    if (domain !== null) {
      const ring = s.subs.upsert(domain, () => new TimeRing(this.rule.distinctSubdomains * 2));
      ring.add(e.ts, e.query.toLowerCase());
      if (ring.count(from, e.ts) >= this.rule.distinctSubdomains) {
        const distinct = new Set(ring.between(from, e.ts).map((i) => i.value)).size;
        if (distinct >= this.rule.distinctSubdomains && this.fresh(s, e.ts)) return { ts: e.ts, reason: `${distinct} distinct subdomains of ${domain} queried within ${this.rule.indicatorWindowSeconds} s`, evidence: [e.evidence] };
      }
    }
    return undefined;
  }

  /** Registrable domain of the query's parent ("a.b.example.co.uk" → "example.co.uk"), cached by parent: null when the query is not a subdomain. */
  private readonly parents = new Lru<string, string | null>(20_000);

  private parentDomain(query: string): string | null {
    const dot = query.indexOf(".");
    if (dot === -1) return null;
    const parent = query.slice(dot + 1);
    let d = this.parents.get(parent);
    if (d === undefined) {
      d = parent.includes(".") ? getDomain(parent, { allowPrivateDomains: false }) : null;
      this.parents.set(parent, d);
    }
    return d;
  }

  /** One fire per indicator window per source. */
  private fresh(s: DnsState, ts: number): boolean {
    if (Math.abs(ts - s.lastFire) < this.windowMs) return false;
    s.lastFire = ts;
    return true;
  }
}

interface Probe { dst: string; port: number; failed: boolean; evidence: Evidence }
interface ScanState { probes: TimeRing<Probe>; lastFire: number }

/** The /24 (IPv4) or /64 (IPv6) of an address, for sweeps. */
function netOf(ip: string): string {
  const v6 = ip.includes(":");
  const cut = v6 ? ip.split(":").slice(0, 4).join(":") : ip.slice(0, ip.lastIndexOf("."));
  return cut;
}

/**
 * Port scans: failed connections to many host:port pairs, many ports of one host, or many hosts of
 * one /24 (/64). Connections the log shows as completed (Zeek SF, EVE closed…) with a request are not
 * tracked (without one — ConnEvent.payload false — they count as failed); firewall verdicts such as "allow" do not say whether the peer answered, so they are.
 */
export class PortScan {
  private readonly states: Lru<string, ScanState>;
  private readonly failed: Set<string>;
  private readonly unconfirmed: Set<string>;
  private readonly windowMs: number;
  /** Connection states as logged → 2 failed, 1 outcome unknown, 0 completed (few distinct strings: no allocation per event). */
  private readonly stateCache = new Map<string, number>();

  constructor(private readonly rule: ScanRule, maxSources: number) {
    this.states = new Lru(maxSources);
    this.failed = new Set(rule.failedStates.map((s) => s.toLowerCase()));
    this.unconfirmed = new Set(rule.unconfirmedStates.map((s) => s.toLowerCase()));
    this.windowMs = rule.indicatorWindowSeconds * 1000;
  }

  private classify(state: string | undefined): number {
    if (state === undefined) return 1;
    let f = this.stateCache.get(state);
    if (f === undefined) {
      const lower = state.toLowerCase();
      f = this.failed.has(lower) ? 2 : this.unconfirmed.has(lower) ? 1 : 0;
      if (this.stateCache.size < 1024) this.stateCache.set(state, f);
    }
    return f;
  }

  /** The scan window in ms (the rule's indicatorWindowSeconds). */
  get window(): number {
    return this.windowMs;
  }

  /**
   * A connection whose outcome the log does not say: a firewall's or WFP 5156's "permitted" (allowed to start,
   * answered or not), and (w23) an established state (Zeek SF/S1/RSTO, Suricata closed) in a log that does not
   * say whether the client sent anything (no orig_bytes or history, no tcp flags: a conn log cut down to the
   * 5-tuple and state, `zeek-cut` or a SIEM export). `nmap -sT` leaves an open port 43 as RSTO among its REJs.
   */
  outcomeUnknown(e: ConnEvent): boolean {
    return e.payload === undefined && this.classify(e.state) !== 2;
  }

  /**
   * An unconfirmed connection (above) to a host this source has probed on at least `distinctPorts` ports within the
   * window: a scan's probe, not a lookup. Call after push(). Looks back only; the detector holds a probe logged
   * before the scan showed its width (held-probes.ts) and asks scanned() again as the scan goes on.
   */
  probing(key: string, e: ConnEvent): boolean {
    return this.outcomeUnknown(e) && this.scanned(key, e.dst, e.ts - this.windowMs, e.ts);
  }

  /** Whether this source probed at least `distinctPorts` ports of `dst` between `from` and `to`. */
  scanned(key: string, dst: string, from: number, to: number): boolean {
    const s = this.states.get(key);
    if (s === undefined) return false;
    const ports = new Set<number>();
    for (const { value } of s.probes.between(from, to)) {
      if (value.dst === dst) ports.add(value.port);
      if (ports.size >= this.rule.distinctPorts) return true;
    }
    return false;
  }

  push(key: string, e: ConnEvent): IndicatorFire | undefined {
    // Accepted but no request sent (a connect scan's open ports: Zeek RSTO with orig_bytes 0): a probe that failed to be a session.
    const c = e.payload === false ? 2 : this.classify(e.state);
    if (c === 0) return undefined;
    const r = this.rule;
    const s = this.states.upsert(key, () => ({ probes: new TimeRing(Math.max(64, r.failedTargets, r.distinctPorts, r.sweepHosts) * 2), lastFire: -Infinity }));
    s.probes.add(e.ts, { dst: e.dst, port: e.dstPort, failed: c === 2, evidence: keepEvidence(e.evidence) });
    const from = e.ts - this.windowMs;
    const need = Math.min(r.failedTargets, r.distinctPorts, r.sweepHosts);
    if (Math.abs(e.ts - s.lastFire) < this.windowMs || s.probes.count(from, e.ts) < need) return undefined;
    const items = s.probes.between(from, e.ts).map((i) => i.value);
    const failedPairs = new Set(items.filter((i) => i.failed).map((i) => `${i.dst}|${i.port}`)).size;
    const group = (k: (i: Probe) => string, v: (i: Probe) => string | number): number => {
      const m = new Map<string, Set<string | number>>();
      for (const i of items) {
        const set = m.get(k(i)) ?? new Set();
        set.add(v(i));
        m.set(k(i), set);
      }
      return Math.max(0, ...[...m.values()].map((x) => x.size));
    };
    const widest = group((i) => i.dst, (i) => i.port);
    const sweep = group((i) => netOf(i.dst), (i) => i.dst);
    if (failedPairs < r.failedTargets && widest < r.distinctPorts && sweep < r.sweepHosts) return undefined;
    s.lastFire = e.ts;
    const hosts = new Set(items.map((i) => i.dst)).size;
    return {
      ts: e.ts,
      reason: `port scan: ${items.length} unanswered or blocked connections to ${hosts} host(s) (${failedPairs} failed host:port pairs, up to ${widest} ports on one host, up to ${sweep} hosts of one network) within ${r.indicatorWindowSeconds} s`,
      evidence: items.slice(-20).map((i) => i.evidence),
    };
  }
}
