import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { useSandboxWork } from "../helpers/built-cli.js";

/**
 * The second world: the sandbox's own IANA (TLD objects as IANA lays them out) and its ARIN-like RIR
 * that refers RIPE space onwards. Each lookup is its own `whoislens` process, so what the second one
 * skips it learned from the discovery file on disk, with --no-cache (answers not cached).
 */
interface Chain {
  chain?: { server: string }[];
  notes?: string[];
}

describe("single lookups reuse discovery across processes (sandbox world)", () => {
  const world = useSandboxWork("wl-disc-sbx-", { faults: true });
  afterAll(() => closeRdapAgents());

  const cli = async (cacheDir: string, ...args: string[]): Promise<Chain> => {
    const bootstrap = args.includes("--bootstrap-dir") ? [] : ["--bootstrap-dir", world().sandbox.bootstrapDir];
    const argv = ["bin/whoislens", "lookup", ...args, "--json", "--no-cache", "--servers", world().mapFile, "--servers-only", ...bootstrap];
    // Not execFileSync: the sandbox answering the child lives on this event loop.
    const child = spawn(process.execPath, argv, { env: { ...process.env, WHOISLENS_CACHE_DIR: cacheDir, XDG_CONFIG_HOME: join(world().work, "none") }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.once("exit", resolve));
    return JSON.parse(out) as Chain;
  };

  it("a second .fault lookup skips IANA: the TLD's server came from the discovery file", async () => {
    const cacheDir = mkdtempSync(join(world().work, "cache-"));
    const first = await cli(cacheDir, "escape.fault", "--protocol", "whois", "--no-follow");
    expect(first.chain?.[0]?.server).toBe("whois.iana.org");
    expect(existsSync(join(cacheDir, "discovery.json"))).toBe(true);
    expect(readFileSync(join(cacheDir, "discovery.json"), "utf8")).toContain("whois.nic.fault");
    const second = await cli(cacheDir, "charset.fault", "--protocol", "whois", "--no-follow");
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.nic.fault"]);
    expect(second.notes?.join(" ")).toMatch(/learned earlier from whois\.iana\.org/);
    // Another cache directory knows nothing: IANA is asked again.
    const fresh = await cli(mkdtempSync(join(world().work, "cache-")), "charset.fault", "--protocol", "whois", "--no-follow");
    expect(fresh.chain?.[0]?.server).toBe("whois.iana.org");
  }, 30_000);

  it("an address in a block ARIN referred to RIPE goes straight to RIPE the second time", async () => {
    // A bootstrap coarser than the registries (the sandbox's names RIPE for 203.0.113.0/24; here it
    // names ARIN, as for space transferred between RIRs): ARIN answers with its ReferralServer line.
    const bootstrap = mkdtempSync(join(world().work, "bootstrap-"));
    for (const file of readdirSync(world().sandbox.bootstrapDir)) copyFileSync(join(world().sandbox.bootstrapDir, file), join(bootstrap, file));
    const ipv4 = JSON.parse(readFileSync(join(bootstrap, "ipv4.json"), "utf8")) as { services: string[][][] };
    ipv4.services = [[["198.51.100.0/24", "203.0.113.0/24"], ["https://rdap.arin.net/registry/"]]];
    writeFileSync(join(bootstrap, "ipv4.json"), JSON.stringify(ipv4));
    const cacheDir = mkdtempSync(join(world().work, "cache-"));
    const first = await cli(cacheDir, "203.0.113.9", "--protocol", "whois", "--bootstrap-dir", bootstrap);
    expect(first.chain?.map((h) => h.server)).toEqual(["whois.arin.net", "whois.ripe.net"]);
    const second = await cli(cacheDir, "203.0.113.77", "--protocol", "whois", "--bootstrap-dir", bootstrap);
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.ripe.net"]);
    expect(second.notes?.join(" ")).toMatch(/address block asked at whois\.ripe\.net as learned earlier from whois\.arin\.net/);
  }, 30_000);
});
