import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { startSandbox, type Sandbox } from "../../src/server/index.js";

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
  let sandbox: Sandbox;
  let dir: string;
  let map: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ faults: true });
    dir = mkdtempSync(join(tmpdir(), "wl-disc-sbx-"));
    map = join(dir, "servers.json");
    writeFileSync(map, JSON.stringify(sandbox.serverMap));
  });
  afterAll(async () => {
    await closeRdapAgents();
    await sandbox.close();
  });

  const cli = async (cacheDir: string, ...args: string[]): Promise<Chain> => {
    const bootstrap = args.includes("--bootstrap-dir") ? [] : ["--bootstrap-dir", sandbox.bootstrapDir];
    const argv = ["bin/whoislens", "lookup", ...args, "--json", "--no-cache", "--servers", map, "--servers-only", ...bootstrap];
    // Not execFileSync: the sandbox answering the child lives on this event loop.
    const child = spawn(process.execPath, argv, { env: { ...process.env, WHOISLENS_CACHE_DIR: cacheDir, XDG_CONFIG_HOME: join(dir, "none") }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.once("exit", resolve));
    return JSON.parse(out) as Chain;
  };

  it("a second .fault lookup skips IANA: the TLD's server came from the discovery file", async () => {
    const cacheDir = mkdtempSync(join(dir, "cache-"));
    const first = await cli(cacheDir, "escape.fault", "--protocol", "whois", "--no-follow");
    expect(first.chain?.[0]?.server).toBe("whois.iana.org");
    expect(existsSync(join(cacheDir, "discovery.json"))).toBe(true);
    expect(readFileSync(join(cacheDir, "discovery.json"), "utf8")).toContain("whois.nic.fault");
    const second = await cli(cacheDir, "charset.fault", "--protocol", "whois", "--no-follow");
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.nic.fault"]);
    expect(second.notes?.join(" ")).toMatch(/learned earlier from whois\.iana\.org/);
    // Another cache directory knows nothing: IANA is asked again.
    const fresh = await cli(mkdtempSync(join(dir, "cache-")), "charset.fault", "--protocol", "whois", "--no-follow");
    expect(fresh.chain?.[0]?.server).toBe("whois.iana.org");
  }, 30_000);

  it("an address in a block ARIN referred to RIPE goes straight to RIPE the second time", async () => {
    // A bootstrap coarser than the registries (the sandbox's names RIPE for 203.0.113.0/24; here it
    // names ARIN, as for space transferred between RIRs): ARIN answers with its ReferralServer line.
    const bootstrap = mkdtempSync(join(dir, "bootstrap-"));
    for (const file of readdirSync(sandbox.bootstrapDir)) copyFileSync(join(sandbox.bootstrapDir, file), join(bootstrap, file));
    const ipv4 = JSON.parse(readFileSync(join(bootstrap, "ipv4.json"), "utf8")) as { services: string[][][] };
    ipv4.services = [[["198.51.100.0/24", "203.0.113.0/24"], ["https://rdap.arin.net/registry/"]]];
    writeFileSync(join(bootstrap, "ipv4.json"), JSON.stringify(ipv4));
    const cacheDir = mkdtempSync(join(dir, "cache-"));
    const first = await cli(cacheDir, "203.0.113.9", "--protocol", "whois", "--bootstrap-dir", bootstrap);
    expect(first.chain?.map((h) => h.server)).toEqual(["whois.arin.net", "whois.ripe.net"]);
    const second = await cli(cacheDir, "203.0.113.77", "--protocol", "whois", "--bootstrap-dir", bootstrap);
    expect(second.chain?.map((h) => h.server)).toEqual(["whois.ripe.net"]);
    expect(second.notes?.join(" ")).toMatch(/address block asked at whois\.ripe\.net as learned earlier from whois\.arin\.net/);
  }, 30_000);
});
