/**
 * The second world of rate limits (issue #13, w13-bulk): loopback registries that each refuse the way the
 * real one documents it, and count at the server what they were asked and when. Written as a table of
 * behaviours (one `Limiter` per registry: what it answers to the n-th query at time t) over plain
 * `net`/`http` servers — not the sandbox's dataset rows — so the scheduler is judged on a world it was
 * not tuned on. Every refusal text below is the registry's own wording (source beside it); answers are
 * minimal records in each registry's layout.
 */
import http from "node:http";
import net from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpServer, tcpServer, type TestServer } from "../helpers/servers.js";

/** What a server did with one query (as the server saw it). */
export type Outcome = "answered" | "refused" | "silent" | "reset" | "permanent" | "unavailable";

export interface Seen {
  at: number;
  query: string;
  outcome: Outcome;
}

/** A server's log and counters, read by the test. */
export interface ServerLog {
  name: string;
  seen: Seen[];
  count(outcome?: Outcome): number;
  /** Times the server refused (429/503/refusal text/permanent), in ms of performance.now(). */
  refusals(): number[];
}

function newLog(name: string): ServerLog {
  const seen: Seen[] = [];
  return {
    name,
    seen,
    count: (outcome) => (outcome === undefined ? seen.length : seen.filter((s) => s.outcome === outcome).length),
    refusals: () => seen.filter((s) => s.outcome === "refused" || s.outcome === "permanent" || s.outcome === "unavailable").map((s) => s.at),
  };
}

/** Queries in the last `windowMs` (a sliding window, as registries count). */
class Window {
  private readonly times: number[] = [];
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  /** Counts the query; true when it is over the limit. */
  over(now: number): boolean {
    while (this.times.length > 0 && (this.times[0] as number) <= now - this.windowMs) this.times.shift();
    this.times.push(now);
    return this.times.length > this.limit;
  }
}

/** The world's switch: `calm` turns every limit off (a later day, for the resume run). */
export interface WorldState {
  calm: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Port 43
// ---------------------------------------------------------------------------------------------------------

/** `delayMs`: the server takes that long to answer (its connection stays open meanwhile). */
type Port43Reply = { outcome: "answered" | "refused" | "permanent"; text: string; delayMs?: number } | { outcome: "silent" } | { outcome: "reset" };

interface Port43Behaviour {
  /** Called once per query, in arrival order; `open` is how many connections are open now (this one included). */
  reply(query: string, now: number, open: number, state: WorldState): Port43Reply;
}

/**
 * DENIC (.de). DENIC's whois service limits queries per client address; past the limit it answers
 * "% Error: 55000000002 Connection refused; access control limit reached." (DENIC eG, "Domain query /
 * whois: access restrictions", denic.de/en/service/whois-service, and the error code list in DENIC's
 * whois documentation) and then refuses further connections for a while: here it reads the query and
 * never answers (silence) for `blockMs`.
 */
function denic(limit: number, blockMs: number): Port43Behaviour {
  const window = new Window(limit, 1000);
  let blockedUntil = 0;
  return {
    reply(query, now, _open, state) {
      if (!state.calm) {
        if (now < blockedUntil) return { outcome: "silent" };
        if (window.over(now)) {
          blockedUntil = now + blockMs;
          return { outcome: "refused", text: "% Error: 55000000002 Connection refused; access control limit reached.\n" };
        }
      }
      return { outcome: "answered", text: `Domain: ${query}\nNserver: ns1.${query}\nNserver: ns2.${query}\nStatus: connect\nChanged: 2024-03-01T10:00:00+01:00\n` };
    },
  };
}

/**
 * RIPE NCC (whois.ripe.net). RIPE Database Query Reference Manual, "Limits on queries" and the FAQ "Why
 * did I receive an Error 201: Access Denied": an address that passes the daily limit of personal data is
 * denied temporarily; one denied too often is denied permanently. Both answers start "%ERROR:201: access
 * denied for <address>"; the permanent one adds "% Sorry, access from your host has been permanently
 * % denied because of a repeated excessive querying." Scaled down: `quota` queries per second, a
 * temporary denial of `blockMs` (every query in it refused again), permanent after `permanentAfter` denials.
 */
function ripe(quota: number, blockMs: number, permanentAfter: number): Port43Behaviour {
  const window = new Window(quota, 1000);
  let blockedUntil = 0;
  let denials = 0;
  const head = "% This is the RIPE Database query service.\n% The objects are in RPSL format.\n%\n%ERROR:201: access denied for 127.0.0.1\n%\n";
  return {
    reply(query, now, _open, state) {
      if (!state.calm) {
        if (denials >= permanentAfter) {
          return { outcome: "permanent", text: `${head}% Sorry, access from your host has been permanently\n% denied because of a repeated excessive querying.\n% For more information, see\n% https://docs.db.ripe.net/FAQ/\n` };
        }
        if (now < blockedUntil || window.over(now)) {
          if (now >= blockedUntil) blockedUntil = now + blockMs;
          denials += 1;
          return { outcome: "refused", text: `${head}% Queries from your IP address have passed the daily limit of controlled objects.\n% Access from your host has been temporarily denied.\n` };
        }
      }
      const [a, b, c] = query.split(".");
      return {
        outcome: "answered",
        text: `% This is the RIPE Database query service.\n\ninetnum:        ${a}.${b}.${c}.0 - ${a}.${b}.${c}.255\nnetname:        WORLD2-NET\ncountry:        NL\norg:            ORG-W2-RIPE\nstatus:         ASSIGNED PA\nmnt-by:         W2-MNT\ncreated:        2010-01-01T00:00:00Z\nlast-modified:  2020-01-01T00:00:00Z\nsource:         RIPE\n`,
      };
    },
  };
}

/**
 * Verisign (.com/.net). Verisign limits connections per address: past `maxOpen` simultaneous connections
 * the connection is reset without an answer, and past its query rate it answers "Your connection limit
 * exceeded. Please slow down and try again later." (the text Verisign's port-43 service sends, as
 * collected in the public whois limit-message lists). Each answer takes `latencyMs`, so connections overlap.
 */
function verisign(maxOpen: number, perSecond: number, latencyMs: number): Port43Behaviour {
  const window = new Window(perSecond, 1000);
  return {
    reply(query, now, open, state) {
      if (!state.calm && open > maxOpen) return { outcome: "reset" };
      if (!state.calm && window.over(now)) return { outcome: "refused", text: "Your connection limit exceeded. Please slow down and try again later.\r\n" };
      const upper = query.toUpperCase();
      return {
        outcome: "answered",
        delayMs: latencyMs,
        text: `   Domain Name: ${upper}\r\n   Registry Domain ID: 1_DOMAIN_COM-VRSN\r\n   Registrar WHOIS Server: whois.registrar.test\r\n   Updated Date: 2024-01-01T00:00:00Z\r\n   Creation Date: 2001-01-01T00:00:00Z\r\n   Registry Expiry Date: 2030-01-01T00:00:00Z\r\n   Registrar: World Two Registrar\r\n   Name Server: NS1.${upper}\r\n   Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited\r\n>>> Last update of whois database: 2026-12-07T00:00:00Z <<<\r\n`,
      };
    },
  };
}

/**
 * JPRS (.jp) and nic.it answer a quota in a sentence of their own, with no wait in it and no code. JPRS
 * documents a per-address query limit for its whois (jprs.jp, "WHOIS: usage restrictions"); the wording
 * here is ours in its bracketed style. Past `perSecond` every query in the next `blockMs` gets it.
 */
function jprs(perSecond: number, blockMs: number): Port43Behaviour {
  const window = new Window(perSecond, 1000);
  let blockedUntil = 0;
  return {
    reply(query, now, _open, state) {
      if (!state.calm && (now < blockedUntil || window.over(now))) {
        if (now >= blockedUntil) blockedUntil = now + blockMs;
        return { outcome: "refused", text: "[ The query quota for your network has been exceeded. ]\n[ Access is suspended for a while; JPRS WHOIS. ]\n" };
      }
      return { outcome: "answered", text: `[ JPRS database provides information on network administration. ]\n\nDomain Information:\n[Domain Name]                   ${query.toUpperCase()}\n\n[Name Server]                   ns1.${query}\n[Created on]                    2001/01/01\n[Expires on]                    2030/01/31\n[Status]                        Active\n[Last Updated]                  2024/02/01 01:05:07 (JST)\n` };
    },
  };
}

/** A registry that keeps its published limit and never refuses (the "rest", whose pace must hold). */
function steady(): Port43Behaviour {
  return {
    reply: (query) => ({ outcome: "answered", text: `Domain name: ${query}\nStatus: active\nRegistrar: World Two Registrar\nCreation Date: 2005-05-05\nName servers:\n  ns1.${query}\n` }),
  };
}

async function port43(log: ServerLog, behaviour: Port43Behaviour, state: WorldState): Promise<TestServer> {
  let open = 0;
  return tcpServer((socket: net.Socket) => {
    open += 1;
    const here = open;
    let buffered = "";
    let done = false;
    socket.on("close", () => {
      open -= 1;
    });
    socket.on("data", (chunk: Buffer) => {
      if (done) return;
      buffered += chunk.toString("latin1");
      const end = buffered.indexOf("\n");
      if (end < 0) return;
      done = true;
      const query = buffered.slice(0, end).trim();
      const now = performance.now();
      const reply = behaviour.reply(query, now, here, state);
      log.seen.push({ at: now, query, outcome: reply.outcome });
      if (reply.outcome === "silent") return;
      if (reply.outcome === "reset") {
        socket.resetAndDestroy();
        return;
      }
      if (reply.delayMs === undefined) socket.end(reply.text);
      else setTimeout(() => socket.end(reply.text), reply.delayMs);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// RDAP (RFC 9082/9083; throttling per RFC 7480 §5.5 and RFC 6585 §4, Retry-After per RFC 9110 §10.2.3)
// ---------------------------------------------------------------------------------------------------------

type RdapReply = { status: number; headers?: Record<string, string> } | "hang";

interface RdapBehaviour {
  reply(name: string, now: number, state: WorldState): RdapReply;
}

/** RFC 6585 §4 / RFC 7480 §5.5: 429 past `perSecond`, with Retry-After as delay-seconds. */
function retrySeconds(perSecond: number, seconds: number): RdapBehaviour {
  const window = new Window(perSecond, 1000);
  let blockedUntil = 0;
  return {
    reply(_name, now, state) {
      if (!state.calm && (now < blockedUntil || window.over(now))) {
        if (now >= blockedUntil) blockedUntil = now + seconds * 1000;
        return { status: 429, headers: { "retry-after": String(seconds) } };
      }
      return { status: 200 };
    },
  };
}

/** The same with Retry-After as an HTTP-date (RFC 9110 §5.6.7 IMF-fixdate), `seconds` ahead. */
function retryDate(perSecond: number, seconds: number): RdapBehaviour {
  const window = new Window(perSecond, 1000);
  let blockedUntil = 0;
  let until = "";
  return {
    reply(_name, now, state) {
      if (!state.calm && (now < blockedUntil || window.over(now))) {
        if (now >= blockedUntil) {
          // An HTTP-date has whole seconds: the block lasts until that second is over.
          const date = new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);
          blockedUntil = now + (date.getTime() - Date.now());
          until = date.toUTCString();
        }
        return { status: 429, headers: { "retry-after": until } };
      }
      return { status: 200 };
    },
  };
}

/** RFC 9110 §15.6.4: 503 while "down for maintenance" for `forMs` from the first request, Retry-After 1. */
function unavailable(forMs: number): RdapBehaviour {
  let first: number | undefined;
  return {
    reply(_name, now, state) {
      first ??= now;
      if (!state.calm && now < first + forMs) return { status: 503, headers: { "retry-after": "1" } };
      return { status: 200 };
    },
  };
}

/** A server asking for an hour (Retry-After: 3600) to every request. */
function hourLong(): RdapBehaviour {
  return { reply: (_name, _now, state) => (state.calm ? { status: 200 } : { status: 429, headers: { "retry-after": "3600" } }) };
}

/** A server that takes the request and never answers (until calm). */
function hanging(): RdapBehaviour {
  return { reply: (_name, _now, state) => (state.calm ? { status: 200 } : "hang") };
}

function rdapSteady(): RdapBehaviour {
  return { reply: () => ({ status: 200 }) };
}

async function rdap(log: ServerLog, behaviour: RdapBehaviour, state: WorldState): Promise<TestServer> {
  return httpServer((request: http.IncomingMessage, response: http.ServerResponse) => {
    const name = decodeURIComponent((request.url ?? "").split("/").pop() ?? "");
    const now = performance.now();
    const reply = behaviour.reply(name, now, state);
    if (reply === "hang") {
      log.seen.push({ at: now, query: name, outcome: "silent" });
      return;
    }
    const outcome: Outcome = reply.status === 200 ? "answered" : reply.status === 503 ? "unavailable" : "refused";
    log.seen.push({ at: now, query: name, outcome });
    const body =
      reply.status === 200
        ? { objectClassName: "domain", ldhName: name, status: ["active"], events: [{ eventAction: "registration", eventDate: "2001-01-01T00:00:00Z" }], rdapConformance: ["rdap_level_0"] }
        : { errorCode: reply.status, title: reply.status === 503 ? "Service Unavailable" : "Too Many Requests" };
    response.writeHead(reply.status, { "content-type": "application/rdap+json", ...(reply.headers ?? {}) });
    response.end(JSON.stringify(body));
  });
}

// ---------------------------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------------------------

/** One registry of the world: its host name as lookups name it, the TLD (or block) it serves, the limits the --servers map gives. */
export interface Registry {
  host: string;
  log: ServerLog;
  qps: number;
  concurrency: number;
}

export interface LimitWorld {
  dir: string;
  state: WorldState;
  whois: Record<"denic" | "ripe" | "verisign" | "jprs" | "nl" | "se", Registry>;
  rdap: Record<"seconds" | "date" | "unavailable" | "hour" | "hang" | "fastA" | "fastB", Registry & { tld: string }>;
  /** --servers map file for the port-43 run, and the RDAP run (with --bootstrap-dir `dir`). */
  whoisMap: string;
  rdapMap: string;
  close(): Promise<void>;
}

export async function startLimitWorld(): Promise<LimitWorld> {
  const dir = mkdtempSync(join(tmpdir(), "wl-limit-world-"));
  const state: WorldState = { calm: false };
  const servers: TestServer[] = [];
  const whoisMapEntries: Record<string, { address: string; qps: number; concurrency: number }> = {};
  const rdapMapEntries: Record<string, { address: string; qps: number; concurrency: number }> = {};

  const start43 = async (host: string, behaviour: Port43Behaviour, qps: number, concurrency: number): Promise<Registry> => {
    const log = newLog(host);
    const server = await port43(log, behaviour, state);
    servers.push(server);
    whoisMapEntries[host] = { address: `127.0.0.1:${server.port}`, qps, concurrency };
    return { host, log, qps, concurrency };
  };
  const startRdap = async (host: string, tld: string, behaviour: RdapBehaviour, qps: number, concurrency: number): Promise<Registry & { tld: string }> => {
    const log = newLog(host);
    const server = await rdap(log, behaviour, state);
    servers.push(server);
    rdapMapEntries[host] = { address: `http://127.0.0.1:${server.port}/`, qps, concurrency };
    return { host, tld, log, qps, concurrency };
  };

  // The map's limits are what a user would write from the registries' pages; several are more than the
  // server really allows (the server's own limit is the behaviour's first argument), as happens.
  const whois = {
    denic: await start43("whois.denic.de", denic(4, 1500), 10, 2),
    ripe: await start43("whois.ripe.net", ripe(3, 800, 3), 10, 1),
    verisign: await start43("whois.verisign-grs.com", verisign(2, 30, 150), 20, 4),
    jprs: await start43("whois.jprs.jp", jprs(4, 700), 10, 2),
    nl: await start43("whois.domain-registry.nl", steady(), 20, 4),
    se: await start43("whois.iis.se", steady(), 20, 4),
  };
  const rdapWorld = {
    seconds: await startRdap("rdap.seconds.test", "sixfour", retrySeconds(4, 1), 10, 2),
    date: await startRdap("rdap.date.test", "datefour", retryDate(4, 2), 10, 2),
    unavailable: await startRdap("rdap.maintenance.test", "maint", unavailable(1000), 10, 2),
    hour: await startRdap("rdap.hour.test", "hourlong", hourLong(), 10, 2),
    hang: await startRdap("rdap.hang.test", "blackhole", hanging(), 10, 2),
    fastA: await startRdap("rdap.fast-a.test", "fasta", rdapSteady(), 20, 4),
    fastB: await startRdap("rdap.fast-b.test", "fastb", rdapSteady(), 20, 4),
  };

  const whoisMap = join(dir, "whois-servers.json");
  writeFileSync(whoisMap, JSON.stringify(whoisMapEntries));
  const rdapMap = join(dir, "rdap-servers.json");
  writeFileSync(rdapMap, JSON.stringify(rdapMapEntries));
  // RFC 9224 bootstrap: each TLD under its RDAP host (as the map names it; the map sends it to loopback).
  const doc = (services: unknown[]): string => JSON.stringify({ version: "1.0", publication: "2026-12-01T00:00:00Z", description: "limit-world", services });
  writeFileSync(join(dir, "dns.json"), doc(Object.values(rdapWorld).map((r) => [[r.tld], [`https://${r.host}/`]])));
  for (const kind of ["ipv4", "ipv6", "asn", "object-tags"]) writeFileSync(join(dir, `${kind}.json`), doc([]));

  return {
    dir,
    state,
    whois,
    rdap: rdapWorld,
    whoisMap,
    rdapMap,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
