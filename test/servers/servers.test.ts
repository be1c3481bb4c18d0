import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhoislensError } from "../../src/errors.js";
import { closeRdapAgents } from "../../src/net/index.js";
import {
  Bootstrap,
  loadDefaultBootstrap,
  loadServerMap,
  profileFor,
  rirWhoisServerForRdapBase,
  SHIPPED_BOOTSTRAP_DIR,
  TLD_WHOIS,
  updateBootstrap,
  whoisServerForTld,
} from "../../src/servers/index.js";
import { httpServer, type TestServer } from "../helpers/servers.js";

describe("Bootstrap", () => {
  const bootstrap = Bootstrap.load();
  it.each([
    ["example.com", "https://rdap.verisign.com/com/v1/"],
    ["sub.example.net", "https://rdap.verisign.com/net/v1/"],
    ["EXAMPLE.ORG", "https://rdap.publicinterestregistry.org/rdap/"],
  ])("domain %s → %s", (name, base) => {
    expect(bootstrap.domain(name)[0]).toBe(base);
  });
  it("finds nothing for a TLD without RDAP in the bootstrap", () => {
    expect(bootstrap.domain("example.de")).toEqual([]);
  });
  it("matches IP prefixes and prefers https", () => {
    expect(bootstrap.ipv4("8.8.8.8")[0]).toBe("https://rdap.arin.net/registry/");
    expect(bootstrap.ipv4("193.0.6.139")[0]).toBe("https://rdap.db.ripe.net/");
    expect(bootstrap.ipv6("2001:4860:4860::8888")[0]).toBe("https://rdap.arin.net/registry/");
    expect(bootstrap.ipv4("not an ip")).toEqual([]);
  });
  it("finds ASN ranges at their boundaries", () => {
    expect(bootstrap.asn(15169)[0]).toBe("https://rdap.arin.net/registry/");
    expect(bootstrap.asn(3333)[0]).toBe("https://rdap.db.ripe.net/");
    expect(bootstrap.asn(4_294_967_295)).toEqual([]);
  });
  it("routes tagged entity handles (RFC 8521)", () => {
    expect(bootstrap.entity("GOGL-ARIN")[0]).toBe("https://rdap.arin.net/registry/");
    expect(bootstrap.entity("NOTAG")).toEqual([]);
  });
  it("picks the most specific prefix", () => {
    const custom = Bootstrap.fromFiles({
      ipv4: { services: [[["10.0.0.0/8"], ["https://wide.test/"]], [["10.1.0.0/16"], ["https://narrow.test/"]]] },
    });
    expect(custom.ipv4("10.1.2.3")).toEqual(["https://narrow.test/"]);
    expect(custom.ipv4("10.2.2.3")).toEqual(["https://wide.test/"]);
  });
});

describe("server tables", () => {
  it("every TLD row names a lowercase host name", () => {
    for (const [tld, host] of Object.entries(TLD_WHOIS)) {
      expect(tld).toMatch(/^[a-z0-9-]+$/);
      expect(host).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/);
    }
    expect(whoisServerForTld("COM")).toBe("whois.verisign-grs.com");
    expect(whoisServerForTld("no-such-tld")).toBeUndefined();
  });
  it("maps RIR RDAP bases to their port-43 servers", () => {
    expect(rirWhoisServerForRdapBase("https://rdap.db.ripe.net/")).toBe("whois.ripe.net");
    expect(rirWhoisServerForRdapBase("https://rdap.example.test/")).toBeUndefined();
  });
  it.each([
    ["whois.verisign-grs.com", "example.com", "domain", "domain example.com"],
    ["whois.denic.de", "xn--bcher-kva.de", "domain", "-T dn,ace xn--bcher-kva.de"],
    ["whois.jprs.jp", "example.jp", "domain", "example.jp/e"],
    ["whois.arin.net", "8.8.8.8", "ip", "n + 8.8.8.8"],
    ["whois.arin.net", "AS15169", "asn", "a + AS15169"],
    ["whois.ripe.net", "193.0.6.139", "ip", "-B 193.0.6.139"],
    ["WHOIS.UNKNOWN.TEST", "example.test", "domain", "example.test"],
  ] as const)("%s formats %s as %j", (host, value, kind, expected) => {
    expect(profileFor(host).formatQuery(value, kind)).toBe(expected);
  });
});

describe("ServerMap", () => {
  const map = loadServerMap({
    "whois.verisign-grs.com": "127.0.0.1:4343",
    "rdap.verisign.com": "http://127.0.0.1:8080/verisign/",
    "whois.ripe.net": { address: "[::1]:4344", qps: 20, concurrency: 3 },
    "dual.test": { whois: "127.0.0.1:4345", rdap: "http://127.0.0.1:8081" },
  });
  it("resolves port-43 hosts and policies", () => {
    expect(map.whois("WHOIS.VERISIGN-GRS.COM")).toEqual({ host: "127.0.0.1", port: 4343 });
    expect(map.whois("whois.ripe.net")).toEqual({ host: "::1", port: 4344 });
    expect(map.policy("whois.ripe.net")).toEqual({ qps: 20, concurrency: 3 });
    expect(map.whois("whois.example.test")).toBeUndefined();
  });
  it("rewrites RDAP URLs onto the mapped base, keeping the path", () => {
    expect(map.rdap("https://rdap.verisign.com/com/v1/domain/example.com")).toBe("http://127.0.0.1:8080/verisign/com/v1/domain/example.com");
    expect(map.rdap("https://dual.test/ip/1.2.3.4?x=1")).toBe("http://127.0.0.1:8081/ip/1.2.3.4?x=1");
    expect(map.rdap("https://unmapped.test/domain/x")).toBeUndefined();
  });
  it.each([
    [[], /invalid --servers map/],
    [{ "a.test": "no-port" }, /"a.test".*neither host:port/],
    [{ "a.test": "host:99999" }, /"a.test"/],
    [{ "a.test": { address: "h:1", qps: -1 } }, /a\.test/],
    [{ "a.test": { whatever: 1 } }, /a\.test/],
  ])("rejects %j naming the problem", (input, message) => {
    let caught: unknown;
    try {
      loadServerMap(input);
    } catch (error) {
      caught = error;
    }
    expect((caught as WhoislensError).code).toBe("WL_ERR_CONFIG");
    expect((caught as Error).message).toMatch(message);
  });
});

describe("updateBootstrap", () => {
  let server: TestServer;
  let requests = 0;
  beforeAll(async () => {
    server = await httpServer((req, res) => {
      requests += 1;
      if (!(req.url ?? "").startsWith("/rdap/")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ not: "a bootstrap file" }));
        return;
      }
      const kind = /\/([a-z0-9-]+)\.json$/.exec(req.url ?? "")?.[1] ?? "";
      try {
        const body = readFileSync(join(SHIPPED_BOOTSTRAP_DIR, `${kind}.json`));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
  });
  afterAll(async () => {
    await closeRdapAgents();
    await server.close();
  });

  it("downloads into the cache, then skips while fresh, and lookups use the cached copy", async () => {
    const env = { WHOISLENS_CACHE_DIR: mkdtempSync(join(tmpdir(), "wl-boot-")) };
    const options = { sourceUrl: `http://127.0.0.1:${server.port}/rdap/`, env };
    const first = await updateBootstrap(options);
    expect(first.updated).toBe(true);
    expect(first.files.map((f) => f.kind)).toEqual(["dns", "ipv4", "ipv6", "asn", "object-tags"]);
    const before = requests;
    const second = await updateBootstrap(options);
    expect(second.updated).toBe(false);
    expect(requests).toBe(before);
    expect(loadDefaultBootstrap(env).domain("example.com")[0]).toBe("https://rdap.verisign.com/com/v1/");
    expect((await updateBootstrap({ ...options, force: true })).updated).toBe(true);
  });

  it("rejects a file that is not a bootstrap registry", async () => {
    const env = { WHOISLENS_CACHE_DIR: mkdtempSync(join(tmpdir(), "wl-boot-")) };
    await expect(updateBootstrap({ sourceUrl: `http://127.0.0.1:${server.port}/missing/x/`, env })).rejects.toMatchObject({
      code: "WL_ERR_PROTOCOL",
    });
  });
});
