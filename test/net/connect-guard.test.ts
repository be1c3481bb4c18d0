import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedLookup } from "../../src/net/http-connect.js";
import { closeRdapAgents, fetchRdap, queryWhois, sameOrigin, systemResolver, type HostResolver } from "../../src/net/index.js";
import { socks5Proxy } from "../helpers/proxies.js";
import { codeOf } from "../helpers/errors.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * Issue #19, bullet 2: every request the guard lets through is checked again at connect time, on the
 * address DNS returned. Names are resolved by an injected resolver that answers loopback (the way a
 * hostile zone would), never by /etc/hosts; every server here is on 127.0.0.1 and counts its visitors.
 */


/** A resolver that answers 127.0.0.1 for every name and records what it was asked. */
function loopbackResolver(): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<string[]> => {
    asked.push(host);
    return ["127.0.0.1"];
  };
  return Object.assign(resolve, { asked });
}

let whois: TestServer & { hits: number };
let rdap: TestServer & { hits: number };
let socks: Awaited<ReturnType<typeof socks5Proxy>>;

beforeAll(async () => {
  let whoisHits = 0;
  const whoisServer = await tcpServer((socket) => {
    whoisHits += 1;
    whoisResponder((q) => `Domain Name: ${q}\r\n`)(socket);
  });
  whois = Object.defineProperty(whoisServer, "hits", { get: () => whoisHits }) as TestServer & { hits: number };
  let rdapHits = 0;
  const rdapServer = await httpServer((_req, res) => {
    rdapHits += 1;
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(JSON.stringify({ objectClassName: "domain", ldhName: "internal.test" }));
  });
  rdap = Object.defineProperty(rdapServer, "hits", { get: () => rdapHits }) as TestServer & { hits: number };
  socks = await socks5Proxy();
});
afterAll(async () => {
  await closeRdapAgents();
  await Promise.all([whois.close(), rdap.close(), socks.close()]);
});

describe("port 43: the address DNS returns is checked, and is the one connected to", () => {
  it("refuses a name that resolves to loopback, without connecting", async () => {
    const resolve = loopbackResolver();
    const before = whois.hits;
    expect(await codeOf(queryWhois({ host: "whois.rebound.test", port: whois.port, query: "x", resolve }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(resolve.asked).toEqual(["whois.rebound.test"]);
    expect(whois.hits).toBe(before);
  });

  it("refuses when any one of the name's addresses is private", async () => {
    const resolve: HostResolver = async () => ["93.184.216.34", "10.0.0.7"];
    expect(await codeOf(queryWhois({ host: "mixed.test", port: whois.port, query: "x", resolve }))).toBe("WL_ERR_PRIVATE_ADDRESS");
  });

  it("resolves once and connects to the vetted address when private targets are allowed", async () => {
    const resolve = loopbackResolver();
    const answer = await queryWhois({ host: "whois.rebound.test", port: whois.port, query: "example.com", resolve, allowPrivate: true });
    expect(answer.text).toBe("Domain Name: example.com\r\n");
    expect(answer.remoteAddress).toBe("127.0.0.1");
    expect(resolve.asked).toEqual(["whois.rebound.test"]);
  });

  it("normalizes numeric forms getaddrinfo would accept (127.1) before judging them", async () => {
    expect(await codeOf(queryWhois({ host: "127.1", port: whois.port, query: "x" }))).toBe("WL_ERR_PRIVATE_ADDRESS");
  });

  it("socks5:// resolves here, checks, and asks the proxy for the checked address", async () => {
    const proxy = { protocol: "socks5" as const, host: "127.0.0.1", port: socks.port };
    const tunnelsBefore = socks.tunnels.length;
    expect(await codeOf(queryWhois({ host: "whois.rebound.test", port: whois.port, query: "x", proxy, resolve: loopbackResolver() }))).toBe(
      "WL_ERR_PRIVATE_ADDRESS",
    );
    expect(socks.tunnels.length).toBe(tunnelsBefore);
    const answer = await queryWhois({ host: "whois.rebound.test", port: whois.port, query: "ok", proxy, resolve: loopbackResolver(), allowPrivate: true });
    expect(answer.text).toBe("Domain Name: ok\r\n");
    expect(socks.tunnels.at(-1)).toBe(`127.0.0.1:${whois.port}`);
  });

  it("socks5h:// leaves the name to the proxy, but still refuses address literals and localhost", async () => {
    const proxy = { protocol: "socks5" as const, remoteDns: true, host: "127.0.0.1", port: socks.port };
    const tunnelsBefore = socks.tunnels.length;
    expect(await codeOf(queryWhois({ host: "127.0.0.1", port: whois.port, query: "x", proxy }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(await codeOf(queryWhois({ host: "db.localhost", port: whois.port, query: "x", proxy }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(socks.tunnels.length).toBe(tunnelsBefore);
    // A name goes to the proxy as a name: not resolved here (the resolver is never asked).
    const resolve = loopbackResolver();
    await codeOf(queryWhois({ host: "whois.rebound.test", port: whois.port, query: "x", proxy, resolve, timeoutMs: 1500 }));
    expect(resolve.asked).toEqual([]);
    expect(socks.tunnels.at(-1)).toBe(`whois.rebound.test:${whois.port}`);
  });
});

describe("RDAP: the socket's real address is checked (undici connect.lookup)", () => {
  it("refuses a name that resolves to loopback, without connecting", async () => {
    const resolve = loopbackResolver();
    const before = rdap.hits;
    expect(await codeOf(fetchRdap(`http://rdap.rebound.test:${rdap.port}/domain/x`, { resolve, timeoutMs: 2000 }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(resolve.asked).toContain("rdap.rebound.test");
    expect(rdap.hits).toBe(before);
  });

  it("checks a redirect target's address too, even after an allowed first hop", async () => {
    const resolve = loopbackResolver();
    const redirector = await httpServer((_req, res) => {
      res.writeHead(302, { location: `http://internal.rebound.test:${rdap.port}/domain/x` });
      res.end();
    });
    try {
      const before = rdap.hits;
      // The first URL is the user's own (explicit): allowed although loopback. Its redirect is a server's choice.
      expect(await codeOf(fetchRdap(`http://127.0.0.1:${redirector.port}/domain/x`, { explicitTarget: true, resolve, timeoutMs: 2000 }))).toBe(
        "WL_ERR_PRIVATE_ADDRESS",
      );
      expect(rdap.hits).toBe(before);
    } finally {
      await redirector.close();
    }
  });

  it("connects to the resolver's address when private targets are allowed", async () => {
    const answer = await fetchRdap(`http://rdap.rebound.test:${rdap.port}/domain/x`, { resolve: loopbackResolver(), allowPrivate: true, timeoutMs: 2000 });
    expect(answer.body).toMatchObject({ ldhName: "internal.test" });
  });

  it("through socks5:// the name is resolved and checked here", async () => {
    const proxy = { protocol: "socks5" as const, host: "127.0.0.1", port: socks.port };
    const tunnelsBefore = socks.tunnels.length;
    expect(await codeOf(fetchRdap(`http://rdap.rebound.test:${rdap.port}/domain/x`, { proxy, resolve: loopbackResolver(), timeoutMs: 2000 }))).toBe(
      "WL_ERR_PRIVATE_ADDRESS",
    );
    expect(socks.tunnels.length).toBe(tunnelsBefore);
  });

  it("the guarded lookup refuses localhost through the system resolver", async () => {
    const lookup = guardedLookup({ resolve: systemResolver, allowPrivate: false });
    const error = await new Promise<unknown>((resolve) => {
      (lookup as unknown as (host: string, options: object, callback: (error: unknown) => void) => void)("localhost", { all: true }, resolve);
    });
    expect(error).toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    const allowed = await new Promise<unknown>((resolve) => {
      (guardedLookup({ resolve: systemResolver, allowPrivate: true }) as unknown as (h: string, o: object, c: (e: unknown, a: unknown) => void) => void)(
        "localhost",
        { all: true },
        (_error, addresses) => resolve(addresses),
      );
    });
    expect(allowed).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.|::1$)/) })]));
  });

  it("refuses RDAP URLs that carry a user name or password", async () => {
    expect(await codeOf(fetchRdap(`http://user@127.0.0.1:${rdap.port}/domain/x`, { explicitTarget: true }))).toBe("WL_ERR_PROTOCOL");
  });
});

describe("origins are compared parsed, never as string prefixes", () => {
  it.each([
    ["http://rdap.victim.example/domain/x", "http://rdap.victim.example", true],
    ["HTTP://RDAP.Victim.Example:80/x", "http://rdap.victim.example/", true],
    ["http://rdap.victim.example.attacker.example/x", "http://rdap.victim.example", false],
    ["http://rdap.victim.example@127.0.0.1:8080/x", "http://rdap.victim.example", false],
    ["http://rdap.victim.example:8080/x", "http://rdap.victim.example", false],
    ["https://rdap.victim.example/x", "http://rdap.victim.example", false],
    ["http://user:pw@rdap.victim.example/x", "http://rdap.victim.example", false],
    ["not a url", "http://rdap.victim.example", false],
  ])("%s against %s: %s", (url, base, expected) => {
    expect(sameOrigin(url, base)).toBe(expected);
  });
});
