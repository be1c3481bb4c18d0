import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscoveryCache, discoveryScope, lookup } from "../../src/lookup/index.js";
import { waitFromThrottleText } from "../../src/lookup/throttle-wait.js";
import { loadServerMap, type ServerMap } from "../../src/servers/index.js";
import { tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/** whois.iana.org's TLD object, laid out as IANA writes it (refer: first, then domain:, whois:). */
const ianaTld = (tld: string, server: string): string =>
  `% IANA WHOIS server\r\n% for more information on IANA, visit http://www.iana.org\r\n% This query returned 1 object\r\n\r\nrefer:        ${server}\r\n\r\ndomain:       ${tld.toUpperCase()}\r\n\r\nwhois:        ${server}\r\n\r\nstatus:       ACTIVE\r\nsource:       IANA\r\n`;

describe("DiscoveryCache", () => {
  it("keeps a TLD's server per scope until its TTL runs out", () => {
    let now = 1_000;
    const cache = new DiscoveryCache({ ttlMs: 500, now: () => now });
    cache.learnTld("", "zz", { host: "whois.nic.zz", from: "whois.iana.org" });
    expect(cache.tld("", "ZZ")).toEqual({ host: "whois.nic.zz", from: "whois.iana.org" });
    expect(cache.tld("map:other", "zz")).toBeUndefined();
    now += 499;
    expect(cache.tld("", "zz")?.host).toBe("whois.nic.zz");
    now += 1;
    expect(cache.tld("", "zz")).toBeUndefined();
  });

  it("learns a block only when it holds the address and is no wider than an RIR allocation; the most specific wins", () => {
    const cache = new DiscoveryCache();
    const ripe = { host: "whois.ripe.net", from: "whois.arin.net" };
    expect(cache.learnBlock("", "0.0.0.0/0", "45.1.1.1", ripe)).toBe(false);
    expect(cache.learnBlock("", "46.0.0.0/8", "45.1.1.1", ripe)).toBe(false);
    expect(cache.learnBlock("", "not a block", "45.1.1.1", ripe)).toBe(false);
    expect(cache.learnBlock("", "45.0.0.0/14", "45.1.1.1", ripe)).toBe(true);
    expect(cache.learnBlock("", "45.1.0.0/16", "45.1.1.1", { host: "whois.apnic.net", from: "whois.arin.net" })).toBe(true);
    expect(cache.block("", "45.1.200.1")?.host).toBe("whois.apnic.net");
    expect(cache.block("", "45.2.3.4")?.host).toBe("whois.ripe.net");
    expect(cache.block("", "45.4.0.1")).toBeUndefined();
    expect(cache.block("map:x", "45.2.3.4")).toBeUndefined();
    expect(cache.learnBlock("", "2a00::/8", "2a00::1", ripe)).toBe(false);
    expect(cache.learnBlock("", "2a00::/12", "2a00::1", ripe)).toBe(true);
    expect(cache.block("", "2a0f:ffff::1")?.host).toBe("whois.ripe.net");
  });

  it("persists to disk, merges with another process's file, and ignores a damaged or oversized one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-discovery-"));
    const first = new DiscoveryCache({ directory: dir });
    first.learnTld("", "zz", { host: "whois.nic.zz", port: 4343, from: "whois.iana.org" });
    await first.flush();
    const second = new DiscoveryCache({ directory: dir });
    expect(second.tld("", "zz")).toEqual({ host: "whois.nic.zz", port: 4343, from: "whois.iana.org" });
    second.learnTld("", "yy", { host: "whois.nic.yy", from: "whois.iana.org" });
    await second.flush();
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "discovery.json"), "utf8")) as object).sort()).toEqual(["|tld|yy", "|tld|zz"]);

    // Entries that are not routes (a path, a control character, a bad port) are dropped, not believed.
    const file = join(dir, "discovery.json");
    const far = Date.now() + 60_000;
    writeFileSync(file, JSON.stringify({ "|tld|aa": { host: "evil/path", from: "whois.iana.org", expiresAt: far }, "|tld|bb": { host: "whois.nic.bb\u001b[2J", from: "x", expiresAt: far }, "|tld|cc": { host: "whois.nic.cc", from: "whois.iana.org", port: 70000, expiresAt: far }, "|tld|dd": { host: "whois.nic.dd", from: "whois.iana.org", expiresAt: far } }));
    const third = new DiscoveryCache({ directory: dir });
    expect([third.tld("", "aa"), third.tld("", "bb"), third.tld("", "cc")]).toEqual([undefined, undefined, undefined]);
    expect(third.tld("", "dd")?.host).toBe("whois.nic.dd");
    writeFileSync(file, "{ not json");
    expect(new DiscoveryCache({ directory: dir }).tld("", "dd")).toBeUndefined();
    writeFileSync(file, `{"|tld|dd": {"host": "whois.nic.dd", "from": "whois.iana.org", "expiresAt": ${far}}, "pad": "${"x".repeat(3 * 1024 * 1024)}"}`);
    expect(new DiscoveryCache({ directory: dir }).tld("", "dd")).toBeUndefined();
  });

  it("scopes routes to the --servers map they were learned through", () => {
    const a = loadServerMap({ "whois.iana.org": "127.0.0.1:4001" });
    const sameAsA = loadServerMap({ "whois.iana.org": "127.0.0.1:4001" });
    const b = loadServerMap({ "whois.iana.org": "127.0.0.1:4002" });
    expect(discoveryScope(undefined)).toBe("");
    expect(discoveryScope(a)).toMatch(/^map:/);
    expect(discoveryScope(a)).toBe(discoveryScope(sameAsA));
    expect(discoveryScope(a)).not.toBe(discoveryScope(b));
  });
});

describe("reading the wait a port-43 refusal names", () => {
  it.each([
    ["% Too many queries. Try later in 999999 seconds.", 999_999_000],
    ["Please wait 60 seconds before your next query", 60_000],
    ["You have been blocked for 5 minutes.", 300_000],
    ["query limit exceeded, try again in 2 hours", 7_200_000],
    ["% Query rate limit exceeded. Please wait and try again later.", undefined],
    [`${"in ".repeat(20_000)}1`, undefined],
  ])("case %#", (text, ms) => {
    expect(waitFromThrottleText(text)).toBe(ms);
  });
});

describe("lookups learn a TLD's server once (issue #13)", () => {
  let iana: TestServer;
  let registry: TestServer;
  let registrar: TestServer;
  const asked: { server: string; query: string }[] = [];
  let map: ServerMap;
  beforeAll(async () => {
    iana = await tcpServer(whoisResponder((query) => (asked.push({ server: "iana", query }), ianaTld(query, "whois.nic.zzdisc"))));
    registry = await tcpServer(
      whoisResponder((query) => {
        asked.push({ server: "registry", query });
        return `Domain Name: ${query.toUpperCase()}\r\nRegistrar WHOIS Server: whois.registrar.test\r\nRegistrar: Test Registrar\r\nCreation Date: 2001-01-01T00:00:00Z\r\n`;
      }),
    );
    registrar = await tcpServer(whoisResponder((query) => (asked.push({ server: "registrar", query }), `Domain Name: ${query.toUpperCase()}\r\nRegistrant Email: ops@${query}\r\nRegistrar: Test Registrar\r\n`)));
    map = loadServerMap({ "whois.iana.org": `127.0.0.1:${iana.port}`, "whois.nic.zzdisc": `127.0.0.1:${registry.port}`, "whois.registrar.test": `127.0.0.1:${registrar.port}` });
  });
  afterAll(async () => Promise.all([iana.close(), registry.close(), registrar.close()]));

  it("asks IANA for the first domain of a TLD only, never keeps the registrar referral, and says where the route came from", async () => {
    asked.length = 0;
    const discovery = new DiscoveryCache();
    const options = { protocol: "whois" as const, servers: map, mappedOnly: true, discovery };
    const first = await lookup("one.zzdisc", options);
    const second = await lookup("two.zzdisc", options);
    expect(asked.filter((a) => a.server === "iana").map((a) => a.query)).toEqual(["zzdisc"]);
    expect(first.chain?.map((h) => h.server)).toEqual(["whois.iana.org", "whois.nic.zzdisc", "whois.registrar.test"]);
    // The second lookup starts at the registry, and still follows that domain's own registrar referral.
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.nic.zzdisc", "whois.registrar.test"]);
    expect(second.notes?.join(" ")).toMatch(/\.zzdisc asked at whois\.nic\.zzdisc as learned earlier from whois\.iana\.org/);
    expect(second.contacts?.[0]?.email).toBe("ops@two.zzdisc");
    expect(discovery.tld(discoveryScope(map), "zzdisc")?.host).toBe("whois.nic.zzdisc");
  });

  it("does not let a route learned through one --servers map steer a lookup with another map (or none)", async () => {
    asked.length = 0;
    const discovery = new DiscoveryCache();
    await lookup("one.zzdisc", { protocol: "whois", servers: map, mappedOnly: true, discovery });
    const other = loadServerMap({ "whois.iana.org": `127.0.0.1:${iana.port}`, "whois.nic.zzdisc": `127.0.0.1:${registry.port}` });
    await lookup("two.zzdisc", { protocol: "whois", servers: other, mappedOnly: true, discovery });
    expect(asked.filter((a) => a.server === "iana")).toHaveLength(2);
    expect(discovery.tld("", "zzdisc")).toBeUndefined();
  });
});

describe("lookups learn an RIR's referral for the block its answer names", () => {
  let arin: TestServer;
  let ripe: TestServer;
  const asked: string[] = [];
  let block = { range: "45.0.0.0 - 45.3.255.255", cidr: "45.0.0.0/14" };
  beforeAll(async () => {
    // ARIN's answer for space it handed to another RIR (NetRange/CIDR + ReferralServer), per ARIN's whois documentation.
    arin = await tcpServer(
      whoisResponder((query) => {
        asked.push(`arin ${query}`);
        return `NetRange:       ${block.range}\r\nCIDR:           ${block.cidr}\r\nNetName:        RIPE-TRANSFER\r\nNetType:        Transferred to RIPE NCC\r\nOrganization:   RIPE Network Coordination Centre (RIPE)\r\n\r\nReferralServer:  whois://whois.ripe.net\r\n`;
      }),
    );
    ripe = await tcpServer(
      whoisResponder((query) => (asked.push(`ripe ${query}`), `inetnum:        45.0.0.0 - 45.3.255.255\r\nnetname:        EXAMPLE-NET\r\ncountry:        NL\r\nsource:         RIPE\r\n`)),
    );
  });
  afterAll(async () => Promise.all([arin.close(), ripe.close()]));

  it("goes straight to the RIR for a second address of the block, and to ARIN outside it", async () => {
    asked.length = 0;
    block = { range: "45.0.0.0 - 45.3.255.255", cidr: "45.0.0.0/14" };
    const servers = loadServerMap({ "whois.arin.net": `127.0.0.1:${arin.port}`, "whois.ripe.net": `127.0.0.1:${ripe.port}` });
    const discovery = new DiscoveryCache();
    const options = { protocol: "whois" as const, servers, mappedOnly: true, discovery };
    await lookup("45.1.1.1", options);
    const second = await lookup("45.2.3.4", options);
    await lookup("45.9.9.9", options);
    expect(asked.map((a) => a.split(" ")[0])).toEqual(["arin", "ripe", "ripe", "arin", "ripe"]);
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.ripe.net"]);
  });

  it("refuses a block wider than an RIR allocation (0.0.0.0/0 would steer every address)", async () => {
    asked.length = 0;
    block = { range: "0.0.0.0 - 255.255.255.255", cidr: "0.0.0.0/0" };
    const servers = loadServerMap({ "whois.arin.net": `127.0.0.1:${arin.port}`, "whois.ripe.net": `127.0.0.1:${ripe.port}` });
    const discovery = new DiscoveryCache();
    await lookup("45.1.1.1", { protocol: "whois", servers, mappedOnly: true, discovery });
    await lookup("45.2.3.4", { protocol: "whois", servers, mappedOnly: true, discovery });
    expect(asked.filter((a) => a.startsWith("arin"))).toHaveLength(2);
  });
});
