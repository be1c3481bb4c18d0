import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookalikeCandidates } from "../../../src/defend/watch/lookalike-candidates.js";
import { runWatch, WatchStore } from "../../../src/defend/watch/index.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxStore, type SandboxStore } from "./helpers/sandbox-store.js";

/** The sandbox's registered look-alikes of example.com (src/server/dataset/lookalikes.ts). */
const REGISTERED = ["examp1e.com", "exampel.com", "exarnple.com", "xn--exmple-4nf.com"];

const addLookalikeEntry = async ({ store }: SandboxStore): Promise<void> => {
  await new WatchStore(store.db).add({ kind: "lookalikes", value: "example.com", crownJewel: false }, new Date().toISOString());
};

// `watch add --lookalikes` runs on the real generator of `whoislens lookalikes` (wired in the CLI). The
// pass below asks the registered look-alikes plus the 20 closest unregistered ones, not all ~7,000.
describe.each(["auto", "whois"] as const)("watch lookalikes through the real generator (--protocol %s)", (protocol) => {
  const world = sandboxStore("wl-watch-lookalikes-", addLookalikeEntry);

  it("closest first, every fuzzer tagged; the registered ones raise lookalike-registered, once", async () => {
    const generate = lookalikeCandidates;
    const all = generate("example.com");
    expect(all.length).toBeGreaterThan(1000);
    const distances = all.map((p) => p.distance);
    expect(distances).toEqual([...distances].sort((a, b) => (a ?? 0) - (b ?? 0)));
    for (const name of REGISTERED) expect(all.map((p) => p.domain)).toContain(name);
    const closest = all.filter((p) => !REGISTERED.includes(p.domain)).slice(0, 20);
    const candidates = () => [...closest, ...all.filter((p) => REGISTERED.includes(p.domain))];
    const { store } = world;
    const lookup = { ...world.lookup, protocol };
    const first = await runWatch(store, { lookup, candidates, dns: false });
    expect(first.alerts.filter((a) => a.kind === "lookalike-registered").map((a) => a.domain).sort()).toEqual(REGISTERED);
    expect(first.alerts.every((a) => a.kind === "lookalike-registered")).toBe(true);
    const fuzzerOf = new Map(all.map((p) => [p.domain, p.fuzzer]));
    for (const alert of first.alerts) expect(alert.evidence.note).toBe(`fuzzer ${fuzzerOf.get(alert.domain)} of example.com`);
    expect((await runWatch(store, { lookup, candidates, dns: false })).alerts).toEqual([]);
  }, 120_000);
});

// The default pass: every candidate of the generator asked in DNS first (the sandbox's zone), and only those
// that resolve looked up — as `whoislens lookalikes` does — instead of the closest 500 by RDAP/WHOIS.
describe("watch lookalikes: DNS first, then RDAP/WHOIS for the names that resolve", () => {
  const world = sandboxStore("wl-watch-lookalikes-dns-", addLookalikeEntry);

  it("asks the registries for the names that resolve alone, so a small lookup cap still covers every registered one", async () => {
    const all = lookalikeCandidates("example.com");
    // None of the four is among the 100 closest: a pass capped at 100 lookups without DNS misses them all.
    const closest = all.slice(0, 100).map((p) => p.domain);
    for (const name of REGISTERED) expect(closest).not.toContain(name);
    const { store, lookup, sandbox } = world;
    const dns = { resolver: `${sandbox.dns.host}:${sandbox.dns.port}` };
    const first = await runWatch(store, { lookup, candidates: lookalikeCandidates, dns, dnsConcurrency: 64, maxCandidates: 100 });
    expect(first.alerts.filter((a) => a.kind === "lookalike-registered").map((a) => a.domain).sort()).toEqual(REGISTERED);
    expect(first.checked).toBe(REGISTERED.length);
    expect(first.notes).toContainEqual(expect.stringMatching(/^lookalikes:example\.com: \d{4,} candidates asked in DNS, 4 resolve; 4 looked up$/));
    // The second pass re-checks what it saw (states kept), raises nothing new.
    expect((await runWatch(store, { lookup, candidates: lookalikeCandidates, dns, dnsConcurrency: 64, maxCandidates: 100 })).alerts).toEqual([]);
  }, 120_000);

  it("from the CLI: watch add --lookalikes, then watch run --resolver asks DNS first; --no-dns looks up the closest instead", async () => {
    const { sandbox, dir } = world;
    const cli = join(dir, "cli.db");
    const map = join(dir, "servers.json");
    writeFileSync(map, JSON.stringify(sandbox.serverMap));
    const env = { ...process.env, XDG_CACHE_HOME: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "config") };
    expect((await runCli(["watch", "add", "example.com", "--lookalikes", "--store", cli], { env })).code).toBe(0);
    const common = ["watch", "run", "--store", cli, "--servers", map, "--servers-only", "--bootstrap-dir", sandbox.bootstrapDir, "--max-candidates", "100"];
    const direct = await runCli([...common, "--no-dns"], { env });
    expect(direct.code, direct.stderr).toBe(0);
    const kinds = (stdout: string): string[] => stdout.trim().split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { kind: string; domain: string }).domain);
    expect(kinds(direct.stdout).filter((domain) => REGISTERED.includes(domain))).toEqual([]);
    const viaDns = await runCli([...common, "--resolver", `${sandbox.dns.host}:${sandbox.dns.port}`], { env });
    expect(viaDns.code, viaDns.stderr).toBe(0);
    expect(kinds(viaDns.stdout).filter((domain) => REGISTERED.includes(domain)).sort()).toEqual(REGISTERED);
    expect((await runCli([...common, "--dns-concurrency", "0"], { env })).stderr).toMatch(/WL_ERR_INVALID_OPTION: --dns-concurrency needs a whole number/);
  }, 120_000);
});
