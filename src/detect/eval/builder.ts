/**
 * WorldBuilder: composes abstract activities with consistent flows. A client's DNS question goes to
 * the internal resolver (10.0.0.53), which forwards cache misses to a public upstream; the sensor
 * sees both legs, so the resolver appears as a querier too (it must never be blamed).
 */
import { BROWSER_UAS, UPSTREAMS, words, TARGET_TLDS } from "./catalog.js";
import type { DnsQuery, Flow, Rcode, World } from "./model.js";
import { emptyWorld } from "./model.js";
import type { Rng } from "./prng.js";

export const RESOLVER = "10.0.0.53";
export const DOC_NETS = ["192.0.2", "198.51.100", "203.0.113"] as const;

export interface HttpSpec { method?: string; uri: string; userAgent?: string; status?: number }

export class WorldBuilder {
  readonly world: World;
  private readonly cache = new Map<string, number>();
  private readonly addrs = new Map<string, string>();
  private port = 0;

  constructor(readonly rng: Rng, start: number, end: number) {
    this.world = emptyWorld(start, end);
  }

  /** A stable external address for a host name, in a documentation range. */
  ipOf(host: string): string {
    let ip = this.addrs.get(host);
    if (!ip && host.includes(".corp.")) {
      ip = `10.0.0.${30 + (host.length % 20)}`; // internal names resolve inside
      this.addrs.set(host, ip);
    }
    if (!ip) {
      let h = 2166136261;
      for (let i = 0; i < host.length; i += 1) h = Math.imul(h ^ host.charCodeAt(i), 16777619) >>> 0;
      ip = `${DOC_NETS[h % 3]}.${1 + ((h >>> 8) % 250)}`;
      this.addrs.set(host, ip);
    }
    return ip;
  }

  ephemeral(): number {
    this.port = (this.port + this.rng.int(1, 40)) % 28000;
    return 32768 + this.port;
  }

  flow(ts: number, src: string, dst: string, dport: number, proto: Flow["proto"], extra: Partial<Flow> = {}): Flow {
    const tcp = proto === "tcp";
    const f: Flow = {
      uid: this.rng.uid(), ts, src, sport: this.ephemeral(), dst, dport, proto,
      durationMs: Math.round(tcp ? this.rng.float(20, 4000) : this.rng.float(1, 60)),
      origBytes: this.rng.int(40, 900), respBytes: this.rng.int(60, 24000),
      state: tcp ? "SF" : "SF", ...extra,
    };
    this.world.flows.push(f);
    return f;
  }

  /** A client's DNS question through the internal resolver (plus the forwarded leg on a cache miss). */
  resolve(ts: number, client: string, qname: string, opts: { qtype?: DnsQuery["qtype"]; rcode?: Rcode; scenario?: string; cache?: boolean } = {}): string {
    const qtype = opts.qtype ?? "A";
    const rcode = opts.rcode ?? "NOERROR";
    const answer = rcode === "NOERROR" && (qtype === "A" || qtype === "ANY") ? [this.ipOf(qname)] : [];
    const f = this.flow(ts, client, RESOLVER, 53, "udp", { service: "dns", origBytes: 30 + qname.length, respBytes: rcode === "NOERROR" ? 80 + qname.length : 40 + qname.length, scenario: opts.scenario });
    this.world.dns.push({ ts, flow: f, qname, qtype, rcode, answers: answer, scenario: opts.scenario });
    const key = `${qname}/${qtype}`;
    const cachedUntil = this.cache.get(key) ?? 0;
    if (opts.cache === false || cachedUntil < ts) {
      this.cache.set(key, ts + 300_000);
      const t2 = ts + this.rng.int(1, 3);
      const up = this.rng.pick(UPSTREAMS);
      const f2 = this.flow(t2, RESOLVER, up, 53, "udp", { service: "dns", origBytes: 40 + qname.length, respBytes: 90 + qname.length });
      this.world.dns.push({ ts: t2, flow: f2, qname, qtype, rcode, answers: answer });
    }
    return answer[0] ?? this.ipOf(qname);
  }

  /** HTTPS: DNS, TCP/443 with a TLS handshake, requests inside (seen only by an intercepting proxy). */
  https(ts: number, client: string, host: string, requests: HttpSpec[], scenario?: string, resolve = true): Flow {
    const ip = resolve ? this.resolve(ts, client, host, { scenario }) : this.ipOf(host);
    const t = ts + this.rng.int(2, 40);
    const f = this.flow(t, client, ip, 443, "tcp", { service: "ssl", scenario, respBytes: this.rng.int(3000, 60000) });
    this.world.tls.push({ ts: t + this.rng.int(10, 60), flow: f, sni: host, version: this.rng.chance(0.8) ? "TLSv13" : "TLSv12", scenario });
    this.requests(t + 80, f, host, requests, true, scenario);
    return f;
  }

  /** Plain HTTP on port 80 (visible to every sensor). */
  http(ts: number, client: string, host: string, requests: HttpSpec[], scenario?: string): Flow {
    const ip = this.resolve(ts, client, host, { scenario });
    const f = this.flow(ts + this.rng.int(2, 40), client, ip, 80, "tcp", { service: "http", scenario });
    this.requests(f.ts + 30, f, host, requests, false, scenario);
    return f;
  }

  private requests(t: number, flow: Flow, host: string, requests: HttpSpec[], encrypted: boolean, scenario?: string): void {
    let at = t;
    for (const r of requests) {
      this.world.http.push({
        ts: at, flow, method: r.method ?? "GET", host, uri: r.uri, userAgent: r.userAgent ?? this.rng.pick(BROWSER_UAS),
        status: r.status ?? 200, respLen: this.rng.int(300, 40000), encrypted, scenario,
      });
      at += this.rng.int(50, 1500);
    }
    flow.durationMs = Math.max(flow.durationMs, at - flow.ts + 100);
  }

  /** A port-43 WHOIS session (with the DNS lookup of the server name unless told otherwise). */
  whois43(ts: number, client: string, server: string, query: string, scenario?: string): Flow {
    const ip = this.resolve(ts, client, server, { scenario });
    const t = ts + this.rng.int(2, 30);
    const f = this.flow(t, client, ip, 43, "tcp", { service: "whois", origBytes: query.length + 2, respBytes: this.rng.int(900, 9000), durationMs: this.rng.int(60, 1500), scenario });
    this.world.whois.push({ ts: t + this.rng.int(1, 40), flow: f, query, scenario });
    return f;
  }

  /** A random registrable-looking domain that is not the organisation's. */
  domain(): string {
    const w = words.WORDS;
    const name = this.rng.chance(0.5) ? `${this.rng.pick(w)}${this.rng.pick(words.TAILS)}` : `${this.rng.pick(w)}-${this.rng.pick(w)}`;
    return `${name}.${this.rng.weighted(TARGET_TLDS)}`;
  }

  /** A random external address in the documentation ranges. */
  externalIp(): string {
    return `${this.rng.pick(DOC_NETS)}.${this.rng.int(1, 254)}`;
  }
}
