import { ReferralError, WhoislensError } from "../errors.js";
import type { WhoisRecord } from "../record/types.js";
import { loadDefaultBootstrap, type Bootstrap } from "../servers/bootstrap.js";
import { classifyQuery, tldOf, type ClassifiedQuery } from "./classify.js";
import { hopContext, rdapHop, rwhoisHop, visitKey, whoisHop, type HopContext, type HopResult } from "./hops.js";
import { mergeReferral } from "./merge.js";
import { resolveLookupOptions, type LookupOptions } from "./options.js";
import { firstHopServer, firstWhoisServer, handleRegistryUnknown, hasWhoisRoute, IANA_WHOIS, rdapUrls, recordKindFor, whoisRequest } from "./plan.js";
import { parseReferralTarget, type ReferralTarget } from "./routes.js";
import { RWHOIS_DEFAULTS } from "../net/rwhois-client.js";
import { rankRwhoisReferrals } from "./rwhois-referrals.js";
import { discoveryKeyFor, learnedBlockRoute, learnedTldRoute, learnFromIana, learnFromRir, noteLearned } from "./discovery-routes.js";

/** Where a lookup of `input` would go first (throws InvalidQueryError like lookup). */
export function firstServerFor(input: string, partial: Partial<LookupOptions> = {}): string {
  return firstRouteFor(input, partial).server;
}

/**
 * Where a lookup of `input` would go first, with what was learned by discovery applied; `learning`
 * names the discovery (a TLD) this lookup would make by asking IANA, so a bulk runner can hold back
 * the other queries of that TLD until it is known instead of sending every one to IANA.
 */
export function firstRouteFor(input: string, partial: Partial<LookupOptions> = {}): { server: string; learning?: string } {
  const options = resolveLookupOptions(partial);
  const query = classifyQuery(input);
  const bootstrap = options.bootstrap ?? (defaultBootstrap ??= loadDefaultBootstrap());
  const unknown = handleRegistryUnknown(query, options, bootstrap);
  if (unknown) throw unknown;
  const server = firstHopServer(query, options, bootstrap);
  if (options.host !== undefined) return { server };
  // Only a port-43 first hop is steered by discovery (RDAP's own bootstrap already says where to go).
  const viaWhois = server === (firstWhoisServer(query, options, bootstrap) ?? IANA_WHOIS);
  const learned = !viaWhois ? undefined : server === IANA_WHOIS ? learnedTldRoute(query, options) : learnedBlockRoute(query, options);
  if (learned) return { server: learned.host };
  const learning = discoveryKeyFor(query, options, server);
  return learning === undefined ? { server } : { server, learning };
}

/** Answers that settle the question; anything else lets auto mode try the next step. */
const DEFINITIVE = new Set(["registered", "available", "reserved"]);

let defaultBootstrap: Bootstrap | undefined;

/**
 * Looks up a domain, IP, CIDR, ASN or handle: RDAP first (bootstrap, curated),
 * port 43 as fallback, referrals followed, one merged record out.
 * Throws WhoislensError only when no step produced a usable answer.
 */
export function lookup(input: string, partial: Partial<LookupOptions> = {}): Promise<WhoisRecord> {
  // Not async itself: an async wrapper returning run()'s promise would cost extra promise turns per lookup.
  let options: LookupOptions;
  let query: ClassifiedQuery;
  let bootstrap: Bootstrap;
  try {
    options = resolveLookupOptions(partial);
    query = classifyQuery(input);
    bootstrap = options.bootstrap ?? (defaultBootstrap ??= loadDefaultBootstrap());
    const unknown = handleRegistryUnknown(query, options, bootstrap);
    if (unknown) throw unknown;
  } catch (error) {
    return Promise.reject(error);
  }
  return run(input, query, options, bootstrap);
}

function run(input: string, query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): Promise<WhoisRecord> {
  const ctx = hopContext(options, input);
  const failures: WhoislensError[] = [];
  if (options.protocol !== "whois" && options.host === undefined) return runRdapFirst(ctx, query, bootstrap, failures);
  // -h names a port-43 server: with RDAP only asked for, nothing is left to try.
  if (options.protocol === "rdap" || !hasWhoisRoute(query, options, bootstrap)) return Promise.reject(finalError(query, options, failures));
  // Port 43 alone: the record is finished in the hop's own last promise step.
  return whoisPath(ctx, query, bootstrap, failures, (record) => settle(record, undefined, query, ctx, failures));
}

async function runRdapFirst(ctx: HopContext, query: ClassifiedQuery, bootstrap: Bootstrap, failures: WhoislensError[]): Promise<WhoisRecord> {
  const { options } = ctx;
  let fallback: WhoisRecord | undefined;
  let record: WhoisRecord | undefined;
  for (const url of rdapUrls(query, options, bootstrap)) {
    const result = await rdapHop(ctx, url);
    ctx.visited.add(visitKey("rdap", url, ""));
    if (result.record && DEFINITIVE.has(result.record.status)) {
      record = await followRdapReferrals(ctx, result.record);
      break;
    }
    collect(result, failures, (found) => (fallback ??= found));
  }
  if (record === undefined && options.protocol !== "rdap" && hasWhoisRoute(query, options, bootstrap)) {
    const result = await whoisPath(ctx, query, bootstrap, failures, (found) => found);
    if (result && DEFINITIVE.has(result.status)) record = result;
    else if (result) fallback ??= result;
  }
  return settle(record, fallback, query, ctx, failures);
}

/** The lookup's record: the definitive one, else the best fallback; no record at all is the last failure. */
function settle(record: WhoisRecord | undefined, fallback: WhoisRecord | undefined, query: ClassifiedQuery, ctx: HopContext, failures: WhoislensError[]): WhoisRecord {
  const found = record ?? fallback;
  if (found === undefined) throw finalError(query, ctx.options, failures);
  return finish(found, query, ctx);
}

function collect(result: HopResult, failures: WhoislensError[], keep: (record: WhoisRecord) => void): void {
  if (result.error) failures.push(result.error);
  else if (result.record) keep(result.record);
}

async function followRdapReferrals(ctx: HopContext, first: WhoisRecord): Promise<WhoisRecord> {
  let record = first;
  for (let hops = 0; hops < ctx.options.maxReferrals && ctx.options.followReferrals; hops += 1) {
    const next = record.referral?.url;
    if (record.status !== "registered" || next === undefined) break;
    const key = visitKey("rdap", next, "");
    if (ctx.visited.has(key)) {
      noteLoop(ctx, "rdap", next);
      break;
    }
    ctx.visited.add(key);
    const result = await rdapHop(ctx, next);
    if (!result.record || result.record.status !== "registered") {
      (record.notes ??= []).push(`registrar RDAP at ${next} gave no record; registry data only`);
      break;
    }
    record = mergeReferral(record, result.record);
  }
  return record;
}

/**
 * Port 43: the first server (IANA's referral when the TLD is unknown), then its referrals; `conclude`
 * turns the result into the lookup's answer. Promise chains rather than async functions, and
 * `conclude` runs in the hop's own last step: the lookup loop pays for every promise step per answer
 * (bench:lookup).
 */
function whoisPath<T>(
  ctx: HopContext,
  query: ClassifiedQuery,
  bootstrap: Bootstrap,
  failures: WhoislensError[],
  conclude: (record: WhoisRecord | undefined) => T,
): Promise<T> {
  const server = firstWhoisServer(query, ctx.options, bootstrap);
  const learned = ctx.options.host !== undefined ? undefined : server === undefined ? learnedTldRoute(query, ctx.options) : learnedBlockRoute(query, ctx.options);
  if (learned) {
    const what = server === undefined ? `.${tldOf(query)}` : "address block";
    return whoisPathFrom(ctx, query, learned.host, learned.port, failures, (record) => (noteLearned(record, what, learned), conclude(record)));
  }
  if (server === undefined) return whoisPathViaIana(ctx, query, failures, conclude);
  return whoisPathFrom(ctx, query, server, ctx.options.host !== undefined ? ctx.options.port : undefined, failures, conclude);
}

async function whoisPathViaIana<T>(ctx: HopContext, query: ClassifiedQuery, failures: WhoislensError[], conclude: (record: WhoisRecord | undefined) => T): Promise<T> {
  const iana = await whoisHop(ctx, IANA_WHOIS, tldOf(query));
  const refer = iana.record?.referral?.server;
  const target = refer === undefined ? undefined : parseReferralTarget(refer);
  if (!target) {
    failures.push(iana.error ?? new WhoislensError("WL_ERR_NO_SERVER", `IANA names no WHOIS server for .${tldOf(query)}`));
    return conclude(undefined);
  }
  // IANA's answer for a TLD depends on the TLD alone: the next domain under it skips this hop.
  if (target.scheme === "whois") learnFromIana(query, ctx.options, target);
  return await whoisPathFrom(ctx, query, target.host, target.port, failures, conclude);
}

function whoisPathFrom<T>(
  ctx: HopContext,
  query: ClassifiedQuery,
  server: string,
  port: number | undefined,
  failures: WhoislensError[],
  conclude: (record: WhoisRecord | undefined) => T,
): Promise<T> {
  const request = whoisRequest(server, query);
  return whoisHop(ctx, server, request, port, (first): T | Promise<T> => {
    if (!first.record) {
      if (first.error) failures.push(first.error);
      return conclude(undefined);
    }
    // Most answers name no further server: no referral walk to start.
    if (!ctx.options.followReferrals || first.record.referral?.server === undefined) return conclude(first.record);
    // The first question's visit key is only ever read by the walk: made when one starts (a key is two
    // lower-casings and a Set entry per lookup otherwise).
    ctx.visited.add(visitKey("whois", server, request));
    return followWhoisReferrals(ctx, query, first.record, server).then(conclude);
  });
}

async function followWhoisReferrals(ctx: HopContext, query: ClassifiedQuery, first: WhoisRecord, firstServer: string): Promise<WhoisRecord> {
  let record = first;
  let current = firstServer.toLowerCase();
  // The question last asked, as a visit key's server part: a referral to it again is skipped quietly (GNU whois's
  // "trivial referral loop" guard); an RWhois server under another auth-area is another question (RFC 2167 §3.3.11).
  let asked = current;
  // The referrals of the last answer still to try, best first. A port-43 answer names one; an RWhois answer may name
  // several (one per delegated sub-block, or the block at several servers): the next is asked only when the one
  // before it failed (refused, unreachable, no record), at most RWHOIS_REFERRALS_TRIED per answer, every one a hop
  // against --max-referrals and the loop keys.
  let candidates: string[] = record.status === "registered" && record.referral?.server !== undefined ? [record.referral.server] : [];
  let hops = 0;
  for (let referral = candidates.shift(); referral !== undefined && ctx.options.followReferrals; referral = candidates.shift()) {
    const target = parseReferralTarget(referral);
    if (!target || referralQuestion(target) === asked || (target.authArea === undefined && target.host === current)) continue;
    const session = REFERRAL_SESSIONS[target.scheme];
    if (session === undefined || !Object.hasOwn(REFERRAL_SESSIONS, target.scheme)) {
      (record.notes ??= []).push(`referral to ${referral} not followed: ${target.scheme} is not supported`);
      continue;
    }
    // Only a whois:// hop between RIRs says where a block lives; an ISP's RWhois server is the customer's.
    if (hops === 0 && session === "whois") learnFromRir(query, ctx.options, current, record, target);
    if (hops >= ctx.options.maxReferrals) {
      const error = new ReferralError("WL_ERR_TOO_MANY_HOPS", `more than ${ctx.options.maxReferrals} referrals; stopped before ${target.host}`);
      ctx.chain.push({ protocol: "whois", server: target.host, status: "error", error: { code: error.code, message: error.message } });
      break;
    }
    const request = whoisRequest(target.host, query);
    const key = visitKey("whois", referralQuestion(target), request);
    if (ctx.visited.has(key)) {
      // The chain alone showed the loop as one failed hop; the record says where it went round, and whose data it kept.
      const path = [...ctx.chain.filter((hop) => hop.protocol === "whois").map((hop) => hop.server), target.host].join(" → ");
      (record.notes ??= []).push(`referral loop stopped: ${path} (${target.host} was already asked); data from ${current}`);
      noteLoop(ctx, "whois", target.host);
      continue;
    }
    ctx.visited.add(key);
    hops += 1;
    const result = session === "rwhois" ? await rwhoisHop(ctx, target.host, request, target.port, target.authArea) : await whoisHop(ctx, target.host, request, target.port);
    const onward = session === "rwhois" && result.referrals !== undefined ? rankRwhoisReferrals(result.referrals, query) : undefined;
    // An RWhois answer that holds only `%referral`s (a block the ISP delegated whole: no object of its own, only where
    // to ask) adds nothing to merge: its referrals replace the ones left.
    if (session === "rwhois" && result.record !== undefined && result.record.status !== "registered" && onward !== undefined && onward.length > 0) {
      candidates = onward;
      current = target.host;
      asked = referralQuestion(target);
      continue;
    }
    if (!result.record || result.record.status !== "registered") {
      const why = result.error ? `${result.error.code}: ${result.error.message}` : (result.serverError ?? `status ${result.record?.status ?? "unknown"}`);
      const then = candidates.length > 0 ? "trying the next referral" : `data from ${current} only`;
      (record.notes ??= []).push(`referral to ${target.host} gave no record (${why}); ${then}`);
      continue;
    }
    record = mergeReferral(record, result.record);
    current = target.host;
    asked = referralQuestion(target);
    candidates = onward ?? (record.referral?.server === undefined ? [] : [record.referral.server]);
  }
  return record;
}

/** What a referral asks, for the loop guard: the host (an RWhois one with its scheme, port and auth-area). */
function referralQuestion(target: ReferralTarget): string {
  if (target.scheme !== "rwhois") return target.host;
  return `rwhois://${target.host}:${target.port ?? RWHOIS_DEFAULTS.port}${target.authArea === undefined ? "" : `/auth-area=${target.authArea}`}`;
}

/**
 * The referral schemes followed from a port-43 answer, and the session each speaks: `whois://` (or none) is
 * RFC 3912; `rwhois://host[:port]` (ARIN's ReferralServer for space reassigned to an ISP's customer) an RWhois
 * 1.5 session, RFC 2167, port 4321 by default — GNU whois follows both (whois.c, find_referral_server_arin).
 */
const REFERRAL_SESSIONS: Readonly<Record<string, "whois" | "rwhois">> = { whois: "whois", rwhois: "rwhois" };

function noteLoop(ctx: HopContext, protocol: "whois" | "rdap", server: string): void {
  const error = new ReferralError("WL_ERR_REFERRAL_LOOP", `referral loop: ${server} was already asked`, { server });
  ctx.chain.push({ protocol, server, status: "error", error: { code: error.code, message: error.message } });
}

function finalError(query: ClassifiedQuery, options: LookupOptions, failures: WhoislensError[]): WhoislensError {
  const last = failures[failures.length - 1];
  if (last) return last;
  const only = options.protocol === "auto" ? "" : ` over ${options.protocol.toUpperCase()}`;
  return new WhoislensError("WL_ERR_NO_SERVER", `no server known for ${query.value}${only}`);
}

function finish(record: WhoisRecord, query: ClassifiedQuery, ctx: HopContext): WhoisRecord {
  // Every hop's record is this lookup's own (parsed fresh, or merged into a new object): finished in place.
  record.query = ctx.query;
  if (!(query.kind === "handle" && (record.kind === "entity" || record.kind === "nameserver"))) record.kind = recordKindFor(query);
  if (record.kind === "domain" && record.domain === undefined) {
    record.domain = query.unicode ? { name: query.value, unicodeName: query.unicode } : { name: query.value };
  }
  if (query.notes.length > 0) record.notes = [...query.notes, ...(record.notes ?? [])];
  record.chain = ctx.chain;
  if (ctx.options.raw) {
    const last = [...ctx.chain].reverse().find((hop) => hop.raw !== undefined);
    if (last?.raw !== undefined) record.raw = last.raw;
  } else if (record.raw !== undefined) {
    delete record.raw;
  }
  return record;
}
