/**
 * The streaming detector: push DetectEvents, get Alerts. Single-event rules are index lookups
 * (Matcher); bursts, correlation and resolver attribution keep small per-source state in LRU maps,
 * so memory stays bounded whatever the input size.
 */
import { type Alert, DNS_ONLY_FORMATS, type DetectEvent, type DnsEvent, keepEvidence, type ServedRules } from "../types.js";
import { loadRuleSet, type RuleSet } from "../rules/load.js";
import type { Rule } from "../rules/schema.js";
import { AlertBook, type Entry } from "./alert-book.js";
import { Bursts } from "./bursts.js";
import { Correlations, type CorrelationFire, type IndicatorKind } from "./correlation.js";
import { loadCountryDb, type CountryDb } from "./geo.js";
import { DnsEnumeration, PortScan, type IndicatorFire } from "./indicators.js";
import { HeldProbes } from "./held-probes.js";
import { canonicalIp } from "./canonical-ip.js";
import { HostAddresses } from "./host-addresses.js";
import { Lru } from "./lru.js";
import type { WallClock } from "./wall-clock.js";
import { Matcher, type LookupHit } from "./match.js";
import { ResolverAttribution, type ResolverOptions, type Verdict } from "./resolver.js";
import { parseCidrs, Sources } from "./sources.js";
import { matchesDomainSet } from "./targets.js";

export interface DetectorOptions {
  /** The rule table (default: loadRuleSet(), the shipped rules and lists). */
  rules?: RuleSet;
  /** The organization's own domains; subdomains match too. */
  orgDomains?: readonly string[];
  /** CIDRs that count as internal besides RFC 1918/ULA/loopback/link-local/CGNAT. */
  internal?: readonly string[];
  /** Known-bad source IPs/CIDRs. */
  badSources?: readonly string[];
  /** ISO 3166 country codes whose (external) sources are an indicator. */
  watchCountries?: readonly string[];
  /** Country dataset (default: the bundled one, loaded only when watchCountries is set). */
  countryDb?: CountryDb;
  /** Called once per alert when it is emitted (streaming / --follow). finish() still returns all. */
  onAlert?: (alert: Alert) => void;
  /** With onAlert: wait this long on the event clock so an alert collects its first evidence (default 0). */
  holdMs?: number;
  /**
   * With onAlert, a live input (detect --follow): the wall clock that also releases held port-43 probes, once the
   * scan window has passed since each was read, when no later event has moved the event clock past it.
   */
  wallClock?: WallClock;
  /** Per-source state cap (LRU), default 50,000 sources. */
  maxSources?: number;
  maxAlerts?: number;
  resolver?: Partial<ResolverOptions>;
  /** Rules for `served` events (the `whoislens serve` query log): src/serve/watchdog's createWatchdog. Without it they are skipped. */
  servedRules?: ServedRules;
}

export interface Detector {
  push(event: DetectEvent): void;
  /** Ends the input: releases held DNS hits and returns every alert, oldest first. */
  finish(): Alert[];
}

interface Held { hit: LookupHit; key: string }

export function createDetector(options: DetectorOptions = {}): Detector {
  const set = options.rules ?? loadRuleSet();
  const byType = (t: string): Rule[] => set.rules.filter((r) => r.match.type === t);
  const maxSources = options.maxSources ?? 50_000;
  const watch = new Set((options.watchCountries ?? []).map((c) => c.trim().toUpperCase()).filter((c) => c !== ""));
  const geo = watch.size > 0 ? (options.countryDb ?? loadCountryDb()) : undefined;
  const sources = new Sources(parseCidrs(options.internal ?? [], "--internal"), parseCidrs(options.badSources ?? [], "--bad-sources"), geo);
  const matcher = new Matcher(set, sources.isInternal);
  const org = new Set((options.orgDomains ?? []).map((d) => d.trim().toLowerCase().replace(/\.+$/, "")).filter((d) => d !== "" && !d.startsWith("#")));
  const ownRule = byType("own-domain")[0];
  const bursts = new Bursts(byType("burst"), maxSources);
  const correlations = new Correlations(byType("correlation"), maxSources);
  const corrRule = (kind: IndicatorKind) => byType("correlation").find((r) => r.match.type === "correlation" && r.match.indicator === kind);
  const dnsRule = corrRule("dns-enumeration");
  const scanRule = corrRule("port-scan");
  const dnsEnum = dnsRule?.match.type === "correlation" && dnsRule.match.indicator === "dns-enumeration" ? new DnsEnumeration(dnsRule.match, maxSources) : undefined;
  const scans = scanRule?.match.type === "correlation" && scanRule.match.indicator === "port-scan" ? new PortScan(scanRule.match, maxSources) : undefined;
  const mods = set.modifiers;
  const hostAddresses = new HostAddresses(maxSources);
  /** A source still named by its host only takes the address the host had at `ts`, once one is known. */
  const resolveSource = (src: Alert["source"], ts: number): void => {
    if (src.host !== undefined && src.ip === src.host) src.ip = hostAddresses.at(src.host, ts) ?? src.ip;
  };
  const book = new AlertBook({ resolveSource, maxEvidence: 50, maxTargets: 100, maxAlerts: options.maxAlerts ?? 100_000, holdMs: options.holdMs ?? 0, ...(options.onAlert ? { onAlert: options.onAlert } : {}) });
  const sessions = new Lru<string, number>(100_000);
  const streaming = options.onAlert !== undefined;
  let clock = -Infinity;
  let count = 0;

  /**
   * The event's own address; an endpoint event without one takes the address its host had at that time. An alert
   * that starts before the event that opens it (a burst, a correlation: `ts` is its window's start) names the
   * address the host had at its start, as its @timestamp says, not the one of the event that completed it.
   */
  const sourceOf = (key: string, e: DetectEvent, ts: number): Alert["source"] => {
    const host = e.process?.host ?? (e.kind === "process" ? e.src : undefined);
    const own = host !== undefined && e.src === host ? undefined : e.src;
    const ip = host !== undefined && (own === undefined || ts !== e.ts) ? (hostAddresses.at(host, ts) ?? own ?? host) : e.src;
    return { ip, ...(host !== undefined ? { host } : {}), ...(e.process?.image ? { process: e.process.image } : {}) };
  };

  const open = (key: string, rule: Rule, group: string, ts: number, e: DetectEvent): Entry | undefined => {
    const got = book.entry(key, rule, group, ts, sourceOf(key, e, ts));
    if (!got) return undefined;
    if (!got.created) resolveSource(got.entry.source, got.entry.first);
    if (got.created) {
      const facts = sources.facts(e.src);
      if (facts.bad) book.raise(got.entry, mods.badSource?.raise ?? 1, mods.badSource?.reason ?? "source is on the known-bad source list");
      if (facts.country !== undefined && watch.has(facts.country)) book.raise(got.entry, mods.watchedCountry?.raise ?? 1, `${mods.watchedCountry?.reason ?? "source country is watched"}: ${facts.country}`);
    }
    return got.entry;
  };

  const correlate = (key: string, fires: CorrelationFire[], e: DetectEvent): void => {
    for (const f of fires) {
      const entry = open(key, f.rule, f.rule.id, f.ts, e);
      if (!entry) continue;
      entry.summary = f.reason;
      book.addEvidence(entry, f.evidence);
      const kind = f.rule.match.type === "correlation" ? f.rule.match.indicator.replace("-", " ") : "reconnaissance";
      for (const other of book.ofSource(key)) if (other.rule.match.type !== "correlation") book.raise(other, mods.correlation?.raise ?? 1, `correlated with ${kind} by the same source (${f.rule.id})`);
    }
  };

  const record = (hit: LookupHit, key: string, extra?: string): void => {
    const e = hit.event;
    const entry = open(key, hit.rule, hit.rule.id, e.ts, e);
    if (!entry) return;
    book.addEvidence(entry, [e.evidence]);
    book.addTargets(entry, hit.targets);
    book.addWhy(entry, hit.why);
    if (entry.destination === undefined && Object.keys(hit.destination).length > 0) entry.destination = hit.destination;
    if (extra !== undefined) book.addWhy(entry, extra);
    const own = hit.targets.map((t) => matchesDomainSet(t, org)).filter((d): d is string => d !== undefined);
    if (own.length > 0) {
      const reason = `${mods.ownDomain?.reason ?? "looked up our own domain(s)"}: ${[...new Set(own)].join(", ")}`;
      book.raise(entry, mods.ownDomain?.raise ?? 1, reason);
      const o = ownRule ? open(key, ownRule, ownRule.id, e.ts, e) : undefined;
      if (o) {
        book.addEvidence(o, [e.evidence]);
        book.addTargets(o, hit.targets.filter((t) => matchesDomainSet(t, org) !== undefined));
        book.addWhy(o, `${hit.why} — our own domain ${own[0]}`);
        o.destination ??= hit.destination;
      }
    }
    if (hit.viaDns && !DNS_ONLY_FORMATS.has(e.format)) return; // counted by its connection, unless a DNS server log is all there is
    const dedupe = (e.kind === "conn" || e.kind === "whois") && e.srcPort !== undefined ? `${key}|${e.dst}|${e.srcPort}` : undefined;
    const seen = dedupe === undefined ? undefined : sessions.get(dedupe);
    if (dedupe !== undefined) sessions.set(dedupe, e.ts);
    if (seen !== undefined && Math.abs(seen - e.ts) < 120_000) return;
    const channel = hit.rule.match.type === "lookup" ? hit.rule.match.channel : "lookup";
    for (const f of bursts.push(key, e.ts, [{ ...(hit.targets[0] !== undefined ? { target: hit.targets[0] } : {}), evidence: e.evidence, channel }])) {
      const group = f.rule.match.type === "burst" ? (f.rule.match.group ?? f.rule.id) : f.rule.id;
      const b = open(key, f.rule, group, f.ts, e);
      if (!b) continue;
      const secs = f.rule.match.type === "burst" ? f.rule.match.windowSeconds : 0;
      b.summary = `burst: ${f.lookups} lookups of ${f.targets.length} distinct targets within ${secs} s (${f.channels.join(", ")})`;
      book.addEvidence(b, f.evidence);
      book.addTargets(b, f.targets);
    }
    correlate(key, correlations.lookup(key, e.ts, e.evidence), e);
  };

  const resolver = new ResolverAttribution<Held>(
    { holdMs: 10_000, windowMs: 10_000, minClients: 3, maxNames: 20_000, maxPending: 50_000, ...options.resolver },
    (held: Held, v: Verdict) => {
      if (v.kind === "report") record(held.hit, held.key, v.resolverAlone ? "the source is a DNS resolver and no client query for this name was seen" : undefined);
    },
  );

  // A port-43 hit of unknown outcome may be a scan's first probes (nmap's random port order): held for the scan window.
  const held = scans ? new HeldProbes<{ hits: readonly LookupHit[]; key: string }>({ windowMs: scans.window, maxPending: 10_000, release: (h) => { for (const hit of h.hits) record(hit, h.key); } }) : undefined;

  // Live input: a quiet log must not keep a held lookup (a port-43 probe, a DNS hit awaiting resolver attribution)
  // waiting for the next line. One timer, for the oldest hold of either.
  const wall = streaming ? options.wallClock : undefined;
  let timer: { handle: unknown; due: number } | undefined;
  const nextWallExpiry = (): number | undefined => {
    const probe = held?.nextExpiry();
    const dns = resolver.nextExpiry();
    return probe === undefined ? dns : dns === undefined ? probe : Math.min(probe, dns);
  };
  const armWallTimer = (): void => {
    if (wall === undefined) return;
    const due = nextWallExpiry();
    if (timer !== undefined && timer.due === due) return;
    if (timer !== undefined) wall.clearTimer(timer.handle);
    timer = undefined;
    if (due === undefined) return;
    const handle = wall.setTimer(() => {
      timer = undefined;
      const now = wall.now();
      held?.expire(now);
      resolver.expire(now);
      book.tick(clock);
      armWallTimer();
    }, Math.max(0, due - wall.now()));
    timer = { handle, due };
  };

  const indicator = (key: string, kind: IndicatorKind, fire: IndicatorFire | undefined, e: DetectEvent): void => {
    if (fire) correlate(key, correlations.indicator(key, kind, fire), e);
  };

  return {
    push(e: DetectEvent): void {
      if (e.kind === "served") {
        options.servedRules?.push(e);
        return;
      }
      e.src = canonicalIp(e.src);
      if ("dst" in e && e.dst !== undefined) e.dst = canonicalIp(e.dst);
      const key = e.process?.host ?? e.src;
      if (e.process?.host !== undefined && e.src !== e.process.host) hostAddresses.add(e.process.host, e.ts, e.src);
      if (e.ts > clock) clock = e.ts;
      if (e.kind === "dns") {
        resolver.observe(e);
        indicator(key, "dns-enumeration", dnsEnum?.push(key, e), e);
      } else if (e.kind === "conn" && scans) {
        indicator(key, "port-scan", scans.push(key, e), e);
        if (held?.holds(key, e.dst) === true) held.widened(key, e.dst, e.dstPort, (from, to) => scans.scanned(key, e.dst, from, to));
      }
      held?.tick(clock);
      const hits = matcher.match(e);
      // A port-43 connection among many ports of one host, its outcome unknown (WFP 5156, firewall allow): a probe;
      // before the other ports showed up, perhaps one: held until the scan window says.
      if (hits.length > 0 && e.kind === "conn" && scans?.outcomeUnknown(e) === true) {
        if (scans.probing(key, e)) return;
        e.evidence = keepEvidence(e.evidence);
        held!.hold(key, e.dst, e.dstPort, e.ts, { hits, key }, wall?.now() ?? 0);
        armWallTimer();
        if (streaming) book.tick(clock);
        return;
      }
      for (const hit of hits) {
        if (hit.viaDns && e.process === undefined) {
          e.evidence = keepEvidence(e.evidence); // held for seconds: a plain copy, not the input chunk
          resolver.hold(e as DnsEvent, (e as DnsEvent).query.toLowerCase().replace(/\.+$/, ""), { hit, key }, wall?.now() ?? 0);
          armWallTimer();
        } else record(hit, key);
      }
      if (e.kind === "dns" || (++count & 255) === 0) resolver.tick(e.evidence.file, e.ts);
      if (timer !== undefined) armWallTimer(); // the event clock or a scan may have settled the hold it waits for
      if (streaming) book.tick(clock);
    },
    finish(): Alert[] {
      if (timer !== undefined) wall?.clearTimer(timer.handle);
      timer = undefined;
      held?.flush();
      resolver.flush();
      const alerts = book.finish();
      const served = options.servedRules?.finish() ?? [];
      return served.length === 0 ? alerts : [...alerts, ...served].sort((a, b) => a.timestamp - b.timestamp);
    },
  };
}
