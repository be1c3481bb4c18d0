import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { buildWorld } from "../watchdog/world.js";

const SPECS = join(import.meta.dirname, "../../../../shared/specs/stix2.1");
const dir = mkdtempSync(join(tmpdir(), "wl-sightings-"));
const log = join(dir, "serve-queries.ndjson");
const world = buildWorld();
// plus a decoy hit from IPv6 and a hostile one
const extra = [
  JSON.stringify({ ts: "2026-12-01T11:00:00.000Z", protocol: "rdap", source: "2001:db8:77::5", sourceKey: "2001:db8:77::/64", query: "/rdap/domain/quiet-harbor-holdings.test", objectType: "domain", objectKey: "quiet-harbor-holdings.test", outcome: "answered", personalObjects: 1, decoy: true, bytes: 1, durationMs: 1 }),
  JSON.stringify({ ts: "2026-12-01T11:00:01.000Z", protocol: "whois", source: "198.51.100.66", sourceKey: "198.51.100.66", query: "x", objectType: "domain", objectKey: "evil\u001b[31m'];alert(1)//.test", outcome: "answered", personalObjects: 1, decoy: true, bytes: 1, durationMs: 1 }),
];
writeFileSync(log, `${[...world.lines, ...extra].join("\n")}\n`);

interface Bundle { type: string; id: string; objects: (Record<string, unknown> & { type: string; id: string })[] }

async function bundle(): Promise<Bundle> {
  const run = await runCli(["canary", "sightings", log, "--created", "2026-12-02T00:00:00Z"]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Bundle;
}

describe("canary sightings (STIX 2.1)", () => {
  it("one sighting per source that was served a decoy, with its indicator and observed-data, sighted by the decoy server", async () => {
    const b = await bundle();
    const sightings = b.objects.filter((o) => o.type === "sighting");
    const indicators = new Map(b.objects.filter((o) => o.type === "indicator").map((o) => [o.id, o]));
    expect(sightings.map((s) => indicators.get(s.sighting_of_ref as string)?.pattern)).toEqual([
      "[ipv4-addr:value = '203.0.113.10']", "[ipv4-addr:value = '203.0.113.99']", "[ipv6-addr:value = '2001:db8:77::5']", "[ipv4-addr:value = '198.51.100.66']",
    ]);
    const first = sightings[0]!;
    expect(first).toMatchObject({ count: 1, first_seen: "2026-12-01T10:02:20.000Z", last_seen: "2026-12-01T10:02:20.000Z" });
    const sensor = b.objects.find((o) => o.type === "identity");
    expect(first.where_sighted_refs).toEqual([sensor?.id]);
    const observed = b.objects.find((o) => o.id === (first.observed_data_refs as string[])[0]);
    expect(observed).toMatchObject({ type: "observed-data", number_observed: 1 });
    expect(JSON.stringify(b)).not.toContain("\\u001b");
    // deterministic: the same input gives the same bundle
    expect(JSON.stringify(await bundle())).toBe(JSON.stringify(b));
  });

  describe.skipIf(!existsSync(SPECS))(existsSync(SPECS) ? "validation" : "validation (skipped: ../shared/specs/stix2.1 not found)", () => {
    it("validates against the STIX 2.1 JSON schemas, bundle and every object", async () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
      addFormats.default(ajv);
      for (const folder of ["common", "observables", "sdos", "sros"]) {
        for (const f of readdirSync(join(SPECS, folder)).filter((x) => x.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(join(SPECS, folder, f), "utf8")));
      }
      const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas";
      const b = await bundle();
      const validBundle = ajv.getSchema(`${base}/common/bundle.json`)!;
      expect(validBundle(b), JSON.stringify(validBundle.errors)).toBe(true);
      const folderOf: Record<string, string> = { sighting: "sros", identity: "sdos", indicator: "sdos", "observed-data": "sdos" };
      expect([...new Set(b.objects.map((o) => o.type))].sort()).toEqual(["identity", "indicator", "ipv4-addr", "ipv6-addr", "observed-data", "sighting"]);
      for (const o of b.objects) {
        const validate = ajv.getSchema(`${base}/${folderOf[o.type] ?? "observables"}/${o.type}.json`)!;
        expect(validate(o), `${o.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    });
  });
});
