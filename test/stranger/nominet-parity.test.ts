import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startNominetWorld, type NominetWorld } from "../fixtures/nominet-world/start.js";

/**
 * A world we did not write in our style (issue #13, w23-huntlookup): a Nominet-style .uk registry in Python
 * (test/fixtures/nominet-world/world.py, its layouts cited there). `lookup`, `bulk` and `audit` must say the
 * same things over port 43 and RDAP where both answers carry them.
 */
let world: NominetWorld;
let map: string;
let dir: string;

beforeAll(async () => {
  world = await startNominetWorld();
  ({ map, dir } = world);
});
afterAll(() => world.stop());

const PROTOCOLS = ["whois", "rdap"] as const;

describe("a Nominet-style .uk registry over port 43 and RDAP", () => {
  it("lookup: the same registrar, dates, name servers and status either way", async () => {
    const seen = [];
    for (const protocol of PROTOCOLS) {
      const run = await runCli(["lookup", "widgets-example.co.uk", "--servers", map, "--servers-only", "--protocol", protocol, "--no-cache", "--json"]);
      expect(run.code).toBe(0);
      const record = JSON.parse(run.stdout) as { status: string; registrar: unknown; dates: unknown; nameservers: { name: string }[]; source: { protocol: string } };
      expect(record.source.protocol).toBe(protocol);
      seen.push({ status: record.status, registrar: record.registrar, dates: record.dates, nameservers: record.nameservers.map((ns) => ns.name) });
    }
    expect(seen[0]).toEqual({
      status: "registered",
      registrar: { handle: "EXAMPLE-REG", name: "Example Registrar Ltd", url: "https://www.example-registrar.co.uk" },
      dates: { created: "1996-11-26T00:00:00Z", expires: "2027-11-26T00:00:00Z", updated: "2025-10-25T00:00:00Z" },
      nameservers: ["ns1.widgets-dns.example", "ns2.widgets-dns.example"],
    });
    expect(seen[1]).toEqual(seen[0]);
  });

  it("bulk: the same rows either way, an unregistered name available", async () => {
    const input = join(dir, "names.txt");
    writeFileSync(input, "widgets-example.co.uk\nnothere-example.co.uk\n");
    const rows = [];
    for (const protocol of PROTOCOLS) {
      const run = await runCli(["bulk", input, "--servers", map, "--servers-only", "--protocol", protocol, "--no-cache", "--store", join(dir, `${protocol}.db`)]);
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { query: string; record: { status: string; registrar?: { name: string }; dates?: { expires?: string } } });
      rows.push(lines.map((l) => [l.query, l.record.status, l.record.registrar?.name, l.record.dates?.expires]).sort());
    }
    expect(rows[0]).toEqual([
      ["nothere-example.co.uk", "available", undefined, undefined],
      ["widgets-example.co.uk", "registered", "Example Registrar Ltd", "2027-11-26T00:00:00Z"],
    ]);
    expect(rows[1]).toEqual(rows[0]);
  });

  it("audit: the same findings, but for DNSSEC, which only the RDAP answer states", async () => {
    const ids = [];
    for (const protocol of PROTOCOLS) {
      const run = await runCli(["audit", "widgets-example.co.uk", "--servers", map, "--servers-only", "--protocol", protocol, "--no-cache", "--no-ns-check", "--format", "json", "--as-of", "2026-12-07"]);
      ids.push(((JSON.parse(run.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id)).sort());
    }
    expect(ids[1]).toEqual([...ids[0]!, "WL-AUDIT-DNSSEC-UNSIGNED"].sort());
  });
});
