import { describe, expect, it } from "vitest";
import { createDetector } from "../../../src/detect/engine/index.js";
import type { Alert, DetectEvent } from "../../../src/detect/types.js";
import { conn, dns, http, ids, rules, run, T0, tls, whois } from "./events.js";

const S = 1000;
const burst = (src: string, n: number, gapMs: number, start = T0): DetectEvent[] =>
  Array.from({ length: n }, (_, i) => whois(src, `target-${i}.example`, start + i * gapMs, "199.7.59.74", 40000 + i));

describe("bursts", () => {
  it("many distinct targets in the window: one burst alert, suppressed for an hour, with all the evidence", () => {
    const alerts = run(burst("10.0.0.9", 60, 2 * S));
    const bursts = alerts.filter((a) => a.ruleId.startsWith("whois-burst"));
    expect(bursts).toHaveLength(1);
    expect(bursts[0]!.targets.length).toBeGreaterThanOrEqual(20);
    expect(bursts[0]!.evidence.length).toBeGreaterThanOrEqual(20);
    expect(bursts[0]!.reasons[0]).toMatch(/^burst: \d+ lookups of \d+ distinct targets within \d+ s/);
    expect(bursts[0]!.severity).toBe("medium");
    // the single-lookup rule also collapses into one alert per suppression period
    expect(alerts.filter((a) => a.ruleId === "whois-port43-egress")).toHaveLength(1);
  });

  it("a second burst after the suppression period is a second alert", () => {
    const alerts = run([...burst("10.0.0.9", 30, S), ...burst("10.0.0.9", 30, S, T0 + 2 * 3600 * S)]);
    expect(alerts.filter((a) => a.ruleId.startsWith("whois-burst"))).toHaveLength(2);
  });

  it("counts lookups without targets (TLS to RDAP hosts) and ignores slow, steady lookups", () => {
    const fast = Array.from({ length: 25 }, (_, i) => tls("10.0.0.10", "rdap.verisign.com", T0 + i * 5 * S));
    expect(ids(run(fast))).toContain("whois-burst-lookups");
    const slow = Array.from({ length: 25 }, (_, i) => tls("10.0.0.11", "rdap.verisign.com", T0 + i * 60 * S));
    expect(ids(run(slow))).toEqual(["whois-rdap-endpoint"]);
  });

  it("a conn record and the WHOIS session of the same connection count once", () => {
    const events: DetectEvent[] = [];
    for (let i = 0; i < 15; i += 1) {
      events.push(conn("10.0.0.12", "199.7.59.74", 43, T0 + i * S, { srcPort: 50000 + i }));
      events.push(whois("10.0.0.12", `t${i}.example`, T0 + i * S, "199.7.59.74", 50000 + i));
    }
    expect(ids(run(events))).toEqual(["whois-port43-egress"]);
  });

  it("window and threshold come from the YAML", () => {
    const set = structuredClone(rules());
    for (const r of set.rules) if (r.match.type === "burst") r.match.threshold = 5;
    expect(ids(run(burst("10.0.0.13", 6, S), { rules: set }))).toContain("whois-burst-targets");
  });
});

describe("resolver attribution", () => {
  const resolver = "10.0.0.53";
  const background = (): DetectEvent[] => ["10.0.1.1", "10.0.1.2", "10.0.1.3"].map((c, i) => dns(c, `site${i}.example`, T0 - 60 * S, { dst: resolver }));

  it("blames the client, not the forwarding resolver, even when the forwarded leg is logged first", () => {
    const events = [
      ...background(),
      dns(resolver, "rdap.verisign.com", T0 + 3, { dst: "9.9.9.9" }),
      dns("10.0.1.50", "rdap.verisign.com", T0, { dst: resolver }),
    ];
    const alerts = run(events);
    expect(alerts.map((a) => a.source.ip)).toEqual(["10.0.1.50"]);
  });

  it("a resolver's cache-miss query with the client's query seconds apart in the log is still attributed", () => {
    const events = [...background(), dns("10.0.1.51", "who.is", T0, { dst: resolver }), dns(resolver, "who.is", T0 + 2 * S, { dst: "9.9.9.9" })];
    expect(run(events).map((a) => a.source.ip)).toEqual(["10.0.1.51"]);
  });

  it("a host many others send DNS to is a resolver: reported alone only when no client is seen, and says so", () => {
    const alerts = run([...background(), dns(resolver, "rdap.arin.net", T0, { dst: "9.9.9.9" })]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.source.ip).toBe(resolver);
    expect(alerts[0]!.reasons.join(" ")).toMatch(/DNS resolver and no client query/);
  });

  it("streams: DNS hits are held only briefly on the file's clock", () => {
    const seen: Alert[] = [];
    const d = createDetector({ rules: rules(), onAlert: (a) => seen.push(a) });
    for (const e of background()) d.push(e);
    d.push(dns("10.0.1.60", "rdap.verisign.com", T0, { dst: resolver }));
    expect(seen).toHaveLength(0);
    d.push(dns("10.0.1.1", "unrelated.example", T0 + 60 * S, { dst: resolver }));
    expect(seen.map((a) => a.source.ip)).toEqual(["10.0.1.60"]);
    expect(d.finish()).toHaveLength(1);
  });
});

describe("correlation", () => {
  const nx = (src: string, n: number, start: number): DetectEvent[] =>
    Array.from({ length: n }, (_, i) => dns(src, `h${i}.victim.example`, start + i * 200, { rcode: "NXDOMAIN", dst: "10.0.0.53" }));
  const scan = (src: string, n: number, start: number): DetectEvent[] =>
    Array.from({ length: n }, (_, i) => conn(src, "192.0.2.77", 1000 + i, start + i * 50, { state: "S0" }));

  it("DNS enumeration near a lookup raises a high correlation alert and the lookup's severity", () => {
    const alerts = run([whois("10.0.2.1", "victim.example", T0), ...nx("10.0.2.1", 40, T0 + 60 * S)]);
    const c = alerts.find((a) => a.ruleId === "whois-correlated-dns-enumeration");
    expect(c?.severity).toBe("high");
    expect(c?.reasons[0]).toMatch(/NXDOMAIN.*within 30 min of 1 WHOIS\/RDAP lookup/);
    const base = alerts.find((a) => a.ruleId === "whois-port43-egress");
    expect(base?.severity).toBe("medium");
    expect(base?.reasons.join(" ")).toMatch(/correlated with dns enumeration/);
  });

  it("AXFR/ANY alone is enough, and order does not matter (enumeration before the lookup)", () => {
    const alerts = run([dns("10.0.2.2", "victim.example", T0, { qtype: "AXFR" }), tls("10.0.2.2", "rdap.verisign.com", T0 + 5 * 60 * S)]);
    expect(ids(alerts)).toContain("whois-correlated-dns-enumeration");
  });

  it("a port scan near a lookup correlates; the same scan with no lookups, or lookups hours apart, does not", () => {
    expect(ids(run([tls("10.0.2.3", "who.is", T0), ...scan("10.0.2.3", 60, T0 + 120 * S)]))).toContain("whois-correlated-port-scan");
    expect(run(scan("10.0.2.4", 200, T0))).toEqual([]);
    expect(ids(run([tls("10.0.2.5", "who.is", T0), ...scan("10.0.2.5", 60, T0 + 5 * 3600 * S)]))).toEqual(["whois-web-service"]);
  });

  it("firewall logs that only say 'allow': many ports of one host or a sweep of one /24 is a scan; browsing many sites is not", () => {
    const ports = Array.from({ length: 30 }, (_, i) => conn("10.0.2.7", "192.0.2.77", 2000 + i, T0 + 60 * S + i * 100, { state: "allow", format: "firewall-csv" }));
    expect(ids(run([conn("10.0.2.7", "199.7.59.74", 43, T0, { state: "allow" }), ...ports]))).toContain("whois-correlated-port-scan");
    const sweep = Array.from({ length: 40 }, (_, i) => conn("10.0.2.8", `192.0.2.${i + 1}`, 22, T0 + 60 * S + i * 100, { state: "ACCEPT" }));
    expect(ids(run([conn("10.0.2.8", "199.7.59.74", 43, T0, { state: "allow" }), ...sweep]))).toContain("whois-correlated-port-scan");
    const browsing = Array.from({ length: 60 }, (_, i) => conn("10.0.2.9", `${20 + i}.${i}.1.1`, 443, T0 + 60 * S + i * 1000, { state: "allow" }));
    expect(ids(run([conn("10.0.2.9", "199.7.59.74", 43, T0, { state: "allow" }), ...browsing]))).toEqual(["whois-port43-egress"]);
  });

  it("a few NXDOMAINs (browser probes) or successful connections do not make an indicator", () => {
    const ok = Array.from({ length: 80 }, (_, i) => conn("10.0.2.6", `192.0.2.${i + 1}`, 443, T0 + i * S, { state: "SF" }));
    expect(ids(run([tls("10.0.2.6", "who.is", T0), ...nx("10.0.2.6", 4, T0), ...ok]))).toEqual(["whois-web-service"]);
  });
});

describe("indicators on the source", () => {
  it("lookups of our own domains (and subdomains) raise an own-domain alert and weight the lookup up", () => {
    const alerts = run([whois("10.0.3.1", "mail.acme-corp.example", T0), http("10.0.3.2", "rdap.verisign.com", "/com/v1/domain/other.example")], { orgDomains: ["acme-corp.example", "# comment", ""] });
    const own = alerts.filter((a) => a.ruleId === "whois-own-domain-lookup");
    expect(own.map((a) => a.source.ip)).toEqual(["10.0.3.1"]);
    expect(own[0]!.targets).toEqual(["mail.acme-corp.example"]);
    expect(own[0]!.severity).toBe("high");
    const base = alerts.find((a) => a.ruleId === "whois-port43-egress");
    expect(base?.severity).toBe("medium");
    expect(base?.reasons.join(" ")).toMatch(/own domain\(s\): acme-corp\.example/);
    expect(alerts.find((a) => a.source.ip === "10.0.3.2")?.severity).toBe("low");
  });

  it("known-bad sources (IPs and CIDRs) raise severity with a reason", () => {
    const [a] = run([conn("10.9.8.7", "199.7.59.74", 43)], { badSources: ["10.9.8.0/24"] });
    expect(a?.severity).toBe("medium");
    expect(a?.reasons).toContain("source is on the known-bad source list");
    expect(() => run([], { badSources: ["not-an-ip"] })).toThrowError(/--bad-sources/);
  });

  it("watched countries of external sources, from the bundled IP-to-country data", () => {
    const db = { country: (ip: string) => (ip.startsWith("5.") ? "RU" : "US") };
    const events = [http("5.1.2.3", "who.is", "/whois/acme.example"), http("8.8.8.8", "who.is", "/whois/acme.example")];
    const alerts = run(events, { watchCountries: ["ru"], countryDb: db });
    expect(alerts.find((a) => a.source.ip === "5.1.2.3")?.reasons.join(" ")).toMatch(/country is watched: RU/);
    expect(alerts.find((a) => a.source.ip === "8.8.8.8")?.severity).toBe("low");
  });
});

describe("bounded memory", () => {
  it("per-source state is capped (LRU) and the detector keeps working", () => {
    const d = createDetector({ rules: rules(), maxSources: 100 });
    for (let i = 0; i < 20_000; i += 1) d.push(conn(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, "192.0.2.1", 1000 + (i % 50), T0 + i, { state: "S0" }));
    d.push(conn("10.200.0.1", "199.7.59.74", 43, T0 + 30_000));
    expect(d.finish().map((a) => a.ruleId)).toEqual(["whois-port43-egress"]);
  });
});
