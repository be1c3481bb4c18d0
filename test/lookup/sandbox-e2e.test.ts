import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup, type LookupOptions } from "../../src/lookup/index.js";
import { closeRdapAgents } from "../../src/net/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { startSandbox, type Sandbox } from "../../src/server/index.js";
import { Bootstrap, loadServerMap } from "../../src/servers/index.js";
import { WhoislensError } from "../../src/errors.js";

let sandbox: Sandbox;
let base: Partial<LookupOptions>;

beforeAll(async () => {
  sandbox = await startSandbox();
  base = {
    servers: loadServerMap(sandbox.serverMap),
    bootstrap: Bootstrap.load(sandbox.bootstrapDir),
    mappedOnly: true,
    hopTimeoutMs: 1500,
    totalTimeoutMs: 6000,
  };
});
afterAll(async () => {
  await closeRdapAgents();
  await sandbox.close();
});

const run = (query: string, options: Partial<LookupOptions> = {}): Promise<WhoisRecord> => lookup(query, { ...base, ...options });
const hops = (record: WhoisRecord): string[] => (record.chain ?? []).map((hop) => `${hop.protocol} ${hop.server} ${hop.status}`);

describe("lookups against the sandbox world", () => {
  it("rejects bad input through the promise, never as a synchronous throw", async () => {
    let pending: Promise<WhoisRecord> | undefined;
    expect(() => (pending = lookup("exa mple.com", base))).not.toThrow();
    await expect(pending).rejects.toBeInstanceOf(WhoislensError);
    await expect(lookup("example.com", { ...base, protocol: "gopher" as never })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
  });

  it("stamps each hop with the clock's time, also when hops finish in different milliseconds", async () => {
    let tick = Date.parse("2026-03-01T10:00:00.000Z");
    const now = (): Date => new Date((tick += 7));
    const record = await run("example.com", { protocol: "whois", now });
    const stamps = (record.chain ?? []).length;
    expect(stamps).toBe(2);
    // Each clock reading is 7 ms after the last: the record's stamp is one of this lookup's readings, not a stale one.
    const fetched = Date.parse(record.source.fetchedAt ?? "");
    expect(fetched).toBeGreaterThan(Date.parse("2026-03-01T10:00:00.000Z"));
    expect(fetched).toBeLessThanOrEqual(tick);
    expect(record.source.fetchedAt).toMatch(/^2026-03-01T10:00:00\.\d{3}Z$/);
    const again = await run("example.com", { protocol: "whois", now: () => new Date("2026-03-02T00:00:00.000Z") });
    expect(again.source.fetchedAt).toBe("2026-03-02T00:00:00.000Z");
  });

  it.each(["rdap", "whois"] as const)("thin registry → registrar over %s merges both answers", async (protocol) => {
    const record = await run("example.com", { protocol });
    expect(record.status).toBe("registered");
    expect(record.registrar).toMatchObject({ name: "Registrar One, LLC", ianaId: "9991" });
    expect(record.dates).toEqual({ created: "1995-08-14T04:00:00Z", updated: "2024-08-14T07:01:34Z", expires: "2027-08-13T04:00:00Z" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.acme-dns.example", "ns2.acme-dns.example"]);
    const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant).toMatchObject({ name: "Alice Example", organization: "Acme Widgets Inc.", email: "hostmaster@acme-widgets.example", countryCode: "US" });
    expect(registrant?.roles).toContain("administrative");
    expect(record.chain).toHaveLength(2);
    expect(record.chain?.every((hop) => hop.protocol === protocol)).toBe(true);
    expect(record.chain?.[1]?.server).toBe(protocol === "rdap" ? "rdap.registrar-one.sandbox" : "whois.registrar-one.sandbox");
  });

  it("auto mode asks RDAP first and does not touch port 43 when RDAP answers", async () => {
    const record = await run("acme-widgets.com");
    expect(hops(record)).toEqual(["rdap rdap.verisign.com registered", "rdap rdap.registrar-one.sandbox registered"]);
  });

  it("looks up an IDN by its A-label and reports the U-label", async () => {
    const record = await run("café.com");
    expect(record.domain).toMatchObject({ name: "xn--caf-dma.com", unicodeName: "café.com" });
    const denic = await run("bücher.de");
    expect(denic.status).toBe("registered");
    expect(denic.domain?.name).toBe("xn--bcher-kva.de");
    expect(denic.chain?.at(-1)).toMatchObject({ protocol: "whois", server: "whois.denic.de", query: "-T dn,ace xn--bcher-kva.de" });
  });

  it("reads a thick registry and its redactions", async () => {
    const record = await run("example.org", { protocol: "rdap", followReferrals: false });
    expect(record.source.server).toBe("rdap.publicinterestregistry.org");
    const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant?.privacyProxy).toBe(true);
    expect(registrant?.redacted).toEqual(expect.arrayContaining(["name", "email"]));
    const overWhois = await run("example.org", { protocol: "whois" });
    expect(overWhois.contacts?.find((c) => c.roles.includes("registrant"))?.redacted).toEqual(expect.arrayContaining(["name", "email"]));
  });

  it("falls back from a TLD without RDAP to port 43 and follows JPRS's /e form", async () => {
    const record = await run("example.jp");
    expect(record.status).toBe("registered");
    expect(record.chain?.at(-1)).toMatchObject({ server: "whois.jprs.jp", query: "example.jp/e" });
    expect(record.dates?.created).toBe("2004-07-01T00:00:00Z");
  });

  it.each(["rdap", "whois"] as const)("reports an unregistered domain as available over %s", async (protocol) => {
    const record = await run("never-registered-example.com", { protocol });
    expect(record.status).toBe("available");
    expect(record.domain?.name).toBe("never-registered-example.com");
  });

  it.each([
    ["198.51.100.7", "rdap", "NET-198-51-100-0-1", "198.51.100.0/24"],
    ["198.51.100.7", "whois", "NET-198-51-100-0-1", "198.51.100.0/24"],
    ["2001:db8:1234::1", "rdap", "2001:db8:1234::/48", "2001:db8:1234::/48"],
    ["2001:db8:1234::1", "whois", "2001:db8:1234::/48", "2001:db8:1234::/48"],
    ["203.0.113.0/24", "rdap", "203.0.113.0 - 203.0.113.255", "203.0.113.0/24"],
    ["203.0.113.0/24", "whois", "203.0.113.0 - 203.0.113.255", "203.0.113.0/24"],
  ] as const)("looks up %s over %s", async (query, protocol, handle, cidr) => {
    const record = await run(query, { protocol });
    expect(record.kind).toBe("ip");
    expect(record.status).toBe("registered");
    expect(record.network?.handle).toBe(handle);
    expect(record.network?.cidrs).toEqual([cidr]);
    expect(record.network?.organization).toMatch(/^Acme Widgets/);
  });

  it("follows ARIN's ReferralServer to RIPE for a block ARIN does not hold", async () => {
    const record = await run("203.0.113.9", { protocol: "whois", host: "whois.arin.net" });
    expect(hops(record)).toEqual(["whois whois.arin.net registered", "whois whois.ripe.net registered"]);
    expect(record.network?.name).toBe("ACME-EU-NET");
  });

  it.each(["rdap", "whois"] as const)("looks up an AS number over %s", async (protocol) => {
    const record = await run("AS64500", { protocol });
    expect(record.kind).toBe("asn");
    expect(record.asn).toMatchObject({ handle: "AS64500", name: "ACME-AS" });
  });
});

describe("fault modes", () => {
  const errorCode = async (query: string, options: Partial<LookupOptions>): Promise<string> => {
    try {
      const record = await run(query, options);
      const warnings = (record.warnings ?? []).map((warning) => `+${warning.code}`).join("");
      return `record:${record.status}${warnings}`;
    } catch (error) {
      expect(error).toBeInstanceOf(WhoislensError);
      return (error as WhoislensError).code;
    }
  };

  it.each([
    ["slow.fault", "WL_ERR_TIMEOUT"],
    // Cut off at the size cap or by a reset: the partial answer is kept and flagged (issue #19).
    ["endless.fault", "record:registered+WL_WARN_TRUNCATED"],
    ["huge.fault", "record:unknown+WL_WARN_TRUNCATED"],
    ["reset.fault", "record:registered+WL_WARN_TRUNCATED"],
    ["silent.fault", "WL_ERR_TIMEOUT"],
    ["throttle.fault", "record:throttled"],
  ])("port 43 %s ends in %s", async (query, expected) => {
    expect(await errorCode(query, { protocol: "whois", hopTimeoutMs: 600, maxBytes: 256 * 1024 })).toBe(expected);
  });

  it.each([
    ["malformed.fault", "WL_ERR_PROTOCOL"],
    ["bomb.fault", "WL_ERR_PROTOCOL"],
    ["huge.fault", "WL_ERR_TOO_LARGE"],
    ["slow.fault", "WL_ERR_TIMEOUT"],
    ["reset.fault", "WL_ERR_CONNECT"],
    ["throttle.fault", "record:throttled"],
  ])("RDAP %s ends in %s", async (query, expected) => {
    expect(await errorCode(query, { protocol: "rdap", hopTimeoutMs: 600 })).toBe(expected);
  });

  it("decodes a wrong charset instead of producing garbage, and strips escapes when printing", async () => {
    const record = await run("charset.fault", { protocol: "whois" });
    expect(record.registrar?.name).toBe("Müller Domänen GmbH");
    expect(record.contacts?.[0]?.name).toBe("Jürgen Größe");
  });

  it("stops a WHOIS referral loop and keeps the registry's data", async () => {
    const record = await run("loop-referral.com", { protocol: "whois" });
    expect(record.status).toBe("registered");
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_REFERRAL_LOOP");
    expect(record.dates?.created).toBe("2020-02-02T00:00:00Z");
  });

  it("stops an RDAP related-link loop", async () => {
    const record = await run("loop.fault", { protocol: "rdap" });
    expect(record.chain?.some((hop) => hop.error?.code === "WL_ERR_REFERRAL_LOOP")).toBe(true);
  });

  it.each(["whois", "rdap"] as const)("refuses a %s referral to a private address, keeping the registry record", async (protocol) => {
    const record = await run(protocol === "whois" ? "private-referral.com" : "private.fault", { protocol });
    expect(record.status).toBe("registered");
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(record.notes?.join(" ")).toMatch(/gave no record|registry data only/);
  });

  it("throttles a source after N queries when asked to, and recovers from RDAP to port 43", async () => {
    const strict = await startSandbox({ throttleAfter: 1 });
    try {
      const options = { servers: loadServerMap(strict.serverMap), bootstrap: Bootstrap.load(strict.bootstrapDir), mappedOnly: true };
      expect((await lookup("example.com", { ...options, protocol: "whois", followReferrals: false })).status).toBe("registered");
      expect((await lookup("example.com", { ...options, protocol: "whois", followReferrals: false })).status).toBe("throttled");
      expect(strict.stats()["whois.verisign-grs.com"]).toBe(2);
    } finally {
      await strict.close();
    }
  });

  it("refuses everything outside the map in mapped-only mode", async () => {
    expect(await errorCode("example.net", { protocol: "whois", host: "whois.not-in-map.example" })).toBe("WL_ERR_NO_SERVER");
  });
});
