import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WhoislensError } from "../../src/errors.js";
import { loadServerMap, ServerMap } from "../../src/servers/index.js";

function configError(run: () => unknown): WhoislensError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WhoislensError);
    expect((error as WhoislensError).code).toBe("WL_ERR_CONFIG");
    return error as WhoislensError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadServerMap", () => {
  const map = loadServerMap({
    "whois.verisign-grs.com": "127.0.0.1:4343",
    "rdap.verisign.com": "http://127.0.0.1:8080/verisign/",
    "WHOIS.RIPE.NET": { address: "[::1]:4344", qps: 20, concurrency: 3 },
    "rdap.db.ripe.net": { address: "https://mirror.test/ripe", qps: 2.5 },
    "dual.test": { whois: "127.0.0.1:4345", rdap: "http://127.0.0.1:8081", concurrency: 1 },
    "::1": "127.0.0.1:43",
  });

  it("resolves port-43 hosts case-insensitively, with policies", () => {
    expect(map.whois("WHOIS.VERISIGN-GRS.COM")).toEqual({ host: "127.0.0.1", port: 4343 });
    expect(map.whois("whois.ripe.net")).toEqual({ host: "::1", port: 4344 });
    expect(map.whois("whois.ripe.net.")).toEqual({ host: "::1", port: 4344 });
    expect(map.whois("dual.test")).toEqual({ host: "127.0.0.1", port: 4345 });
    expect(map.policy("whois.ripe.net")).toEqual({ qps: 20, concurrency: 3 });
    expect(map.policy("dual.test")).toEqual({ concurrency: 1 });
    expect(map.policy("whois.verisign-grs.com")).toBeUndefined();
    expect(map.whois("whois.example.test")).toBeUndefined();
    expect(map.hosts()).toContain("whois.ripe.net");
    expect(map.size).toBe(6);
  });

  it("marks mapped targets explicit and passes unmapped ones through", () => {
    expect(map.resolveWhois("whois.verisign-grs.com")).toEqual({ host: "127.0.0.1", port: 4343, explicit: true });
    expect(map.resolveWhois("whois.nic.example", 4321)).toEqual({ host: "whois.nic.example", port: 4321, explicit: false });
    expect(map.resolveRdap("https://rdap.verisign.com/com/v1/domain/x.com")).toEqual({ url: "http://127.0.0.1:8080/verisign/com/v1/domain/x.com", explicit: true });
    expect(map.resolveRdap("https://rdap.example.test/domain/x")).toEqual({ url: "https://rdap.example.test/domain/x", explicit: false });
  });

  it.each([
    ["https://rdap.verisign.com/com/v1/domain/example.com", "http://127.0.0.1:8080/verisign/com/v1/domain/example.com"],
    ["https://RDAP.VERISIGN.COM:443/net/v1/domain/x.net", "http://127.0.0.1:8080/verisign/net/v1/domain/x.net"],
    ["https://dual.test/ip/1.2.3.4?x=1", "http://127.0.0.1:8081/ip/1.2.3.4?x=1"],
    ["https://dual.test/", "http://127.0.0.1:8081/"],
    ["https://rdap.db.ripe.net/autnum/3333", "https://mirror.test/ripe/autnum/3333"],
    ["http://[::1]/x", undefined],
    ["https://unmapped.test/domain/x", undefined],
    ["not a url", undefined],
  ])("rewrites %s → %s", (url, expected) => {
    expect(map.rdap(url)).toBe(expected);
  });

  it("accepts an empty map", () => {
    expect(loadServerMap({}).size).toBe(0);
  });

  it.each([
    [null, /expected a JSON object/],
    [[], /expected a JSON object/],
    ["127.0.0.1:43", /expected a JSON object/],
    [{ "a.test": "no-port" }, /"a\.test".*not host:port/],
    [{ "a.test": "host:0" }, /"a\.test".*not host:port/],
    [{ "a.test": "host:99999" }, /"a\.test".*not host:port/],
    [{ "a.test": "host:43 extra" }, /"a\.test"/],
    [{ "a.test": "" }, /"a\.test"/],
    [{ "a.test": 43 }, /"a\.test"/],
    [{ "a.test": ["127.0.0.1:43"] }, /"a\.test"/],
    [{ "a.test": "ftp://x.test/" }, /"a\.test".*http/],
    [{ "a.test": "http://user:pw@x.test/" }, /"a\.test".*credentials/],
    [{ "a.test": "http://x.test/?q=1" }, /"a\.test".*query or fragment/],
    [{ "a.test": "http://" }, /"a\.test".*not a valid URL/],
    [{ "a.test": { address: "h:1", qps: -1 } }, /"a\.test".*qps/],
    [{ "a.test": { address: "h:1", qps: "fast" } }, /"a\.test"/],
    [{ "a.test": { address: "h:1", concurrency: 1.5 } }, /"a\.test".*concurrency/],
    [{ "a.test": { whatever: 1 } }, /"a\.test"/],
    [{ "a.test": { qps: 1 } }, /"a\.test".*needs "whois", "rdap" or "address"/],
    [{ "a.test": { whois: "http://x.test/" } }, /"a\.test".*"whois" must be host:port/],
    [{ "a.test": { rdap: "127.0.0.1:80" } }, /"a\.test".*"rdap" must be an http/],
    [{ "a.test": { address: "h:1", whois: "h:2" } }, /"a\.test"/],
    [{ "https://a.test": "h:1" }, /"https:\/\/a\.test".*bare host name/],
    [{ "a.test/path": "h:1" }, /bare host name/],
    [{ "": "h:1" }, /bare host name/],
    [{ "a.test:43": "h:1" }, /"a\.test:43".*bare host name/],
    [{ "A.test": "h:1", "a.test": "h:2" }, /listed twice/],
  ])("rejects %j naming the problem", (input, message) => {
    expect(configError(() => loadServerMap(input)).message).toMatch(message);
  });

  it("never throws anything but a ConfigError on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        try {
          loadServerMap(value);
        } catch (error) {
          expect((error as WhoislensError).code).toBe("WL_ERR_CONFIG");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("ServerMap.withOverrides", () => {
  const base = loadServerMap({ "whois.verisign-grs.com": "127.0.0.1:4343", "rdap.verisign.com": "http://127.0.0.1:8080/v/" });

  it("-h/-p: the named host is explicit, on the given port, through its mapping when it has one", () => {
    const plain = ServerMap.empty({ host: "192.168.1.10", port: 4343 });
    expect(plain.resolveWhois("192.168.1.10")).toEqual({ host: "192.168.1.10", port: 4343, explicit: true });
    expect(plain.resolveWhois("whois.iana.org")).toEqual({ host: "whois.iana.org", port: 43, explicit: false });
    expect(ServerMap.empty({ host: "whois.example.test" }).resolveWhois("whois.example.test", 4444)).toEqual({ host: "whois.example.test", port: 4444, explicit: true });
    const mapped = base.withOverrides({ host: "whois.verisign-grs.com" });
    expect(mapped.resolveWhois("whois.verisign-grs.com")).toEqual({ host: "127.0.0.1", port: 4343, explicit: true });
    expect(base.withOverrides({ host: "whois.verisign-grs.com", port: 5000 }).whois("whois.verisign-grs.com")).toEqual({ host: "127.0.0.1", port: 5000 });
  });

  it("--rdap-url: URLs under the base are explicit; the map still rewrites its hosts", () => {
    const withBase = base.withOverrides({ rdapUrl: "http://10.0.0.5:8080/rdap" });
    expect(withBase.resolveRdap("http://10.0.0.5:8080/rdap/domain/x.com")).toEqual({ url: "http://10.0.0.5:8080/rdap/domain/x.com", explicit: true });
    expect(withBase.resolveRdap("http://10.0.0.5:8080/other/domain/x.com").explicit).toBe(false);
    expect(withBase.resolveRdap("https://rdap.verisign.com/com/v1/domain/x.com")).toEqual({ url: "http://127.0.0.1:8080/v/com/v1/domain/x.com", explicit: true });
  });

  it("leaves the original map unchanged and validates the flags", () => {
    base.withOverrides({ host: "x.test" });
    expect(base.resolveWhois("x.test").explicit).toBe(false);
    expect(configError(() => base.withOverrides({ port: 70000 })).message).toMatch(/--port/);
    expect(configError(() => base.withOverrides({ rdapUrl: "gopher://x" })).message).toMatch(/--rdap-url/);
  });
});
