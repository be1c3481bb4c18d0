/** One WHOIS/RDAP/web lookup of a target over a chosen channel, as the world's activities. */
import { RDAP_SERVICES, SCRIPT_UAS, WEB_WHOIS, WHOIS_SERVERS } from "./catalog.js";
import type { WorldBuilder } from "./builder.js";

/** Host names that are port-43 servers too (whois.arin.net serves port 43 and a web UI). */
export const PORT43_HOSTS: ReadonlySet<string> = new Set(Object.values(WHOIS_SERVERS).map((r) => r.host));

export type Channel = "port43" | "rdap-tls" | "rdap-http" | "web-tls" | "web-http";
export type Target = { kind: "domain" | "ip" | "autnum"; value: string };

export function randomTarget(b: WorldBuilder, weights: [number, number, number] = [80, 12, 8]): Target {
  const kind = b.rng.weighted([["domain", weights[0]], ["ip", weights[1]], ["autnum", weights[2]]] as const);
  if (kind === "ip") return { kind, value: b.externalIp() };
  if (kind === "autnum") return { kind, value: String(b.rng.int(64496, 64511)) };
  return { kind, value: b.domain() };
}

function whoisServer(b: WorldBuilder, t: Target): { host: string; query: string } {
  const { rng } = b;
  let row: { host: string; forms: readonly string[] };
  let q = t.value;
  if (t.kind === "ip") row = rng.chance(0.6) ? WHOIS_SERVERS.ip : rng.chance(0.5) ? WHOIS_SERVERS.ripe : WHOIS_SERVERS.cymru;
  else if (t.kind === "autnum") {
    row = WHOIS_SERVERS.asn;
    q = `AS${t.value}`;
  } else {
    const tld = t.value.slice(t.value.lastIndexOf(".") + 1) as keyof typeof WHOIS_SERVERS;
    row = WHOIS_SERVERS[tld] ?? WHOIS_SERVERS.iana;
  }
  return { host: row.host, query: rng.pick(row.forms).replace("{q}", q) };
}

/**
 * Performs the lookup starting at ts; returns the time the last activity happened.
 * `ua` marks scripted clients; browsers are used otherwise.
 */
export function lookup(b: WorldBuilder, client: string, ts: number, target: Target, channel: Channel, scenario: string, ua?: string, onHost?: (host: string, shared: boolean) => void): number {
  const { rng } = b;
  switch (channel) {
    case "port43": {
      const { host, query } = whoisServer(b, target);
      const f = b.whois43(ts, client, host, query, scenario);
      // Thin registries: the client follows the referral to the registrar's server.
      if (host === "whois.verisign-grs.com" && rng.chance(0.4)) {
        return b.whois43(f.ts + f.durationMs + rng.int(5, 80), client, WHOIS_SERVERS.registrar.host, target.value, scenario).ts;
      }
      return f.ts + f.durationMs;
    }
    case "rdap-tls":
    case "rdap-http": {
      const tld = target.value.slice(target.value.lastIndexOf(".") + 1);
      const fits = (s: (typeof RDAP_SERVICES)[number][0]) => s.kind === target.kind && (s.tlds === undefined || s.tlds.includes(tld));
      const rows = RDAP_SERVICES.filter(([s]) => fits(s));
      const svc = rng.weighted(rows);
      const uri = `${svc.base}${target.kind === "domain" && svc.host === "rdap.verisign.com" && rng.chance(0.5) ? target.value.toUpperCase() : target.value}`;
      const agent = ua ?? rng.pick(SCRIPT_UAS);
      const send = channel === "rdap-tls" ? b.https.bind(b) : b.http.bind(b);
      const redirect = svc.host === "rdap.org";
      const f = send(ts, client, svc.host, [{ uri, userAgent: agent, status: redirect ? 302 : 200 }], scenario);
      if (!redirect) return f.ts + f.durationMs;
      // rdap.org redirects to the authoritative service found in the bootstrap.
      const authoritative = RDAP_SERVICES.filter(([s]) => fits(s) && s.host !== "rdap.org");
      if (authoritative.length === 0) return f.ts + f.durationMs; // rdap.org answered 404 itself
      const next = rng.weighted(authoritative);
      const g = send(f.ts + f.durationMs + 20, client, next.host, [{ uri: `${next.base}${target.value}`, userAgent: agent }], scenario);
      return g.ts + g.durationMs;
    }
    case "web-tls":
    case "web-http": {
      const site = rng.weighted(WEB_WHOIS);
      onHost?.(site.host, site.shared === true);
      const q = target.kind === "autnum" ? `AS${target.value}` : target.value;
      const send = channel === "web-tls" ? b.https.bind(b) : b.http.bind(b);
      const pages = [{ uri: site.path.replace("{q}", encodeURIComponent(q)), userAgent: ua }];
      if (rng.chance(0.5)) pages.unshift({ uri: "/", userAgent: ua });
      const f = send(ts, client, site.host, pages, scenario);
      return f.ts + f.durationMs;
    }
  }
}
