import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { decoyDataset, REGISTRY_YAML, registryDataset, serveOnLoopback, type Running } from "./helpers.js";

// curl against our RDAP server, the way a user or a harvester script asks it: every RFC 9082 lookup path, the
// §3.2 searches (answered, 422 for a pattern we will not run — RFC 7480 §5.4 —, 501 for entity search, which we do
// not offer), HEAD, Accept negotiation (RFC 7480 §4.2: the answer is application/rdap+json whatever JSON type is
// asked), CORS (§5.6) and 404 with an RFC 9083 §6 error body for objects we do not hold. Two worlds.

const run = promisify(execFile);
const noCurl = existsSync("/usr/bin/curl") ? false : "curl is missing: run scripts/ci-tools.sh";

interface CurlAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One curl request; `-D -` puts the response headers before the body on stdout (`-I` prints them itself). */
async function curl(url: string, ...args: string[]): Promise<CurlAnswer> {
  const dump = args.includes("-I") ? [] : ["-D", "-"];
  const { stdout } = await run("/usr/bin/curl", ["-s", "-S", "--max-time", "10", ...dump, ...args, url], { timeout: 15_000 });
  const split = stdout.indexOf("\r\n\r\n");
  const head = stdout.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(head[0]?.split(" ")[1]), headers, body: stdout.slice(split + 4) };
}

const json = (answer: CurlAnswer): Record<string, unknown> => JSON.parse(answer.body) as Record<string, unknown>;

describe.skipIf(noCurl).each([
  { name: "YAML registry", dataset: registryDataset, domain: "widgets.example", ip: "198.51.100.7", autnum: "64496", entity: "ALICE-TEST", ns: "ns1.widgets.example", nsIp: "192.0.2.1", fnEntity: "Alice*" },
  { name: "decoy set", dataset: decoyDataset, domain: "northwind-payroll.example", ip: "192.0.2.200", autnum: "64500", entity: "NP-DANA", ns: "ns1.northwind-payroll.example", nsIp: "2001:db8:4e57::53", fnEntity: "Dana*" },
])("curl against our RDAP server: the $name", (world) => {
  let server: Running;
  beforeAll(async () => {
    server = await serveOnLoopback(world.dataset());
  });
  afterAll(async () => {
    await server.close();
  });

  const expectRdap = (answer: CurlAnswer, status: number): Record<string, unknown> => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toBe("application/rdap+json");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    const body = json(answer);
    expect(body.rdapConformance).toContain("rdap_level_0");
    return body;
  };

  it("every lookup path answers with rdapConformance, the RDAP media type and CORS", async () => {
    const paths: [string, string][] = [[`domain/${world.domain}`, "domain"], [`ip/${world.ip}`, "ip network"], [`autnum/${world.autnum}`, "autnum"], [`entity/${world.entity}`, "entity"], [`nameserver/${world.ns}`, "nameserver"]];
    for (const [path, objectClassName] of paths) expect(expectRdap(await curl(server.rdapBase + path), 200).objectClassName).toBe(objectClassName);
    expect(expectRdap(await curl(`${server.rdapBase}help`), 200).notices).toBeDefined();
  });

  it("HEAD (curl -I) answers the GET's status and headers without a body", async () => {
    const get = await curl(`${server.rdapBase}domain/${world.domain}`);
    const head = await curl(`${server.rdapBase}domain/${world.domain}`, "-I");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-type"]).toBe("application/rdap+json");
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(get.body));
    expect((await curl(`${server.rdapBase}domain/not-held.example`, "-I")).status).toBe(404);
  });

  it.each(["application/rdap+json", "application/json", "application/json;q=0.9, */*;q=0.1", "text/html"])("Accept: %s gets application/rdap+json", async (accept) => {
    expectRdap(await curl(`${server.rdapBase}domain/${world.domain}`, "-H", `Accept: ${accept}`), 200);
  });

  it("the RFC 9082 §3.2 searches: domains by name (a suffix too), name servers by name and by ip", async () => {
    const suffix = expectRdap(await curl(`${server.rdapBase}domains?name=*.example`), 200);
    expect((suffix.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName)).toContain(world.domain);
    const prefix = expectRdap(await curl(`${server.rdapBase}domains?name=${world.domain.slice(0, 4)}*`), 200);
    expect((prefix.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName)).toContain(world.domain);
    const byName = expectRdap(await curl(`${server.rdapBase}nameservers?name=${world.ns.slice(0, 4)}*`), 200);
    expect((byName.nameserverSearchResults as { ldhName: string }[]).map((n) => n.ldhName)).toContain(world.ns);
    const byIp = expectRdap(await curl(`${server.rdapBase}nameservers?ip=${world.nsIp}`), 200);
    expect((byIp.nameserverSearchResults as { ldhName: string }[]).map((n) => n.ldhName)).toEqual([world.ns]);
    expect(expectRdap(await curl(`${server.rdapBase}nameservers?ip=203.0.113.250`), 200).nameserverSearchResults).toEqual([]);
    expect(expectRdap(await curl(`${server.rdapBase}nameservers?ip=not-an-ip`), 400).errorCode).toBe(400);
  });

  it("a search we will not run is 422, entity search is 501, each with an RFC 9083 error body", async () => {
    for (const pattern of ["*", "*a", "a*b*"]) expect(expectRdap(await curl(`${server.rdapBase}domains?name=${encodeURIComponent(pattern)}`), 422).errorCode).toBe(422);
    for (const query of [`fn=${world.fnEntity}`, `handle=${world.entity.slice(0, 3)}*`]) {
      const answer = expectRdap(await curl(`${server.rdapBase}entities?${query}`), 501);
      expect(answer.errorCode).toBe(501);
      expect(answer.title).toBe("Not Implemented");
    }
    // Logged as what they are: the query log shows the refused searches.
    expect(server.log.entries.filter((e) => e.query.startsWith("/entities")).map((e) => e.outcome)).toEqual(["bad-request", "bad-request"]);
  });

  it.each(["domain/not-held.com", "ip/203.0.113.9", "autnum/15169", "entity/NOBODY-1", "nameserver/ns.not-held.com"])("%s, not held, is 404 with an error body", async (path) => {
    const body = expectRdap(await curl(server.rdapBase + path), 404);
    expect(body.errorCode).toBe(404);
    expect(body.title).toBe("Not Found");
  });
});

describe.skipIf(noCurl)("RFC 7480 §5.2 redirects for objects not held (serve --rdap-redirect)", () => {
  let front: Running;
  let other: Running;
  beforeAll(async () => {
    // The second world (the decoy set) stands in for the server that holds what the first does not.
    other = await serveOnLoopback(decoyDataset());
    front = await serveOnLoopback(registryDataset(), { rdapRedirect: other.rdapBase });
  });
  afterAll(async () => {
    await front.close();
    await other.close();
  });

  it.each([
    ["domain/northwind-payroll.example", "domain"],
    ["ip/192.0.2.200", "ip network"],
    ["ip/2001:db8:4e57::/48", "ip network"],
    ["autnum/64500", "autnum"],
    ["entity/NP-DANA", "entity"],
    ["nameserver/ns1.northwind-payroll.example", "nameserver"],
  ])("%s: 302 to the same path on the other server, which curl -L follows", async (path, objectClassName) => {
    const redirect = await curl(front.rdapBase + path);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(other.rdapBase + path);
    expect(JSON.parse(redirect.body)).toMatchObject({ errorCode: 302 });
    const followed = await curl(front.rdapBase + path, "-L");
    expect(JSON.parse(followed.body.slice(followed.body.lastIndexOf("\r\n\r\n") + 4))).toMatchObject({ objectClassName });
  });

  it("objects held are answered here; searches, help and bad requests are never redirected; the Location holds only the encoded key", async () => {
    expect((await curl(`${front.rdapBase}domain/widgets.example`)).status).toBe(200);
    expect((await curl(`${front.rdapBase}domains?name=zz*`)).status).toBe(200);
    expect((await curl(`${front.rdapBase}autnum/notanumber`)).status).toBe(400);
    const odd = await curl(`${front.rdapBase}entity/A%20Location:%20evil`);
    expect(odd.status).toBe(302);
    expect(odd.headers.location).toBe(`${other.rdapBase}entity/A%20Location%3A%20evil`);
    // A control character is a malformed query (RFC 7480 §5.4): 400 here, never a Location carrying CR LF (w24).
    const injected = await curl(`${front.rdapBase}entity/A%0D%0ALocation:%20evil`);
    expect(injected.status).toBe(400);
    expect(injected.headers.location).toBeUndefined();
    expect(front.log.entries.filter((e) => e.query.startsWith("/domain/northwind")).every((e) => e.outcome === "not-found")).toBe(true);
  });
});

it.each(["ftp://rdap.example/", "not a url", "https://rdap.example/?x=1", "https://user:pw@rdap.example/"])("serve --rdap-redirect %s is refused before anything listens", async (url) => {
  const result = await runCli(["serve", "--dataset", REGISTRY_YAML, "--whois-port", "0", "--rdap-port", "0", "--rdap-redirect", url]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/--rdap-redirect: .*(is not a URL|must be an http\(s\) base URL)/);
});
