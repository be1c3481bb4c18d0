import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * Issue #13 end to end: every domain's TLD is unknown to the server table, so each lookup's route
 * starts at IANA, which allows 5 q/s. IANA-paced, 240 domains would take ≥ 48 s; with discovery
 * learned once per TLD the registries (4 × 40 q/s) set the pace.
 */
interface Counted extends TestServer {
  answered: number;
  throttled: number;
}

/** A port-43 server with a token bucket (burst 2) that answers a throttle text to anyone faster. */
async function limited(qps: number, answer: (query: string) => string): Promise<Counted> {
  let tokens = 2;
  let last = performance.now();
  const counts = { answered: 0, throttled: 0 };
  const server = await tcpServer(
    whoisResponder((query) => {
      const now = performance.now();
      tokens = Math.min(2, tokens + ((now - last) / 1000) * qps);
      last = now;
      if (tokens < 1) {
        counts.throttled += 1;
        return "% Query rate limit exceeded. Please wait and try again later.\r\n";
      }
      tokens -= 1;
      counts.answered += 1;
      return answer(query);
    }),
  );
  return Object.assign(server, counts, {
    get answered() {
      return counts.answered;
    },
    get throttled() {
      return counts.throttled;
    },
  });
}

const TLDS = ["zqa", "zqb", "zqc", "zqd"];
const ianaAnswer = (tld: string): string => `% IANA WHOIS server\r\n\r\nrefer:        whois.nic.${tld}\r\n\r\ndomain:       ${tld.toUpperCase()}\r\n\r\nwhois:        whois.nic.${tld}\r\n\r\nsource:       IANA\r\n`;
const registryAnswer = (query: string): string => `Domain Name: ${query.toUpperCase()}\r\nRegistrar: Test Registrar\r\nCreation Date: 2001-01-01T00:00:00Z\r\n`;

describe("bulk where every route starts with an IANA referral (issue #13)", () => {
  let dir: string;
  let iana: Counted;
  let registries: Counted[];
  let blackHole: TestServer;
  let refusedPort: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-discovery-bulk-"));
    iana = await limited(5, (query) => ianaAnswer(query.trim().toLowerCase()));
    registries = await Promise.all(TLDS.map(() => limited(40, registryAnswer)));
    blackHole = await tcpServer(() => {});
    // A port nothing listens on: connections are refused.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    refusedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(async () => Promise.all([iana.close(), blackHole.close(), ...registries.map((r) => r.close())]));

  const mapFile = (extra: Record<string, unknown> = {}): string => {
    const file = join(dir, `map-${Math.random()}.json`);
    const entries: Record<string, unknown> = { "whois.iana.org": { address: `127.0.0.1:${iana.port}`, qps: 5, concurrency: 2 }, ...extra };
    TLDS.forEach((tld, i) => (entries[`whois.nic.${tld}`] = { address: `127.0.0.1:${registries[i]?.port ?? 0}`, qps: 40, concurrency: 4 }));
    writeFileSync(file, JSON.stringify(entries));
    return file;
  };
  const env = (): NodeJS.ProcessEnv => ({ WHOISLENS_CACHE_DIR: mkdtempSync(join(dir, "cache-")), XDG_CONFIG_HOME: join(dir, "no-config") });
  const bulk = (names: string[], map: string, more: string[] = []) => {
    const input = join(dir, `in-${Math.random()}.txt`);
    writeFileSync(input, `${names.join("\n")}\n`);
    return runCli(["bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--servers", map, "--servers-only", "--store", join(dir, `${Math.random()}.db`), ...more], { env: env() });
  };

  it("is paced by the registries, not by IANA: IANA asked once per TLD, nothing throttled, every query answered", async () => {
    const names = Array.from({ length: 240 }, (_, i) => `d${i}.${TLDS[i % TLDS.length]}`);
    const before = { iana: iana.answered + iana.throttled, throttled: registries.reduce((sum, r) => sum + r.throttled, 0) };
    const run = await bulk(names, mapFile());
    expect(run.stderr).toMatch(/240 answered, 0 truncated, 0 failed, 0 throttled/);
    expect(run.code).toBe(0);
    // That the registries, not IANA, set the pace is proven on simulated time (pace-clock.test.ts; a
    // wall-clock bound here failed on a loaded machine). Here: IANA asked once per TLD, nothing throttled.
    expect(iana.answered + iana.throttled - before.iana).toBeLessThanOrEqual(TLDS.length + 2);
    expect(registries.reduce((sum, r) => sum + r.throttled, 0) - before.throttled).toBe(0);
  });

  it("a registry that refuses connections or never answers slows only its own queries", async () => {
    const downTlds = { zqr: `127.0.0.1:${refusedPort}`, zqh: `127.0.0.1:${blackHole.port}` };
    const map = mapFile(Object.fromEntries(Object.entries(downTlds).map(([tld, address]) => [`whois.nic.${tld}`, { address, qps: 40, concurrency: 4 }])));
    const healthy = Array.from({ length: 160 }, (_, i) => `h${i}.${TLDS[i % TLDS.length]}`);
    const down = [...Array.from({ length: 30 }, (_, i) => `r${i}.zqr`), ...Array.from({ length: 8 }, (_, i) => `b${i}.zqh`)];
    const names = healthy.flatMap((name, i) => (i % 4 === 0 && down.length > 0 ? [name, down.shift() as string] : [name])).concat(down);
    const run = await bulk(names, map, ["--timeout", "1000"]);
    const results = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { query: string; error?: { code: string }; record?: { status: string } });
    const byQuery = new Map(results.map((r) => [r.query, r]));
    expect(healthy.every((name) => byQuery.get(name)?.record?.status === "registered")).toBe(true);
    expect(byQuery.get("r0.zqr")?.error?.code).toBe("WL_ERR_CONNECT");
    expect(byQuery.get("b0.zqh")?.error?.code).toBe("WL_ERR_TIMEOUT");
    // The healthy answers are not held behind the dead registry's timeouts: all are out before its last one.
    const lastHealthy = Math.max(...healthy.map((name) => results.findIndex((r) => r.query === name)));
    const lastBlackHoled = Math.max(...results.map((r, i) => (r.query.endsWith(".zqh") ? i : -1)));
    expect(lastHealthy).toBeLessThan(lastBlackHoled);
  });
});
