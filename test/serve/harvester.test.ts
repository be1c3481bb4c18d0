import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { QueryLogEntry } from "../../src/serve/contract.js";
import { runCli } from "../helpers/cli.js";
import { rdapFrom, whoisFrom } from "./clients-abusive.js";
import { serveProcess } from "./helpers.js";

// A harvester run through the built CLI, as an operator meets it: `serve` with a registry of one organisation's
// 40 networks, persons and domains (some of them decoys, canaries per source), and three clients from their own
// loopback addresses:
// - harvester A (port 43) pivots with `-r -i org`, `-r -i admin-c`, then walks the person handles it found in order;
// - harvester B (RDAP) lists `domains?name=shop*`, then walks shop1.example, shop2.example… one by one;
// - a polite client makes three lookups of ordinary objects.
// The accounting stops both at the documented personal-data quota (then blocks them for good), the query log shows
// it, `detect LOG` names A and B for the harvesting/enumeration rules and never the polite client, and
// `canary sightings LOG` finds the canary sets, one per (object, source).

const COUNT = 40;
const DECOYS = 4;
const QUOTA = 25;
const OFFENCES = 5;
const A = "127.0.0.41";
const B = "127.0.0.42";
const POLITE = "127.0.0.43";

/** The registry as YAML text, generated the way an operator's export script would write it. */
function registryYaml(): string {
  const lines = ["service: Harvest Test Registry", "contacts:", "  - { handle: ORG-HV1-TEST, kind: organisation, name: Harvest Holdings, organization: Harvest Holdings, countryCode: NL, email: hostmaster@harvest.example }"];
  for (let i = 1; i <= COUNT; i += 1) lines.push(`  - { handle: HV${i}-TEST, kind: person, name: Person ${i}, email: p${i}@harvest.example, phone: "+31.20555${String(i).padStart(4, "0")}", countryCode: NL, decoy: ${i <= DECOYS} }`);
  lines.push("domains:");
  for (let i = 1; i <= COUNT; i += 1) lines.push(`  - { name: shop${i}.example, registrar: { name: Harvest Registrar }, created: "2020-01-01T00:00:00Z", expires: "2030-01-01T00:00:00Z", nameservers: [ns1.harvest.example], registrant: HV${i}-TEST, decoy: ${i <= DECOYS} }`);
  lines.push("nameservers:", "  - { name: ns1.harvest.example, ipv4: [198.18.0.53] }", "networks:");
  for (let i = 1; i <= COUNT; i += 1) lines.push(`  - { handle: NET-HV-${i}, cidr: 198.18.${i}.0/24, name: HV-NET-${i}, country: NL, org: ORG-HV1-TEST, admin: HV${i}-TEST, tech: HV${i}-TEST }`);
  lines.push("autnums: []");
  return `${lines.join("\n")}\n`;
}

it("harvesters walking -i results and sequential names are stopped at the quota and named by detect; the polite client is not; canary sets are per source and object", async () => {
  const work = mkdtempSync(join(tmpdir(), "wl-harvester-"));
  try {
    const dataset = join(work, "registry.yaml");
    writeFileSync(dataset, registryYaml());
    const log = join(work, "q.ndjson");
    const env = { ...process.env, XDG_DATA_HOME: work, XDG_CONFIG_HOME: join(work, "none") };
    const serve = await serveProcess(["--dataset", dataset, "--canary-domain", "canary.example", "--canary-per-source", "--whois-port", "0", "--rdap-port", "0", "--query-log", log, "--store", join(work, "s.db"), "--limit", `personalPerDay=${QUOTA}`, "--limit", `offencesBeforePermanent=${OFFENCES}`], env);
    const { whoisPort, rdapPort } = serve;

    // Harvester A: -r -i org lists the networks (no personal object), a few -i admin-c pivots, then the handles in order.
    const networks = (await whoisFrom(whoisPort, A, "-r -i org ORG-HV1-TEST")).text;
    const handles = [...new Set([...networks.matchAll(/^admin-c:\s+(\S+)/gm)].map((m) => m[1] ?? ""))];
    expect(handles).toHaveLength(COUNT);
    expect(networks).not.toMatch(/^person:/m);
    for (const handle of handles.slice(0, 5)) expect((await whoisFrom(whoisPort, A, `-r -i admin-c ${handle}`)).text).toMatch(/^inetnum:/m);
    const walkA: string[] = [];
    for (const handle of handles) walkA.push((await whoisFrom(whoisPort, A, handle)).text);
    expect(walkA.slice(0, QUOTA).every((text) => /^person:/m.test(text))).toBe(true);
    expect(walkA[QUOTA]).toMatch(/^%ERROR:201: access denied for 127\.0\.0\.41/);
    expect(walkA.at(-1)).toMatch(/permanently/);

    // Harvester B: the RDAP search, then sequential names.
    const search = JSON.parse((await rdapFrom(rdapPort, B, "domains?name=shop*")).text) as { domainSearchResults: unknown[] };
    expect(search.domainSearchResults).toHaveLength(COUNT);
    const walkB: number[] = [];
    for (let i = 1; i <= COUNT; i += 1) walkB.push((await rdapFrom(rdapPort, B, `domain/shop${i}.example`)).status);
    expect(walkB.slice(0, QUOTA)).toEqual(Array(QUOTA).fill(200));
    expect(walkB.slice(QUOTA, QUOTA + OFFENCES - 1)).toEqual(Array(OFFENCES - 1).fill(429));
    expect(walkB.at(-1)).toBe(403);
    // A decoy asked twice by one source: the same canary set.
    expect(walkA[0]).toContain("@canary.example");

    // The polite client: three lookups of ordinary objects, never refused.
    expect((await whoisFrom(whoisPort, POLITE, "shop30.example")).text).toContain("Domain Name: SHOP30.EXAMPLE");
    expect((await rdapFrom(rdapPort, POLITE, "ip/198.18.31.7")).status).toBe(200);
    expect((await whoisFrom(whoisPort, POLITE, "HV32-TEST")).text).toMatch(/^person:\s+Person 32/m);
    const again = (await whoisFrom(whoisPort, A, handles[0] ?? "")).text;
    expect(again).toMatch(/permanently/);

    const stopped = await serve.stop();
    expect(stopped.code, stopped.stderr).toBe(0);

    // The query log shows each run.
    const lines = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as QueryLogEntry);
    const of = (source: string): QueryLogEntry[] => lines.filter((l) => l.source === source);
    expect(of(A).slice(0, 6).map((l) => [l.objectType, l.outcome, l.personalObjects])).toEqual(Array(6).fill(["search", "answered", 0]));
    expect(of(A).slice(6).map((l) => l.outcome)).toEqual([...Array(QUOTA).fill("answered"), ...Array(OFFENCES - 1).fill("denied"), ...Array(COUNT - QUOTA - OFFENCES + 2).fill("blocked")]);
    expect(of(A).reduce((sum, l) => sum + l.personalObjects, 0)).toBe(QUOTA);
    expect(of(B).reduce((sum, l) => sum + l.personalObjects, 0)).toBe(QUOTA);
    expect(of(POLITE).map((l) => l.outcome)).toEqual(["answered", "answered", "answered"]);

    // Canary sets: one per (object, source) — the same object asked by one source twice shows one set, and no two
    // sources share one.
    const sets = new Map<string, Set<string>>();
    for (const line of lines) {
      if (!line.canaries) continue;
      const key = `${line.sourceKey} ${line.objectKey ?? ""}`;
      const ids = sets.get(key) ?? new Set<string>();
      ids.add(line.canaries.join(","));
      sets.set(key, ids);
    }
    expect([...sets.keys()].sort()).toEqual([...handles.slice(0, DECOYS).map((h) => `${A} ${h}`), ...Array.from({ length: DECOYS }, (_, i) => `${B} shop${i + 1}.example`)].sort());
    for (const ids of sets.values()) expect(ids.size).toBe(1);
    const allIds = [...sets.values()].flatMap((ids) => [...ids].flatMap((joined) => joined.split(",")));
    expect(new Set(allIds).size).toBe(allIds.length);

    // detect on the query log names the harvesters, never the polite client.
    const detect = await runCli(["detect", log, "--format", "ndjson"], { env });
    const alerts = detect.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { rule: { id: string }; source: { address: string } });
    const rulesFor = (source: string): string[] => [...new Set(alerts.filter((a) => a.source.address === source).map((a) => a.rule.id))].sort();
    expect(rulesFor(A)).toEqual(expect.arrayContaining(["serve-decoy-object", "serve-inverse-pivoting", "serve-sequential-enumeration", "serve-throttled-source"]));
    expect(rulesFor(B)).toEqual(expect.arrayContaining(["serve-decoy-object", "serve-sequential-enumeration", "serve-throttled-source"]));
    expect(rulesFor(POLITE)).toEqual([]);

    // canary sightings finds the sets served to A and B only.
    const sightings = await runCli(["canary", "sightings", log], { env });
    expect(sightings.code, sightings.stderr).toBe(0);
    const bundle = JSON.parse(sightings.stdout) as { objects: { type: string; value?: string }[] };
    expect(bundle.objects.filter((o) => o.type === "ipv4-addr").map((o) => o.value).sort()).toEqual([A, B]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);
