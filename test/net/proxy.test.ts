import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents, fetchRdap, parseProxyUrl, queryWhois } from "../../src/net/index.js";
import { httpProxy, socks5Proxy } from "../helpers/proxies.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

let whois: TestServer;
let rdap: TestServer;
let socks: Awaited<ReturnType<typeof socks5Proxy>>;
let http: Awaited<ReturnType<typeof httpProxy>>;

beforeAll(async () => {
  whois = await tcpServer(whoisResponder((q) => `Domain Name: ${q}\r\n`));
  rdap = await httpServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(JSON.stringify({ objectClassName: "domain", ldhName: "via-proxy.test" }));
  });
  socks = await socks5Proxy();
  http = await httpProxy();
});
afterAll(async () => {
  await closeRdapAgents();
  await Promise.all([whois.close(), rdap.close(), socks.close(), http.close()]);
});

describe("proxies", () => {
  it("parses proxy URLs and names bad ones", () => {
    expect(parseProxyUrl("socks5://user:p%40ss@127.0.0.1:1081")).toEqual({ protocol: "socks5", host: "127.0.0.1", port: 1081, username: "user", password: "p@ss" });
    expect(parseProxyUrl("socks5h://proxy.example")).toMatchObject({ protocol: "socks5", remoteDns: true, port: 1080 });
    expect(parseProxyUrl("http://[::1]:3128")).toEqual({ protocol: "http", host: "::1", port: 3128 });
    expect(() => parseProxyUrl("ftp://x")).toThrow(/unsupported proxy scheme/);
    expect(() => parseProxyUrl("not a url")).toThrow(/invalid --proxy/);
  });

  it.each(["socks5", "http"] as const)("carries a port-43 query through a %s proxy", async (kind) => {
    const proxy = kind === "socks5" ? socks : http;
    const answer = await queryWhois({ host: "127.0.0.1", port: whois.port, query: "example.com", allowPrivate: true, proxy: { protocol: kind, host: "127.0.0.1", port: proxy.port } });
    expect(answer.text).toBe("Domain Name: example.com\r\n");
    expect(proxy.tunnels.some((t) => t.includes(`127.0.0.1:${whois.port}`))).toBe(true);
  });

  it.each(["socks5", "http"] as const)("carries an RDAP request through a %s proxy", async (kind) => {
    const proxy = kind === "socks5" ? socks : http;
    const answer = await fetchRdap(`http://127.0.0.1:${rdap.port}/domain/via-proxy.test`, {
      explicitTarget: true,
      proxy: { protocol: kind, host: "127.0.0.1", port: proxy.port },
    });
    expect(answer.body).toMatchObject({ ldhName: "via-proxy.test" });
    expect(proxy.tunnels.some((t) => t.includes(String(rdap.port)))).toBe(true);
  });

  it("reports an unreachable proxy as WL_ERR_PROXY", async () => {
    await expect(
      queryWhois({ host: "127.0.0.1", port: whois.port, query: "x", allowPrivate: true, proxy: { protocol: "socks5", host: "127.0.0.1", port: 1 } }),
    ).rejects.toMatchObject({ code: "WL_ERR_PROXY" });
  });
});
