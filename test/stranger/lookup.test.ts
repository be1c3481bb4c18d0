import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { BIN, runNode } from "../helpers/built-cli.js";
import { startPythonWorld, type PythonWorld } from "./python-world.js";

/**
 * `whoislens lookup` as a user runs it (the built CLI, --servers and --bootstrap-dir as the README documents)
 * against the stranger's Python world (test/fixtures/python-world/world.py): servers written apart from ours,
 * in the habits of real ones — a CRLF-strict IANA whose refer: is upper case with a trailing dot, a thin
 * registry writing in pieces and referring as whois://HOST:4343/, a Latin-1 registrar with \r\r\n line ends,
 * DENIC's -T dn,ace, and an RDAP server with plain application/json, chunked bodies, a relative related link,
 * a 301 to another port, a 429 whose Retry-After is an HTTP date and a 404 with an error body.
 */
let world: PythonWorld;
let whoisMap: string;
let rdapMap: string;
let bootstrapDir: string;
const env = (): NodeJS.ProcessEnv => ({ WHOISLENS_CACHE_DIR: join(world.dir, "cache"), XDG_CONFIG_HOME: join(world.dir, "no-config") });

beforeAll(async () => {
  world = await startPythonWorld();
  const at = (name: string): string => `127.0.0.1:${world.ports[name]}`;
  whoisMap = world.map("whois.json", { "whois.iana.org": at("iana"), "whois.nic.alpha": at("alpha"), "whois.registrar.test": at("registrar"), "whois.denic.de": at("denic"), "whois.nic.beta": at("beta") });
  rdapMap = world.map("rdap.json", { "rdap.nic.gamma": `http://${at("rdap")}/`, "rdap.moved.gamma": `http://${at("rdapMoved")}/` });
  bootstrapDir = join(world.dir, "bootstrap");
  mkdirSync(bootstrapDir);
  writeFileSync(join(bootstrapDir, "dns.json"), JSON.stringify({ version: "1.0", publication: "2026-01-01T00:00:00Z", services: [[["gamma"], ["https://rdap.nic.gamma/rdap/"]]] }));
}, 20_000);
afterAll(() => world?.stop());

async function lookup(query: string, ...flags: string[]): Promise<{ code: number; record: WhoisRecord; stderr: string }> {
  const run = await runNode([BIN, "lookup", query, "--json", "--no-cache", "--servers-only", ...flags], env());
  return { code: run.code, record: (run.stdout.trim() === "" ? {} : JSON.parse(run.stdout)) as WhoisRecord, stderr: run.stderr };
}
const whois = (query: string): ReturnType<typeof lookup> => lookup(query, "--protocol", "whois", "--servers", whoisMap);
const rdap = (query: string): ReturnType<typeof lookup> => lookup(query, "--protocol", "rdap", "--servers", rdapMap, "--bootstrap-dir", bootstrapDir);

describe("port 43, the stranger's servers", () => {
  it("IANA's upper-case, dot-ended refer:, a registry in pieces, its whois://HOST:4343/ referral and a Latin-1 \\r\\r\\n registrar", async () => {
    const { code, record } = await whois("example.alpha");
    expect(code).toBe(0);
    expect(record.chain?.map((hop) => [hop.server, hop.status])).toEqual([
      ["whois.iana.org", "registered"],
      ["whois.nic.alpha", "registered"],
      ["whois.registrar.test", "registered"],
    ]);
    expect(record.registrar).toMatchObject({ name: "Stranger Registrar, Inc.", ianaId: "9999" });
    expect(record.dates?.created).toBe("2003-08-01T12:00:00Z");
    expect(record.nameservers?.map((ns) => ns.name).sort()).toEqual(["ns1.stranger-dns.net", "ns2.dns-host.net"]);
    const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant).toMatchObject({ name: "José Müller", organization: "Société Étrange SARL", city: "Besançon", email: "jose@etrange.example" });
  }, 20_000);

  it("DENIC's server answers only a query carrying -T dn,ace (its 'Invalid query' otherwise)", async () => {
    const { code, record } = await whois("stranger.de");
    expect(code).toBe(0);
    expect(record.status).toBe("registered");
    expect(record.chain?.[0]?.query).toBe("-T dn,ace stranger.de");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.denic-host.de", "ns2.denic-host.de"]);
  }, 20_000);

  it("an RPSL-style registry behind IANA: holder and dates from `key: value` lines", async () => {
    const { code, record } = await whois("thing.beta");
    expect(code).toBe(0);
    expect(record.chain?.map((hop) => hop.server)).toEqual(["whois.iana.org", "whois.nic.beta"]);
    expect(record.dates).toMatchObject({ created: "2011-03-04T00:00:00Z", expires: "2031-03-04T00:00:00Z" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.beta-host.net", "ns2.beta-host.net"]);
  }, 20_000);
});

describe("RDAP, the stranger's server", () => {
  // The server writes its own address (127.0.0.1:port) in links and in its relative related href's context:
  // a link to a --servers target is that mapped server, not a host outside the map (it was refused:
  // "127.0.0.1 is not in the --servers map (mapped-only mode)", and the registrar's record was lost).
  it("plain application/json, chunked; a relative related link to the registrar's RDAP, followed under --servers-only", async () => {
    const { code, record } = await rdap("thing.gamma");
    expect(code).toBe(0);
    expect(record.status).toBe("registered");
    expect(record.chain?.map((hop) => [hop.url, hop.status])).toEqual([
      ["https://rdap.nic.gamma/rdap/domain/thing.gamma", "registered"],
      [`http://127.0.0.1:${world.ports.rdap}/rdap/registrar/domain/thing.gamma`, "registered"],
    ]);
    expect(record.registrar).toMatchObject({ name: "Gamma Registrar GmbH", ianaId: "4242", abuseEmail: "abuse@gamma-registrar.example" });
    expect(record.dates).toEqual({ created: "2005-05-05T05:05:05Z", updated: "2025-01-02T03:04:05Z", expires: "2031-05-05T05:05:05Z" });
    const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
    // jCard ORG is structured (name; units): the organization is its name, not "Stranger Holdings Ltd Domains".
    expect(registrant).toMatchObject({ name: "Kim Stranger", organization: "Stranger Holdings Ltd", street: ["4 Quay Street", "Floor 2"], city: "Harbour Town", postalCode: "9999" });
  }, 20_000);

  it("a 301 to another port that the --servers map names is followed under --servers-only", async () => {
    const { code, record } = await rdap("moved1.gamma");
    expect(code).toBe(0);
    expect(record.status).toBe("registered");
    expect(record.domain?.name).toBe("moved1.gamma");
  }, 20_000);

  it("a 429 whose Retry-After is an HTTP date is waited out and asked again; a 404 with an error body is 'available'", async () => {
    const busy = await rdap("busy1.gamma");
    expect(busy.code).toBe(0);
    expect(busy.record.status).toBe("registered");
    const free = await rdap("free1.gamma");
    expect(free.record.status).toBe("available");
    const stats = await world.stats();
    expect(stats.rdap?.repeated).toContain("/rdap/domain/busy1.gamma");
  }, 20_000);
});
