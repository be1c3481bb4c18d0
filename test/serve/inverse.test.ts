import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactPlanter, QueryLogEntry } from "../../src/serve/contract.js";
import { parseWhoisQuery } from "../../src/serve/query.js";
import { watchQueryLogs } from "../../src/serve/watchdog/index.js";
import { runCli } from "../helpers/cli.js";
import { decoyDataset, rdapGet, registryDataset, serveOnLoopback, whoisRaw, type Running } from "./helpers.js";

// RPSL inverse queries (RIPE Database Query Reference Manual, "Inverse Queries": `-i attribute[,attribute] key`,
// `-r` for no referenced persons and roles) and the RDAP entity's networks/autnums (RFC 9083 §5.1). Before this,
// `serve` dropped `-i` and looked the key up as a handle: a harvester's `-i org` (and our own footprint's) found
// nothing, so the decoy looked like no registry at all, and footprint over port 43 missed what RDAP found.

const run = promisify(execFile);
const GNU_WHOIS = "/usr/bin/whois";

describe("parseWhoisQuery reads -i and -r", () => {
  it.each([
    ["-r -i org ORG-X1", { type: "inverse", attributes: ["org"], value: "ORG-X1", referenced: false }],
    ["-i admin-c,tech-c NP-OPS", { type: "inverse", attributes: ["admin-c", "tech-c"], value: "NP-OPS", referenced: true }],
    ["-rB -i mnt-by ACME-MNT", { type: "inverse", attributes: ["mnt-by"], value: "ACME-MNT", referenced: false }],
    ["--no-referenced --inverse nserver ns1.acme.example", { type: "inverse", attributes: ["nserver"], value: "ns1.acme.example", referenced: false }],
    ["-B -T inetnum -i ORG org-x1", { type: "inverse", attributes: ["org"], value: "org-x1", referenced: true, types: ["inetnum"] }],
  ])("%s", (line, expected) => {
    expect(parseWhoisQuery(line)).toEqual(expected);
  });

  it("refuses attributes that are not inverse keys, as RIPE does (%ERROR:104 / 105)", () => {
    expect(parseWhoisQuery("-i netname X")).toMatchObject({ type: "bad", code: "notSearchable" });
    expect(parseWhoisQuery("-i colour X")).toMatchObject({ type: "bad", code: "unknownAttribute" });
  });

  it("-r on a query without -i is kept: the referenced objects are left out there too (RIPE)", () => {
    expect(parseWhoisQuery("-r 192.0.2.1")).toEqual({ type: "ip", value: "192.0.2.1", options: { referenced: false } });
  });
});

describe("inverse queries on the decoy set", () => {
  let server: Running;
  beforeAll(async () => {
    server = await serveOnLoopback(decoyDataset());
  });
  afterAll(() => server.close());

  const objects = (text: string, cls: string): string[] => [...text.matchAll(new RegExp(`^${cls}:\\s+(.+)$`, "gm"))].map((m) => m[1] ?? "");

  it("-r -i org lists the organisation's networks and AS numbers, no persons, and counts no personal data", async () => {
    const text = await whoisRaw(server.whoisPort, "-r -i org NORTHWIND-ORG");
    expect(objects(text, "inetnum")).toEqual(["192.0.2.0 - 192.0.2.255"]);
    expect(objects(text, "inet6num")).toEqual(["2001:db8:4e57::/48"]);
    expect(objects(text, "aut-num")).toEqual(["AS64500"]);
    expect(objects(text, "person")).toEqual([]);
    expect(server.log.entries.at(-1)).toMatchObject({ query: "-r -i org NORTHWIND-ORG", objectType: "search", outcome: "answered", personalObjects: 0, decoy: true });
  });

  it("without -r the persons and roles named follow once each, and count against the personal-data quota", async () => {
    const text = await whoisRaw(server.whoisPort, "-i admin-c NP-DANA");
    expect(objects(text, "domain").sort()).toEqual(["northwind-payroll.example", "northwind-vpn.example"]);
    expect(objects(text, "aut-num")).toEqual(["AS64500"]);
    expect(objects(text, "person")).toEqual(["Dana Whitfield"]);
    expect(objects(text, "organisation")).toEqual(["NORTHWIND-ORG"]);
    // Dana, the NOC role and the abuse role: three personal objects across five answers, each counted once.
    expect(server.log.entries.at(-1)).toMatchObject({ objectType: "search", personalObjects: 3 });
  });

  it("-i person (pn) is admin-c, tech-c and zone-c at once, as RIPE reads it", async () => {
    const keys = (text: string): string[] => [...text.matchAll(/^(?:domain|inetnum|inet6num|aut-num):\s+(.+)$/gm)].map((m) => m[1] ?? "").sort();
    const combined = keys(await whoisRaw(server.whoisPort, "-r -i admin-c,tech-c,zone-c NP-OPS"));
    expect(combined.length).toBeGreaterThan(3);
    expect(keys(await whoisRaw(server.whoisPort, "-r -i pn NP-OPS"))).toEqual(combined);
    expect(keys(await whoisRaw(server.whoisPort, "-r -i person NP-OPS"))).toEqual(combined);
  });

  it("-i nserver finds the domains delegated to a name server", async () => {
    const text = await whoisRaw(server.whoisPort, "-r -i nserver NS1.NORTHWIND-PAYROLL.EXAMPLE.");
    expect(objects(text, "domain").sort()).toEqual(["northwind-hr.example", "northwind-payroll.example", "northwind-vpn.example"]);
  });

  it("answers RIPE's error lines for a key nothing names and for attributes it does not search", async () => {
    expect(await whoisRaw(server.whoisPort, "-i mnt-by NOBODY-MNT")).toMatch(/^%ERROR:101: no entries found/);
    expect(await whoisRaw(server.whoisPort, "-i netname NORTHWIND-NET")).toMatch(/^%ERROR:105: attribute is not searchable/);
    expect(await whoisRaw(server.whoisPort, "-i colour red")).toMatch(/^%ERROR:104: unknown attribute/);
  });

  it.skipIf(!existsSync(GNU_WHOIS) && "GNU whois is missing: run scripts/ci-tools.sh")("GNU whois sends the flags through (whois -h -p -r -i org)", async () => {
    const { stdout } = await run(GNU_WHOIS, ["-h", "127.0.0.1", "-p", String(server.whoisPort), "-r", "-i", "org", "NORTHWIND-ORG"], { timeout: 20_000 });
    expect(objects(stdout, "aut-num")).toEqual(["AS64500"]);
  });

  it("the RDAP entity of an organisation lists its networks and autnums without their contacts", async () => {
    const { status, body } = await rdapGet(server.rdapBase, "entity/NORTHWIND-ORG");
    expect(status).toBe(200);
    const networks = body.networks as { handle: string; entities?: unknown }[];
    expect(networks.map((n) => n.handle).sort()).toEqual(["NET-NORTHWIND-1", "NET6-NORTHWIND-1"]);
    expect(networks.every((n) => n.entities === undefined)).toBe(true);
    expect((body.autnums as { handle: string }[]).map((a) => a.handle)).toEqual(["AS64500"]);
    const person = await rdapGet(server.rdapBase, "entity/NP-DANA");
    expect(person.body.networks).toBeUndefined();
  });
});

describe("footprint reaches the same resources from our server over both protocols", () => {
  // A second world in another author's style: the YAML registry of test/serve/fixtures beside the decoy set.
  const worlds = [
    { name: "decoy set", dataset: decoyDataset, seed: "192.0.2.10", expect: ["2001:db8:4e57::/48", "AS64500"] },
    { name: "YAML registry", dataset: registryDataset, seed: "198.51.100.77", expect: [] as string[] },
  ];
  it.each(worlds)("$name: -h over port 43 and --rdap-url over RDAP", async (world) => {
    const server = await serveOnLoopback(world.dataset());
    // -h 127.0.0.1 -p is the point here (a server known by address only), so no --servers-only; the registrar
    // referrals the datasets print are mapped back to the same server, so nothing can leave loopback.
    const dir = mkdtempSync(join(tmpdir(), "wl-inverse-fp-"));
    const mapFile = join(dir, "servers.json");
    const here = `127.0.0.1:${server.whoisPort}`;
    writeFileSync(mapFile, JSON.stringify({ "whois.harbor-names.example": here, "whois.registrar.example": here, "whois.iana.org": here, "whois.arin.net": here }));
    try {
      const common = [world.seed, "--no-dns", "--no-store", "--no-cache", "--format", "json", "--servers", mapFile];
      const port43 = await runCli(["footprint", ...common, "--protocol", "whois", "-h", "127.0.0.1", "-p", String(server.whoisPort)]);
      const rdap = await runCli(["footprint", ...common, "--protocol", "rdap", "--rdap-url", server.rdapBase]);
      expect(port43.code, port43.stderr).toBe(0);
      expect(rdap.code, rdap.stderr).toBe(0);
      const resources = (out: string): string[] =>
        (JSON.parse(out) as { nodes: { type: string; value: string }[] }).nodes.filter((n) => n.type === "network" || n.type === "asn").map((n) => n.value).sort();
      expect(resources(port43.stdout)).toEqual(resources(rdap.stdout));
      for (const value of world.expect) expect(resources(port43.stdout)).toContain(value);
      if (world.expect.length > 0) expect(server.log.entries.some((e) => e.query.startsWith("-r -i org "))).toBe(true);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("serve-inverse-pivoting (query-log rule)", () => {
  const entry = (source: string, second: number, query: string, objectType: QueryLogEntry["objectType"]): string =>
    JSON.stringify({ ts: new Date(Date.UTC(2026, 11, 7, 5, 0, second)).toISOString(), protocol: "whois", source, sourceKey: source, query, objectType, outcome: "answered", personalObjects: 0, decoy: false, bytes: 900, durationMs: 1 } satisfies QueryLogEntry);

  it("fires for a source pivoting through five inverse queries, not for four nor for plain lookups", async () => {
    const pivots = ["-r -i org ORG-A1", "-r -i mnt-by A-MNT", "-r -i admin-c,tech-c NOC-A", "-r -i org ORG-B2", "-r -i mnt-by B-MNT"];
    const lines = [
      ...pivots.map((query, i) => entry("203.0.113.50", i * 30, query, "search")),
      ...pivots.slice(0, 4).map((query, i) => entry("203.0.113.51", i * 30, query, "search")),
      ...Array.from({ length: 8 }, (_, i) => entry("203.0.113.52", i * 20, `192.0.2.${i + 1}`, "ip")),
    ];
    const dir = mkdtempSync(join(tmpdir(), "wl-inverse-log-"));
    const path = join(dir, "serve-queries.ndjson");
    writeFileSync(path, `${lines.join("\n")}\n`);
    try {
      const { alerts } = await watchQueryLogs([path]);
      const pivoting = alerts.filter((a) => a.ruleId === "serve-inverse-pivoting");
      expect(pivoting.map((a) => a.source.ip)).toEqual(["203.0.113.50"]);
      expect(pivoting[0]?.reasons[0]).toMatch(/^5 queries of type search within 900 s/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("canaries in an inverse answer", () => {
  it("one planted set per answer, shown in every decoy person and role, and only that set logged", async () => {
    const calls: string[] = [];
    const planter: ContactPlanter = {
      plant: async (objectKey) => {
        calls.push(objectKey);
        return { name: `Canary ${calls.length}`, email: `c${calls.length}@trap.example`, phone: "+1.5550001234", ids: [`cn-${calls.length}-email`] };
      },
    };
    const server = await serveOnLoopback(decoyDataset(), { planter });
    try {
      const text = await whoisRaw(server.whoisPort, "-i admin-c NP-DANA");
      expect(calls).toHaveLength(1);
      expect([...text.matchAll(/^e-mail:\s+(\S+)$/gm)].map((m) => m[1]).filter((mail) => mail?.endsWith("@trap.example"))).toEqual(["c1@trap.example", "c1@trap.example", "c1@trap.example"]);
      expect(text).not.toContain("dana.whitfield");
      expect(server.log.entries.at(-1)?.canaries).toEqual(["cn-1-email"]);
      // -r shows no person: nothing is planted.
      await whoisRaw(server.whoisPort, "-r -i admin-c NP-DANA");
      expect(calls).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
