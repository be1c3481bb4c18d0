import { mkdtempSync, writeFileSync } from "node:fs";
import type http from "node:http";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup, TieredAnswerCache, type LookupOptions } from "../../src/lookup/index.js";
import { routeResolver } from "../../src/lookup/routes.js";
import { resolveLookupOptions } from "../../src/lookup/options.js";
import { closeRdapAgents, type HostResolver } from "../../src/net/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { loadServerMap } from "../../src/servers/index.js";
import { runCli } from "../helpers/cli.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * Issue #19, reproduced end to end: hostile port-43 and RDAP servers on loopback (started here), a
 * victim service beside them that must never be reached, and names resolved by an injected resolver
 * that answers 127.0.0.1 (never /etc/hosts). Each describe block is one bullet of the issue.
 */

type Counted = TestServer & { hits: () => number };

async function counted(start: (count: () => void) => Promise<TestServer>): Promise<Counted> {
  let hits = 0;
  const server = await start(() => (hits += 1));
  return Object.assign(server, { hits: () => hits });
}

const countedTcp = (handler: (socket: net.Socket) => void): Promise<Counted> =>
  counted((count) => tcpServer((socket) => (count(), handler(socket))));
const countedHttp = (handler: http.RequestListener): Promise<Counted> =>
  counted((count) => httpServer((req, res) => (count(), handler(req, res))));

function rdapDomain(name: string, related?: string): string {
  const links = related === undefined ? [] : [{ rel: "related", type: "application/rdap+json", href: related, value: related }];
  return JSON.stringify({ objectClassName: "domain", ldhName: name, status: ["active"], events: [{ eventAction: "registration", eventDate: "2001-02-03T04:05:06Z" }], links });
}

/** Every name resolves to loopback, as a hostile zone would make it; the names asked are kept. */
function loopbackResolver(): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(async (host: string) => (asked.push(host), ["127.0.0.1"]), { asked });
}

const servers: TestServer[] = [];
let victimWhois: Counted;
let victimRdap: Counted;

beforeAll(async () => {
  victimWhois = await countedTcp(whoisResponder(() => "Domain Name: SECRET.INTERNAL\r\nInternal: yes\r\n"));
  victimRdap = await countedHttp((_req, res) => {
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(rdapDomain("secret.internal"));
  });
  servers.push(victimWhois, victimRdap);
});
afterAll(async () => {
  await closeRdapAgents();
  await Promise.all(servers.map((server) => server.close()));
});

const lastHop = (record: WhoisRecord) => record.chain?.at(-1);

describe("#19.1 requests go only where they are allowed (origins, not prefixes)", () => {
  let hostile: Counted;
  let base: string;
  beforeAll(async () => {
    hostile = await countedHttp((req, res) => {
      const path = req.url ?? "/";
      const victim = `127.0.0.1:${victimRdap.port}`;
      const reply = (related: string): void => {
        res.writeHead(200, { "content-type": "application/rdap+json" });
        res.end(rdapDomain(path.split("/").at(-1) ?? "x", related));
      };
      // The --rdap-url text followed by "@": a prefix match trusted it, but the host is the victim's.
      if (path.endsWith("/userinfo.com")) return reply(`http://rdap.victim.example:${hostile.port}@${victim}/domain/userinfo.com`);
      if (path.endsWith("/literal-userinfo.com")) return reply(`http://127.0.0.1:${hostile.port}@${victim}/domain/literal-userinfo.com`);
      // Same host as the base, another port: a server's choice, so the guard applies (the name resolves to loopback).
      if (path.endsWith("/otherport.com")) return reply(`http://rdap.victim.example:${victimRdap.port}/domain/otherport.com`);
      if (path.endsWith("/redirect.com")) {
        res.writeHead(302, { location: `http://${victim}/domain/redirect.com` });
        return void res.end();
      }
      // Same origin as the base: the user's own server, followed (private allowed).
      if (path.endsWith("/sameorigin.com") && !path.startsWith("/registrar/")) return reply(`${base}/registrar/domain/sameorigin.com`);
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end(rdapDomain("sameorigin.com"));
    });
    servers.push(hostile);
    base = `http://rdap.victim.example:${hostile.port}`;
  });

  const run = (query: string): Promise<WhoisRecord> =>
    lookup(query, { protocol: "rdap", rdapUrl: base, resolve: loopbackResolver(), hopTimeoutMs: 2000, totalTimeoutMs: 5000 });

  it("refuses a related link that puts the --rdap-url text in the userinfo (http://BASE@127.0.0.1:PORT/)", async () => {
    const before = victimRdap.hits();
    const record = await run("userinfo.com");
    expect(record.status).toBe("registered");
    expect(lastHop(record)?.error?.code).toBe("WL_ERR_PROTOCOL");
    expect(victimRdap.hits()).toBe(before);
  });

  it("the same with an address literal as --rdap-url (no DNS involved): the victim is never asked", async () => {
    const before = victimRdap.hits();
    const record = await lookup("literal-userinfo.com", { protocol: "rdap", rdapUrl: `http://127.0.0.1:${hostile.port}`, hopTimeoutMs: 2000 });
    expect(record.status).toBe("registered");
    expect(lastHop(record)?.error?.code).toBe("WL_ERR_PROTOCOL");
    expect(victimRdap.hits()).toBe(before);
  });

  it("checks a link to another port of the --rdap-url host like any other server's link", async () => {
    const before = victimRdap.hits();
    const record = await run("otherport.com");
    expect(lastHop(record)?.error?.code).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(victimRdap.hits()).toBe(before);
  });

  it("refuses a redirect from the user's server to another origin on loopback", async () => {
    const before = victimRdap.hits();
    await expect(run("redirect.com")).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    expect(victimRdap.hits()).toBe(before);
  });

  it("still follows a link on the --rdap-url origin itself", async () => {
    const record = await run("sameorigin.com");
    expect(record.chain?.map((hop) => hop.url)).toEqual([`${base}/domain/sameorigin.com`, `${base}/registrar/domain/sameorigin.com`]);
    expect(record.chain?.every((hop) => hop.error === undefined)).toBe(true);
  });

  it.each([
    ["http://rdap.victim.example.attacker.example/domain/x", false],
    ["http://rdap.victim.example@127.0.0.1:8080/domain/x", "WL_ERR_PROTOCOL"],
    ["http://rdap.victim.example:8080/domain/x", false],
    ["http://RDAP.VICTIM.EXAMPLE:80/other/path", true],
  ])("route for %s under --rdap-url http://rdap.victim.example: explicit=%s", (url, expected) => {
    const routes = routeResolver(resolveLookupOptions({ rdapUrl: "http://rdap.victim.example" }));
    if (typeof expected === "string") expect(() => routes.rdap(url)).toThrow(expect.objectContaining({ code: expected }));
    else expect(routes.rdap(url).explicit).toBe(expected);
  });

  it("a referral to another port of the -h host is not the user's choice", async () => {
    // -h 127.0.0.1 -p REGISTRY → whois.middle.test (mapped) → 127.0.0.1:VICTIM. A host-only comparison
    // took the last hop for the user's -h and connected to the victim's port.
    const registry = await countedTcp(whoisResponder(() => "Domain Name: PORTHOP.COM\r\nRegistrar WHOIS Server: whois.middle.test\r\n"));
    const middle = await countedTcp(whoisResponder(() => `Domain Name: PORTHOP.COM\r\nRegistrar WHOIS Server: 127.0.0.1:${victimWhois.port}\r\n`));
    servers.push(registry, middle);
    const before = victimWhois.hits();
    const record = await lookup("porthop.com", {
      protocol: "whois",
      host: "127.0.0.1",
      port: registry.port,
      servers: loadServerMap({ "whois.middle.test": `127.0.0.1:${middle.port}` }),
      hopTimeoutMs: 2000,
    });
    expect(record.status).toBe("registered");
    expect(record.chain?.map((hop) => hop.server)).toEqual(["127.0.0.1", "whois.middle.test", "127.0.0.1"]);
    // In a lookup the loop guard (protocol, host, request: no port) stops this hop first; the route
    // check below is the line behind it (queryServer, or a request that differs per hop).
    expect(lastHop(record)).toMatchObject({ server: "127.0.0.1", status: "error", error: { code: "WL_ERR_REFERRAL_LOOP" } });
    expect(victimWhois.hits()).toBe(before);
    const routes = routeResolver(resolveLookupOptions({ host: "127.0.0.1", port: 4343 }));
    expect(routes.whois("127.0.0.1", 4343).explicit).toBe(true);
    expect(() => routes.whois("127.0.0.1", 6379)).toThrow(expect.objectContaining({ code: "WL_ERR_PRIVATE_ADDRESS" }));
  });
});

describe("#19.2 a name that resolves to a private address is refused at connect time", () => {
  it("port 43: a registrar referral whose name resolves to loopback never connects", async () => {
    const registry = await countedTcp(whoisResponder(() => "Domain Name: REBIND.COM\r\nRegistrar WHOIS Server: whois.registrar.rebind.test\r\n"));
    servers.push(registry);
    const resolve = loopbackResolver();
    const before = victimWhois.hits();
    const record = await lookup("rebind.com", {
      protocol: "whois",
      servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${registry.port}` }),
      resolve,
      hopTimeoutMs: 2000,
    });
    expect(lastHop(record)).toMatchObject({ server: "whois.registrar.rebind.test", error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
    expect(resolve.asked).toContain("whois.registrar.rebind.test");
    expect(victimWhois.hits()).toBe(before);
  });

  it("RDAP: a registrar link whose name resolves to loopback never connects", async () => {
    const registry = await countedHttp((_req, res) => {
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end(rdapDomain("rebind.com", `http://rdap.registrar.rebind.test:${victimRdap.port}/domain/rebind.com`));
    });
    servers.push(registry);
    const resolve = loopbackResolver();
    const before = victimRdap.hits();
    const record = await lookup("rebind.com", { protocol: "rdap", rdapUrl: `http://127.0.0.1:${registry.port}`, resolve, hopTimeoutMs: 2000 });
    expect(lastHop(record)?.error?.code).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(resolve.asked).toContain("rdap.registrar.rebind.test");
    expect(victimRdap.hits()).toBe(before);
  });
});

describe("#19.3 one answer cannot poison another (cache keyed by the endpoint asked)", () => {
  let hostileWhois: Counted;
  let goodWhois: Counted;
  let hostileRdap: Counted;
  let goodRdap: Counted;
  beforeAll(async () => {
    hostileWhois = await countedTcp(whoisResponder(() => "Domain Name: POISON.COM\r\nRegistrar: Hostile Registrar\r\n"));
    goodWhois = await countedTcp(whoisResponder(() => "Domain Name: POISON.COM\r\nRegistrar: Genuine Registrar\r\n"));
    const rdapWith = (registrar: string): http.RequestListener => (_req, res) => {
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end(JSON.stringify({ ...JSON.parse(rdapDomain("poison.com")), entities: [{ objectClassName: "entity", roles: ["registrar"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", registrar]]] }] }));
    };
    hostileRdap = await countedHttp(rdapWith("Hostile Registrar"));
    goodRdap = await countedHttp(rdapWith("Genuine Registrar"));
    servers.push(hostileWhois, goodWhois, hostileRdap, goodRdap);
  });

  it("port 43: the hostile map's answer never serves another map or no map, in memory or on disk", async () => {
    const directory = mkdtempSync(join(tmpdir(), "wl-poison-"));
    const cache = new TieredAnswerCache({ directory });
    const ask = (options: Partial<LookupOptions>): Promise<WhoisRecord> =>
      lookup("poison.com", { protocol: "whois", followReferrals: false, cache, hopTimeoutMs: 2000, ...options });
    const mapTo = (port: number) => loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${port}` });

    expect((await ask({ servers: mapTo(hostileWhois.port) })).registrar?.name).toBe("Hostile Registrar");
    expect((await ask({ servers: mapTo(goodWhois.port) })).registrar?.name).toBe("Genuine Registrar");
    // No map: the real server would be asked. The resolver refuses to answer, so nothing leaves loopback,
    // and the lookup fails instead of returning the cached hostile answer.
    const asked: string[] = [];
    const offline: HostResolver = async (host) => {
      asked.push(host);
      throw Object.assign(new Error("offline"), { code: "ENOTFOUND" });
    };
    await expect(ask({ resolve: offline })).rejects.toMatchObject({ code: "WL_ERR_CONNECT" });
    expect(asked).toEqual(["whois.verisign-grs.com"]);
    // A new process (fresh memory, same disk) with the good map: still the good answer, from the cache.
    const goodHits = goodWhois.hits();
    const reborn = new TieredAnswerCache({ directory });
    expect((await ask({ cache: reborn, servers: mapTo(goodWhois.port) })).registrar?.name).toBe("Genuine Registrar");
    expect(goodWhois.hits()).toBe(goodHits);
  });

  it("RDAP: keyed by the final URL after the base rewrite", async () => {
    const cache = new TieredAnswerCache();
    const ask = (port: number): Promise<WhoisRecord> =>
      lookup("poison.com", {
        protocol: "rdap",
        followReferrals: false,
        cache,
        servers: loadServerMap({ "rdap.verisign.com": `http://127.0.0.1:${port}/` }),
        hopTimeoutMs: 2000,
      });
    expect((await ask(hostileRdap.port)).registrar?.name).toBe("Hostile Registrar");
    expect((await ask(goodRdap.port)).registrar?.name).toBe("Genuine Registrar");
    const hostileHits = hostileRdap.hits();
    expect((await ask(hostileRdap.port)).registrar?.name).toBe("Hostile Registrar");
    expect(hostileRdap.hits()).toBe(hostileHits);
  });
});

describe("#19.4 a reset after a partial answer is a truncated answer, not a complete record", () => {
  /** Writes the first half of a registry answer, then resets the connection (RST). */
  const halfThenReset = (socket: net.Socket): void => {
    socket.once("data", () => {
      socket.write("Domain Name: HALF.COM\r\nRegistrar: Half Registrar\r\nCreation Date: 2001-");
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
  };
  let truncating: Counted;
  let mapFile: string;
  beforeAll(async () => {
    truncating = await countedTcp(halfThenReset);
    servers.push(truncating);
    const directory = mkdtempSync(join(tmpdir(), "wl-trunc-"));
    mapFile = join(directory, "servers.json");
    writeFileSync(mapFile, JSON.stringify({ "whois.verisign-grs.com": `127.0.0.1:${truncating.port}` }));
  });

  it("keeps the partial record with WL_WARN_TRUNCATED on the record and the hop, and never caches it", async () => {
    const cache = new TieredAnswerCache();
    const ask = (): Promise<WhoisRecord> =>
      lookup("half.com", { protocol: "whois", cache, servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${truncating.port}` }), hopTimeoutMs: 2000 });
    const before = truncating.hits();
    const record = await ask();
    expect(record.registrar?.name).toBe("Half Registrar");
    expect(record.dates?.created).toBeUndefined();
    expect(record.warnings).toEqual([expect.objectContaining({ code: "WL_WARN_TRUNCATED", server: "whois.verisign-grs.com" })]);
    expect(record.warnings?.[0]?.message).toMatch(/reset the connection after \d+ bytes/);
    expect(lastHop(record)?.warnings?.[0]?.code).toBe("WL_WARN_TRUNCATED");
    const again = await ask();
    expect(again.warnings?.[0]?.code).toBe("WL_WARN_TRUNCATED");
    expect(truncating.hits()).toBe(before + 2);
  });

  it("a truncated registrar answer taints the merged record", async () => {
    const registry = await countedTcp(whoisResponder(() => "Domain Name: HALF.COM\r\nRegistrar WHOIS Server: whois.half-registrar.test\r\nCreation Date: 2001-02-03T04:05:06Z\r\n"));
    servers.push(registry);
    const record = await lookup("half.com", {
      protocol: "whois",
      servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${registry.port}`, "whois.half-registrar.test": `127.0.0.1:${truncating.port}` }),
      hopTimeoutMs: 2000,
    });
    expect(record.chain?.map((hop) => hop.server)).toEqual(["whois.verisign-grs.com", "whois.half-registrar.test"]);
    expect(record.dates?.created).toBe("2001-02-03T04:05:06Z");
    expect(record.warnings?.map((warning) => [warning.code, warning.server])).toEqual([["WL_WARN_TRUNCATED", "whois.half-registrar.test"]]);
  });

  it("the CLI exits 5 (truncated) and prints the warning, in text and NDJSON", async () => {
    const flags = ["--servers", mapFile, "--servers-only", "--protocol", "whois", "--no-cache", "--timeout", "2000"];
    const one = await runCli(["lookup", "half.com", ...flags]);
    expect(one.code).toBe(5);
    expect(one.stdout).toMatch(/WL_WARN_TRUNCATED/);
    const json = await runCli(["lookup", "half.com", "--ndjson", ...flags]);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout.trim()).warnings[0].code).toBe("WL_WARN_TRUNCATED");
  });
});
