import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { runCli } from "../helpers/cli.js";
import { decoyDataset, registryDataset, serveOnLoopback, type Running } from "./helpers.js";

// The real clients named in issue #15 read every served object back into the dataset's values, over
// both protocols where they speak both: GNU whois (Debian), Debian's python3-whois, the npm `whois`
// and `whoiser` packages, rdapper (RDAP), and our own `whoislens lookup` (port 43 and RDAP). Two worlds: the hand-written YAML registry
// (test/serve/fixtures/registry.yaml) and the built-in decoy set (TypeScript, another author's style).

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const GNU_WHOIS = "/usr/bin/whois";
const PYTHON_WHOIS = "/usr/lib/python3/dist-packages/whois/__init__.py";
const missing = (tool: string, path: string): string | false => (existsSync(path) ? false : `${tool} is missing: run scripts/ci-tools.sh`);

interface WorldCase {
  name: string;
  start: () => Promise<Running>;
  domain: { name: string; registrar: string; created: string; expires: string; nameservers: string[]; registrantEmail: string };
  ip: { query: string; cidr: string; netname: string; country: string };
  asn: { number: number; name: string };
  entity: { handle: string; name: string; email: string };
}

const WORLDS: WorldCase[] = [
  {
    name: "YAML registry",
    start: () => serveOnLoopback(registryDataset()),
    domain: { name: "widgets.example", registrar: "Test Registrar Inc.", created: "2015-06-01T12:00:00Z", expires: "2027-06-01T12:00:00Z", nameservers: ["ns1.widgets.example", "ns2.widgets.example"], registrantEmail: "alice@widgets.example" },
    ip: { query: "198.51.100.77", cidr: "198.51.100.0/24", netname: "WIDGETS-NET", country: "GB" },
    asn: { number: 64496, name: "WIDGETS-AS" },
    entity: { handle: "ALICE-TEST", name: "Alice Example", email: "alice@widgets.example" },
  },
  {
    name: "built-in decoy set",
    start: () => serveOnLoopback(decoyDataset()),
    domain: { name: "northwind-payroll.example", registrar: "Harbor Names LLC", created: "2019-04-11T08:21:09Z", expires: "2027-04-11T08:21:09Z", nameservers: ["ns1.northwind-payroll.example", "ns2.northwind-payroll.example"], registrantEmail: "dana.whitfield@northwind-payroll.example" },
    ip: { query: "192.0.2.200", cidr: "192.0.2.0/24", netname: "NORTHWIND-NET", country: "US" },
    asn: { number: 64500, name: "NORTHWIND-AS" },
    entity: { handle: "NP-DANA", name: "Dana Whitfield", email: "dana.whitfield@northwind-payroll.example" },
  },
];

const day = (iso: string): string => iso.slice(0, 10);

describe.each(WORLDS)("real clients read back the $name", (world) => {
  let server: Running;
  let work: string;
  beforeAll(async () => {
    server = await world.start();
    work = mkdtempSync(join(tmpdir(), "wl-serve-clients-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(missing("GNU whois", GNU_WHOIS))("GNU whois -h -p: domain, network, AS and contact", async () => {
    const ask = async (query: string): Promise<string> => (await run(GNU_WHOIS, ["-h", "127.0.0.1", "-p", String(server.whoisPort), query], { timeout: 20_000 })).stdout;
    const domain = await ask(world.domain.name);
    expect(domain).toContain(`Domain Name: ${world.domain.name.toUpperCase()}`);
    expect(domain).toContain(`Registrar: ${world.domain.registrar}`);
    expect(domain).toContain(`Creation Date: ${world.domain.created}`);
    expect(domain).toContain(`Registrant Email: ${world.domain.registrantEmail}`);
    for (const ns of world.domain.nameservers) expect(domain).toContain(`Name Server: ${ns.toUpperCase()}`);
    const network = await ask(world.ip.query);
    expect(network).toMatch(new RegExp(`netname:\\s+${world.ip.netname}`));
    const asn = await ask(`AS${world.asn.number}`);
    expect(asn).toMatch(new RegExp(`as-name:\\s+${world.asn.name}`));
    const entity = await ask(world.entity.handle);
    expect(entity).toMatch(new RegExp(`e-mail:\\s+${world.entity.email.replace(/\./g, "\\.")}`));
  });

  it.skipIf(missing("python3-whois", PYTHON_WHOIS))("python3-whois (its whois.query, through a PATH shim giving GNU whois -h/-p)", async () => {
    // python3-whois runs the `whois` command with the name only and has no host/port option, and it
    // refuses TLDs outside its table: a shim on PATH adds -h/-p, and the test maps .example to its
    // .com rules (the RAA 2013 layout, which is what .com registrars answer in).
    const shim = join(work, "whois");
    writeFileSync(shim, `#!/bin/sh\nexec ${GNU_WHOIS} -h 127.0.0.1 -p ${server.whoisPort} "$@"\n`);
    chmodSync(shim, 0o755);
    const script = [
      "import json, whois",
      "whois.TLD_RE['example'] = whois.TLD_RE['com']",
      `d = whois.query(${JSON.stringify(world.domain.name)}, force=1)`,
      "print(json.dumps({'name': d.name, 'registrar': d.registrar, 'created': str(d.creation_date), 'expires': str(d.expiration_date), 'ns': sorted(d.name_servers)}))",
    ].join("\n");
    const { stdout } = await run("/usr/bin/python3", ["-c", script], { env: { ...process.env, PATH: `${work}:${process.env.PATH ?? ""}` }, timeout: 30_000 });
    const parsed = JSON.parse(stdout) as { name: string; registrar: string; created: string; expires: string; ns: string[] };
    expect(parsed.name).toBe(world.domain.name);
    expect(parsed.registrar).toBe(world.domain.registrar);
    expect(parsed.created.replace(" ", "T")).toBe(world.domain.created.replace("Z", ""));
    expect(parsed.expires.replace(" ", "T")).toBe(world.domain.expires.replace("Z", ""));
    expect(parsed.ns).toEqual(world.domain.nameservers);
  });

  it("npm whois (lookup with server host:port) and whois-json's parse of it", async () => {
    const { lookup } = (await import("whois")) as { lookup: (q: string, o: object, cb: (e: Error | null, data: string) => void) => void };
    const ask = (query: string): Promise<string> => new Promise((resolve, reject) => lookup(query, { server: `127.0.0.1:${server.whoisPort}`, follow: 0, timeout: 10_000 }, (e, data) => (e ? reject(e) : resolve(data))));
    const text = await ask(world.domain.name);
    expect(text).toContain(`Registrar: ${world.domain.registrar}`);
    const whoisJson = require("whois-json") as (q: string, o: object) => Promise<Record<string, string>>;
    const parsed = await whoisJson(world.domain.name, { server: `127.0.0.1:${server.whoisPort}`, follow: 0 });
    expect(parsed.domainName?.toLowerCase()).toBe(world.domain.name);
    expect(parsed.registrar).toBe(world.domain.registrar);
    expect(parsed.creationDate).toBe(world.domain.created);
    expect(parsed.registrantEmail).toBe(world.domain.registrantEmail);
    expect(await ask(`AS${world.asn.number}`)).toMatch(new RegExp(`as-name:\\s+${world.asn.name}`));
  });

  it("whoiser (its port-43 client and its domain and RPSL parsers)", async () => {
    // whoiser's whoisDomain() has no port option (it asks IANA first): its exported query() takes one.
    const whoiser = require("whoiser") as { query: (o: { host: string; port: number; query: string }) => Promise<string> };
    const parsers = require("whoiser/src/parsers.js") as { parseDomainWhois: (d: string, raw: string) => Record<string, unknown>; parseSimpleWhois: (raw: string) => Record<string, unknown> };
    const raw = await whoiser.query({ host: "127.0.0.1", port: server.whoisPort, query: world.domain.name });
    const domain = parsers.parseDomainWhois(world.domain.name, raw);
    expect(String(domain["Domain Name"]).toLowerCase()).toBe(world.domain.name);
    expect(domain.Registrar).toBe(world.domain.registrar);
    expect(domain["Created Date"]).toBe(world.domain.created);
    expect(domain["Expiry Date"]).toBe(world.domain.expires);
    expect((domain["Name Server"] as string[]).map((ns) => ns.toLowerCase())).toEqual(world.domain.nameservers);
    const network = parsers.parseSimpleWhois(await whoiser.query({ host: "127.0.0.1", port: server.whoisPort, query: world.ip.query }));
    expect(network.netname).toBe(world.ip.netname);
    expect(network.country).toBe(world.ip.country);
  });

  it("rdapper (an npm RDAP client), given a bootstrap that sends .example to the server", async () => {
    const { lookup } = await import("rdapper");
    const bootstrap = { version: "1.0", publication: "2026-01-01T00:00:00Z", services: [[["example"], [server.rdapBase]]] };
    const result = await lookup(world.domain.name, { rdapOnly: true, customBootstrapData: bootstrap as never, timeoutMs: 10_000 });
    expect(result.ok).toBe(true);
    const record = result.record;
    expect(record?.registrar?.name).toBe(world.domain.registrar);
    expect(record?.creationDate).toBe(world.domain.created);
    expect(record?.expirationDate).toBe(world.domain.expires);
    expect(record?.nameservers?.map((ns) => ns.host)).toEqual(world.domain.nameservers);
    expect(record?.contacts?.find((c) => c.type === "registrant")?.email).toBe(world.domain.registrantEmail);
  });

  describe("whoislens lookup over port 43 and RDAP reads the same values", () => {
    const lookup = async (query: string, protocol: "whois" | "rdap"): Promise<WhoisRecord> => {
      const target = protocol === "whois" ? ["-h", "127.0.0.1", "-p", String(server.whoisPort)] : ["--rdap-url", server.rdapBase];
      const result = await runCli(["lookup", query, ...target, "--protocol", protocol, "--no-follow", "--no-cache", "--json"]);
      expect(result.stderr).toBe("");
      return JSON.parse(result.stdout) as WhoisRecord;
    };

    it.each(["whois", "rdap"] as const)("domain over %s", async (protocol) => {
      const record = await lookup(world.domain.name, protocol);
      expect(record.status).toBe("registered");
      expect(record.domain?.name).toBe(world.domain.name);
      expect(record.registrar?.name).toBe(world.domain.registrar);
      expect(day(record.dates?.created ?? "")).toBe(day(world.domain.created));
      expect(day(record.dates?.expires ?? "")).toBe(day(world.domain.expires));
      expect(record.nameservers?.map((ns) => ns.name)).toEqual(world.domain.nameservers);
      expect(record.contacts?.find((c) => c.roles.includes("registrant"))?.email).toBe(world.domain.registrantEmail);
    });

    it.each(["whois", "rdap"] as const)("network over %s", async (protocol) => {
      const record = await lookup(world.ip.query, protocol);
      expect(record.network?.name).toBe(world.ip.netname);
      expect(record.network?.country).toBe(world.ip.country);
      expect(record.network?.cidrs).toContain(world.ip.cidr);
    });

    it.each(["whois", "rdap"] as const)("AS number over %s", async (protocol) => {
      const record = await lookup(`AS${world.asn.number}`, protocol);
      expect(record.asn?.name).toBe(world.asn.name);
      expect(record.asn?.start).toBe(world.asn.number);
    });
  });
});
