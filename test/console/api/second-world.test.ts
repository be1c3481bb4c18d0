import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bootstrap, loadServerMap } from "../../../src/servers/index.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../../helpers/servers.js";
import { runCli } from "../../helpers/cli.js";
import { startTestConsole, type TestConsole } from "./helpers.js";

/**
 * A second world, not the sandbox: bare loopback servers answering with real registry answers read
 * from ../shared/corpus at test time (DENIC's port 43 for google.de, ARIN's RDAP for
 * 2001:4860:4860::8888) and the real IANA bootstrap from the same corpus, served through the console's
 * lookup route over both protocols.
 */
const CORPUS = new URL("../../../../shared/corpus/", import.meta.url);
const have = existsSync(new URL("whois/lx__whois.denic.de__google.de.txt", CORPUS)) && existsSync(new URL("rdap/rdap-ipwhois__rdap.arin.net__2001_4860_4860__8888.rdap.json", CORPUS));
if (!have) console.warn("skipping the console's second-world tests: ../shared/corpus is absent");

describe.skipIf(!have)("console API: lookups in a second world (real answers from the shared corpus)", () => {
  let whois: TestServer;
  let rdap: TestServer;
  let c: TestConsole;
  let mapFile: string;
  const asked: string[] = [];
  beforeAll(async () => {
    const denic = readFileSync(new URL("whois/lx__whois.denic.de__google.de.txt", CORPUS));
    const arin = readFileSync(new URL("rdap/rdap-ipwhois__rdap.arin.net__2001_4860_4860__8888.rdap.json", CORPUS));
    whois = await tcpServer(whoisResponder((query) => {
      asked.push(`whois ${query}`);
      return /google\.de/i.test(query) ? denic : "% Error: 55000000002 Connection refused; access control limit reached.\r\n";
    }));
    rdap = await httpServer((request, response) => {
      asked.push(`rdap ${request.url}`);
      if (/\/ip\/2001:4860:4860::8888$/.test(decodeURIComponent(request.url ?? ""))) {
        response.writeHead(200, { "content-type": "application/rdap+json" });
        response.end(arin);
      } else {
        response.writeHead(404, { "content-type": "application/rdap+json" });
        response.end('{"errorCode":404}');
      }
    });
    const serverMap = { "whois.denic.de": `127.0.0.1:${whois.port}`, "rdap.arin.net": `http://127.0.0.1:${rdap.port}/` };
    mapFile = join(mkdtempSync(join(tmpdir(), "wl-console-second-")), "servers.json");
    writeFileSync(mapFile, JSON.stringify(serverMap));
    c = await startTestConsole({
      sandbox: false,
      dns: false,
      lookup: {
        servers: loadServerMap(serverMap),
        bootstrap: Bootstrap.load(new URL("iana-bootstrap", CORPUS).pathname),
        mappedOnly: true,
        cache: undefined,
      },
    });
  });
  afterAll(async () => {
    await c?.close();
    await whois?.close();
    await rdap?.close();
    if (mapFile) rmSync(dirname(mapFile), { recursive: true, force: true });
  });

  /** A record as JSON with its clock readings (fetchedAt, durationMs) left out: what two runs of one lookup share. */
  const withoutTimes = (record: unknown): unknown => JSON.parse(JSON.stringify(record, (key, value: unknown) => (key === "fetchedAt" || key === "durationMs" ? undefined : value)));

  const lookup = async (body: object) => {
    const response = await c.api("/api/lookup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  it("port 43: DENIC's answer for google.de, its raw text in the hop", async () => {
    const { status, json } = await lookup({ query: "google.de", protocol: "whois" });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.record).toMatchObject({ kind: "domain", status: "registered", domain: { name: "google.de" } });
    expect(json.record.nameservers.map((n: { name: string }) => n.name)).toContain("ns1.google.com");
    expect(json.hops).toHaveLength(1);
    expect(json.hops[0]).toMatchObject({ server: "whois.denic.de", protocol: "whois" });
    expect(json.hops[0].raw).toContain("Nserver: ns1.google.com");
    expect(asked.some((q) => q.startsWith("whois ") && q.includes("google.de"))).toBe(true);
  });

  it("RDAP: ARIN's answer for 2001:4860:4860::8888, found through the real IANA bootstrap", async () => {
    const { status, json } = await lookup({ query: "2001:4860:4860::8888", protocol: "rdap" });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.record.kind).toBe("ip");
    expect(json.record.network).toMatchObject({ handle: "NET6-2001-4860-1", name: "GOOGLE-IPV6", organization: "Google Inc." });
    expect(json.record.network.startAddress).toMatch(/^2001:4860:0*:/);
    expect(json.hops[0]).toMatchObject({ server: "rdap.arin.net", protocol: "rdap" });
    expect(JSON.parse(json.hops[0].raw).objectClassName).toBe("ip network");
  });

  it("a server that refuses: a record the CLI would report the same way, or its error code — never a hang or a 500", async () => {
    const { status, json } = await lookup({ query: "git.de", protocol: "whois", fresh: true });
    expect([200, 502, 503]).toContain(status);
    if (status !== 200) return expect(json.error.code).toMatch(/^WL_ERR_/);
    // A 200 carries the refusal as a record: throttled, from the server that refused, its text kept in the hop.
    expect(json.record).toMatchObject({ query: "git.de", kind: "domain", status: "throttled", source: { protocol: "whois", server: "whois.denic.de" } });
    expect(json.hops).toEqual([expect.objectContaining({ server: "whois.denic.de", protocol: "whois", status: "throttled", raw: expect.stringContaining("access control limit reached") })]);
    expect(asked).toContainEqual(expect.stringMatching(/^whois .*\bgit\.de$/));
    // The CLI, asked the same thing of the same servers, reports the same record.
    const cli = await runCli(["lookup", "git.de", "--protocol", "whois", "--servers", mapFile, "--servers-only", "--bootstrap-dir", new URL("iana-bootstrap", CORPUS).pathname, "--no-cache", "--json"]);
    expect(cli.code, cli.stderr).toBe(4); // README's exit codes: 4, throttled
    expect(withoutTimes(JSON.parse(cli.stdout))).toEqual(withoutTimes(json.record));
  });
});
