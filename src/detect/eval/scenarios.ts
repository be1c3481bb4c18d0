/**
 * Injected reconnaissance scenarios, one builder per kind. Every count, rate, channel and name is
 * drawn at random within a realistic range; nothing here knows the rules' thresholds.
 */
import type { WorldBuilder } from "./builder.js";
import { endpointProcess, endpointTraffic } from "./endpoint.js";
import type { Host } from "./hosts.js";
import { lookup, PORT43_HOSTS, randomTarget, type Channel, type Target } from "./lookups.js";
import type { Family, ScenarioKind } from "./model.js";
import type { OwnVia, Signal } from "./renderings.js";

export interface Built {
  id: string;
  kind: ScenarioKind;
  host: Host;
  start: number;
  end: number;
  targets: string[];
  signals: Set<Signal>;
  ownVia: Set<OwnVia>;
  /** Families also right here beyond the channels' own (a web visit to a port-43 server's host name). */
  alsoAccept: Set<Family>;
  description: string;
}

export interface Ctx { b: WorldBuilder; org: string[] }

type Builder = (ctx: Ctx, s: Built) => void;

const LOOKUP: readonly (readonly [Channel, number])[] = [["port43", 40], ["rdap-tls", 40], ["rdap-http", 5], ["web-tls", 12], ["web-http", 3]];

function run(ctx: Ctx, s: Built, t: number, target: Target, channel: Channel, ua?: string): number {
  if (!s.targets.includes(target.value)) s.targets.push(target.value);
  let signal: Signal = channel;
  const end = lookup(ctx.b, s.host.ip, t, target, channel, s.id, ua, (host, shared) => {
    if (PORT43_HOSTS.has(host)) {
      s.alsoAccept.add("port43"); // its DNS name is a port-43 server's
      s.signals.add("port43-name"); // which is all a DNS server's log shows of this visit
    }
    if (shared && channel === "web-tls") signal = "web-tls-url"; // only a TLS-inspecting proxy can tell
  });
  s.signals.add(signal);
  s.end = Math.max(s.end, end);
  return end;
}

function series(ctx: Ctx, s: Built, count: number, meanGapMs: number, channel: Channel, make: () => Target, ua?: string): number {
  let t = s.start;
  for (let i = 0; i < count; i += 1) t = run(ctx, s, t, make(), channel, ua) + Math.round(ctx.b.rng.exp(meanGapMs));
  return t;
}

export const BUILDERS: Record<ScenarioKind, Builder> = {
  "single-port43": (ctx, s) => { run(ctx, s, s.start, randomTarget(ctx.b), "port43"); },
  "single-rdap": (ctx, s) => { run(ctx, s, s.start, randomTarget(ctx.b), ctx.b.rng.chance(0.85) ? "rdap-tls" : "rdap-http"); },
  "web-whois": (ctx, s) => {
    const channel = ctx.b.rng.chance(0.9) ? "web-tls" : "web-http";
    series(ctx, s, ctx.b.rng.int(1, 4), 40_000, channel, () => randomTarget(ctx.b, [85, 10, 5]));
  },
  "endpoint-tool": (ctx, s) => {
    const { b } = ctx;
    const target = randomTarget(b, [85, 15, 0]);
    const tool = b.rng.weighted([["whois.exe", 3], ["whois64.exe", 3], ["powershell", 4]] as const);
    s.signals.add("process");
    s.targets.push(target.value);
    if (tool === "powershell") {
      const url = `https://rdap.org/${target.kind === "ip" ? "ip" : "domain"}/${target.value}`;
      const cmd = b.rng.pick([`Invoke-RestMethod -Uri ${url}`, `irm ${url} | ConvertTo-Json -Depth 5`, `(Invoke-WebRequest ${url}).Content`]);
      const image = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
      const id = endpointProcess(b, s.host, s.start, { image, cmd: `powershell.exe -NoProfile -Command "${cmd}"` }, s.id);
      const f = b.https(s.start + 400, s.host.ip, "rdap.org", [{ uri: url.slice("https://rdap.org".length), status: 302, userAgent: "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.22621.4249" }], s.id);
      endpointTraffic(b, s.host, s.start + 400, "rdap.org", f, image, s.id, id);
      s.signals.add("rdap-tls");
      s.end = f.ts + f.durationMs;
      return;
    }
    const dir = b.rng.pick(["C:\\Tools\\SysinternalsSuite", "C:\\Users\\Public\\Downloads", "C:\\ProgramData\\sysinternals", `C:\\Users\\${s.host.user.split("\\")[1] ?? "admin"}\\Downloads`]);
    const image = `${dir}\\${tool}`;
    const id = endpointProcess(b, s.host, s.start, { image, cmd: `"${image}" ${b.rng.pick(["-v ", "", "-nobanner "])}${target.value}`, parent: "C:\\Windows\\System32\\cmd.exe" }, s.id);
    // Sysinternals whois asks whois.iana.org first, then follows the referral.
    const f1 = b.whois43(s.start + 300, s.host.ip, "whois.iana.org", target.value, s.id);
    endpointTraffic(b, s.host, s.start + 300, "whois.iana.org", f1, image, s.id, id);
    const f2 = b.whois43(f1.ts + f1.durationMs + 20, s.host.ip, target.kind === "ip" ? "whois.arin.net" : "whois.verisign-grs.com", target.value, s.id);
    endpointTraffic(b, s.host, f1.ts + f1.durationMs + 20, undefined, f2, image, s.id, id);
    s.signals.add("port43");
    s.end = f2.ts + f2.durationMs;
  },
  "burst-port43": (ctx, s) => { series(ctx, s, ctx.b.rng.int(25, 150), ctx.b.rng.float(300, 5000), "port43", () => randomTarget(ctx.b)); },
  "burst-rdap": (ctx, s) => {
    const ua = ctx.b.rng.pick(["python-requests/2.32.3", "Go-http-client/2.0", "rdap-cli/0.4", "curl/8.5.0"]);
    series(ctx, s, ctx.b.rng.int(25, 120), ctx.b.rng.float(300, 4000), ctx.b.rng.chance(0.8) ? "rdap-tls" : "rdap-http", () => randomTarget(ctx.b), ua);
  },
  "own-domain": (ctx, s) => {
    const { rng } = ctx.b;
    const channel = rng.weighted([["port43", 50], ["rdap-http", 10], ["rdap-tls", 20], ["web-tls", 10], ["web-http", 10]] as const);
    const own = rng.sample(ctx.org, rng.int(1, Math.min(3, ctx.org.length)));
    if (channel === "port43") s.ownVia.add("port43");
    if (channel === "rdap-http" || channel === "web-http") s.ownVia.add("http");
    if (channel === "rdap-tls" || channel === "web-tls") s.ownVia.add("tls-url");
    let t = s.start;
    for (const d of own) t = run(ctx, s, t, { kind: "domain", value: d }, channel) + rng.int(2000, 90_000);
  },
  "corr-dns-enum": (ctx, s) => {
    const { b } = ctx;
    const target = { kind: "domain" as const, value: b.domain() };
    const channel = b.rng.weighted(LOOKUP);
    const t = run(ctx, s, s.start, target, channel) + b.rng.int(5_000, 400_000);
    enumerate(ctx, s, t, target.value);
  },
  "corr-port-scan": (ctx, s) => {
    const { b } = ctx;
    const target = { kind: "domain" as const, value: b.domain() };
    const t = run(ctx, s, s.start, target, b.rng.weighted(LOOKUP)) + b.rng.int(5_000, 600_000);
    scan(ctx, s, t, b.ipOf(target.value));
  },
  "via-resolver": (ctx, s) => { run(ctx, s, s.start, randomTarget(ctx.b), ctx.b.rng.chance(0.7) ? "rdap-tls" : "web-tls"); },
};

const SUBS = ["www", "mail", "vpn", "dev", "staging", "admin", "api", "portal", "remote", "git", "jenkins", "test", "intranet", "owa", "sso", "m", "shop", "beta", "cdn", "ftp", "ns1", "ns2", "mx", "smtp", "backup", "db", "grafana", "kibana", "jira", "wiki"];

/** Subdomain brute force through the resolver (mostly NXDOMAIN), plus ANY and AXFR attempts. */
function enumerate(ctx: Ctx, s: Built, start: number, domain: string): void {
  const { b } = ctx;
  s.signals.add("dns-enum");
  const n = b.rng.int(60, 400);
  const gap = b.rng.float(20, 400);
  let t = start;
  for (let i = 0; i < n; i += 1) {
    const sub = i < SUBS.length ? SUBS[i]! : `${b.rng.pick(SUBS)}${b.rng.int(1, 99)}`;
    const exists = b.rng.chance(i < 10 ? 0.5 : 0.08);
    b.resolve(Math.round(t), s.host.ip, `${sub}.${domain}`, { rcode: exists ? "NOERROR" : "NXDOMAIN", scenario: s.id });
    t += b.rng.exp(gap);
  }
  if (b.rng.chance(0.6)) b.resolve(Math.round(t), s.host.ip, domain, { qtype: "ANY", scenario: s.id });
  if (b.rng.chance(0.6)) {
    const ns = b.ipOf(`ns1.${domain}`);
    const f = b.flow(Math.round(t) + 500, s.host.ip, ns, 53, "tcp", { service: "dns", state: "SF", scenario: s.id, respBytes: 60 });
    b.world.dns.push({ ts: f.ts + 5, flow: f, qname: domain, qtype: "AXFR", rcode: "REFUSED", answers: [], scenario: s.id });
  }
  s.end = Math.max(s.end, Math.round(t) + 600);
}

/** A port scan of the target's address, or a sweep of its /24 on a few ports. */
function scan(ctx: Ctx, s: Built, start: number, ip: string): void {
  const { b } = ctx;
  s.signals.add("scan");
  const gap = b.rng.float(2, 200);
  let t = start;
  const sweep = b.rng.chance(0.3);
  const n = sweep ? b.rng.int(30, 250) : b.rng.int(30, 1000);
  const net = ip.slice(0, ip.lastIndexOf("."));
  const ports = [21, 22, 25, 80, 110, 143, 443, 445, 3306, 3389, 5432, 8080, 8443];
  for (let i = 0; i < n; i += 1) {
    const dst = sweep ? `${net}.${1 + (i % 254)}` : ip;
    const dport = sweep ? b.rng.pick(ports.slice(0, 4)) : i < ports.length ? ports[i]! : b.rng.int(1, 65535);
    const state = b.rng.weighted([["S0", 6], ["REJ", 3], ["SF", 1]] as const);
    b.flow(Math.round(t), s.host.ip, dst, dport, "tcp", { state, origBytes: 0, respBytes: 0, durationMs: state === "SF" ? 3 : 0, scenario: s.id });
    t += b.rng.exp(gap);
  }
  s.end = Math.max(s.end, Math.round(t));
}

