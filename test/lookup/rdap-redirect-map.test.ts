import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstServerFor, lookup } from "../../src/lookup/index.js";
import { closeRdapAgents, type HostResolver } from "../../src/net/index.js";
import { parseRdap } from "../../src/parse/rdap/index.js";
import { Bootstrap, loadServerMap, type BootstrapFiles } from "../../src/servers/index.js";
import { httpServer, type TestServer } from "../helpers/servers.js";

/**
 * An RIR's RDAP 303 (RFC 7480 §5.2) names the other RIR's real URL. It must go where the --servers map
 * says that host is, and in mapped-only mode nowhere else: the redirect was once fetched as written,
 * so `--servers-only` let a lookup resolve and reach rdap.db.ripe.net on the internet.
 */
describe("RDAP redirects go through the --servers map", () => {
  let arin: TestServer;
  let ripe: TestServer;
  let ripeHits = 0;
  const resolved: string[] = [];
  // Records every name the client resolves; resolves nothing (a lookup that needs DNS here is a leak).
  const resolve: HostResolver = async (host) => {
    resolved.push(host);
    throw Object.assign(new Error(`${host} not resolved in this test`), { code: "ENOTFOUND" });
  };

  beforeAll(async () => {
    arin = await httpServer((req, res) => {
      const target = req.url?.includes("198.51.100") ? "https://rdap.unmapped.example/ip/198.51.100.1" : `https://rdap.db.ripe.net${req.url?.replace("/registry", "")}`;
      res.writeHead(303, { location: target });
      res.end();
    });
    ripe = await httpServer((req, res) => {
      ripeHits += 1;
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end(JSON.stringify({ objectClassName: "ip network", handle: "192.0.2.0 - 192.0.2.255", startAddress: "192.0.2.0", endAddress: "192.0.2.255", ipVersion: "v4", name: "FJORD-NET" }));
    });
  });
  afterAll(async () => {
    await closeRdapAgents();
    await Promise.all([arin.close(), ripe.close()]);
  });

  const options = () => ({
    protocol: "rdap" as const,
    rdapUrl: "https://rdap.arin.net/registry/",
    servers: loadServerMap({ "rdap.arin.net": `http://127.0.0.1:${arin.port}/`, "rdap.db.ripe.net": `http://127.0.0.1:${ripe.port}/` }),
    mappedOnly: true,
    resolve,
    hopTimeoutMs: 3000,
  });

  it("a 303 to a mapped RIR is fetched at its mapped address", async () => {
    const record = await lookup("192.0.2.10", options());
    expect(record).toMatchObject({ status: "registered", network: { name: "FJORD-NET" } });
    // RIPE's data, named by RIPE's real URL (not ARIN's, not the loopback address).
    expect(record.source).toMatchObject({ server: "rdap.db.ripe.net", url: "https://rdap.db.ripe.net/ip/192.0.2.10" });
    expect(record.chain?.map((hop) => hop.server)).toEqual(["rdap.arin.net"]);
    expect(ripeHits).toBe(1);
    expect(resolved).toEqual([]);
  });

  it("a 303 to a host the map does not name is refused in mapped-only mode, never resolved", async () => {
    await expect(lookup("198.51.100.1", options())).rejects.toMatchObject({ code: "WL_ERR_NO_SERVER", message: expect.stringMatching(/rdap\.unmapped\.example/) });
    expect(resolved).toEqual([]);
  });
});

describe("RDAP related links", () => {
  const url = "https://rdap.db.ripe.net/entity/ORG-FA1-RIPE";
  const link = (href: string) => ({ rel: "related", type: "application/rdap+json", href, value: url });

  it("an RIR entity's related links to its networks and autnums are not referrals", () => {
    const body = { objectClassName: "entity", handle: "ORG-FA1-RIPE", links: [link("https://rdap.db.ripe.net/ip/192.0.2.0/24"), link("https://rdap.db.ripe.net/autnum/64501")] };
    expect(parseRdap(body, { server: "rdap.db.ripe.net", url }).referral).toBeUndefined();
  });

  it("a registrar's copy of the same domain is one, whatever the case or base path", () => {
    const domainUrl = "https://rdap.verisign.com/com/v1/domain/EXAMPLE.COM";
    const body = { objectClassName: "domain", ldhName: "EXAMPLE.COM", links: [link("https://rdap.registrar.example/rdap/domain/example.com")] };
    expect(parseRdap(body, { server: "rdap.verisign.com", url: domainUrl }).referral).toEqual({ url: "https://rdap.registrar.example/rdap/domain/example.com" });
  });

  it("a related link to another object (an ip network's up-chain neighbour) is not a referral", () => {
    const ipUrl = "https://rdap.arin.net/registry/ip/198.51.100.7";
    const body = { objectClassName: "ip network", handle: "NET-198-51-100-0-1", startAddress: "198.51.100.0", endAddress: "198.51.100.255", links: [link("https://rdap.arin.net/registry/ip/198.0.0.0/8")] };
    expect(parseRdap(body, { server: "rdap.arin.net", url: ipUrl }).referral).toBeUndefined();
  });

  it("a link with a malformed escape is no referral and loses nothing read after the links (remarks)", () => {
    const domainUrl = "https://rdap.verisign.com/com/v1/domain/example.com";
    const body = { objectClassName: "domain", ldhName: "example.com", links: [link("https://rdap.registrar.example/domain/%E0%A4%A")], remarks: [{ title: "Note", description: ["kept"] }] };
    const record = parseRdap(body, { server: "rdap.verisign.com", url: domainUrl });
    expect(record.referral).toBeUndefined();
    expect(record.remarks).toEqual(["kept"]);
  });
});

describe("an untagged handle over RDAP", () => {
  const bootstrap = Bootstrap.fromFiles({ "object-tags": { services: [[["ripe-dbm@ripe.net"], ["RIPE"], ["https://rdap.db.ripe.net/"]]] } } as unknown as BootstrapFiles);

  it("is asked at ARIN, where port 43 asks it (ARIN's OrgIds carry no RFC 8521 tag)", () => {
    expect(firstServerFor("NWT-7", { protocol: "rdap", bootstrap })).toBe("rdap.arin.net");
    expect(firstServerFor("NWT-7", { protocol: "whois", bootstrap })).toBe("whois.arin.net");
  });

  it("a tagged handle still goes where its tag says", () => {
    expect(firstServerFor("ORG-FA1-RIPE", { protocol: "rdap", bootstrap })).toBe("rdap.db.ripe.net");
    expect(firstServerFor("ORG-FA1-RIPE", { protocol: "whois", bootstrap })).toBe("whois.ripe.net");
  });
});
