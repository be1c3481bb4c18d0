import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TieredAnswerCache } from "../../src/lookup/cache.js";
import { lookup } from "../../src/lookup/engine.js";
import type { HopScheduler } from "../../src/lookup/scheduler.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { loadServerMap } from "../../src/servers/index.js";
import { runCli } from "../helpers/cli.js";
import { havePython } from "./rir-world.js";
import { hops, lookupJson, startRwhoisWorld, type RwhoisWorld } from "./rwhois-world.js";

/**
 * ARIN's `ReferralServer: rwhois://host[:port]` followed as GNU whois follows it, over an RWhois 1.5 session
 * (RFC 2167), from the CLI, on a world written in Python from ARIN's and RFC 2167's documents
 * (fixtures/rwhois_world.py): an ISP that holds the connection until `-quit`, one that closes after `%ok` and
 * names its holder in an organization object, `%error 230`, and hostile servers.
 */
// By path: under npm, PATH starts with node_modules/.bin, where the `whois` npm package's CLI lives.
const GNU_WHOIS = "/usr/bin/whois";
const haveGnuWhois = spawnSync(GNU_WHOIS, ["--version"], { stdio: "ignore" }).status === 0;
if (!haveGnuWhois) console.warn("rwhois-referral: GNU whois not installed; its comparison is skipped (bash scripts/ci-tools.sh)");

describe.skipIf(!havePython)("rwhois:// referrals from ARIN, on the Python RWhois world", () => {
  let world: RwhoisWorld;
  beforeAll(async () => {
    world = await startRwhoisWorld();
  }, 30_000);
  afterAll(async () => world?.close());

  it("a hold-connect ISP: the customer network and holder win, both hops in the chain, the session ended with -quit", async () => {
    const quitsBefore = await world.quits();
    const { code, record } = await lookupJson(world, "203.0.113.10", ["--raw"]);
    const customer = world.customers["rwhois.fabrikam.example"]!;
    expect(code).toBe(0);
    expect(record.status).toBe("registered");
    expect(record.network).toMatchObject({ cidrs: [customer.cidr], startAddress: customer.first, endAddress: customer.last, name: customer.name, organization: customer.org });
    expect(record.source.server).toBe("rwhois.fabrikam.example");
    expect(hops(record)).toEqual([
      { server: "whois.arin.net", status: "registered" },
      { server: "rwhois.fabrikam.example", status: "registered", url: "rwhois://rwhois.fabrikam.example:4321" },
    ]);
    // ARIN's answer stays in the chain; the RWhois hop's raw text is the session's answer, banner to %ok.
    expect(record.chain?.[0]?.raw).toContain("OrgName:        Fabrikam Networks");
    const raw = record.chain?.[1]?.raw ?? "";
    expect(raw).toMatch(/^%rwhois V-1\.5:003fff:00 rwhois\.fabrikam\.example/);
    expect(raw.trimEnd().split(/\r?\n/).at(-1)).toBe("%ok");
    expect(record.notes ?? []).toEqual([]);
    // The server holds the connection after %ok: the lookup ended because we said -quit.
    expect(await world.quits()).toBe(quitsBefore + 1);
  });

  it("an rwhoisd that closes after %ok, a referral with no port (4321), the holder in an organization object", async () => {
    const { record } = await lookupJson(world, "198.51.100.40");
    const customer = world.customers["rwhois.tailspin.example"]!;
    expect(record.network).toMatchObject({ cidrs: [customer.cidr], organization: customer.org });
    expect(hops(record)[1]).toEqual({ server: "rwhois.tailspin.example", status: "registered", url: "rwhois://rwhois.tailspin.example:4321" });
  });

  it("%error 230 No Objects Found: ARIN's reallocation stays, and says why", async () => {
    const { code, record } = await lookupJson(world, "198.51.100.200");
    expect(code).toBe(0);
    expect(record.network).toMatchObject({ cidrs: ["198.51.100.128/25"], organization: "Empty Fiber Co" });
    expect(record.notes).toEqual(["referral to rwhois.empty.example gave no record (%error 230 No Objects Found); data from whois.arin.net only"]);
    expect(hops(record).map((hop) => hop.server)).toEqual(["whois.arin.net", "rwhois.empty.example"]);
  });

  it("a server that never sends %ok and keeps the connection open: cut at the hop's time limit, ARIN's data kept", async () => {
    // The whole lookup may take a minute: only the hop's 1.5 s limit can end this one before the test's own timeout.
    const { code, record } = await lookupJson(world, "192.0.2.10", ["--timeout", "1500", "--total-timeout", "60000"]);
    expect(code).toBe(0);
    expect(record.network?.organization).toBe("Silent Cable");
    expect(record.chain?.[1]).toMatchObject({ server: "rwhois.silent.example", status: "error", error: { code: "WL_ERR_TIMEOUT", message: expect.stringMatching(/within 1500 ms$/) } });
    // Cut at the limit, not before it (a lower bound: a loaded machine only makes it later).
    expect(record.chain?.[1]?.durationMs).toBeGreaterThanOrEqual(1450);
  });

  it("a flood: cut at --max-bytes, flagged as truncated, never read past the cap", async () => {
    const { code, record } = await lookupJson(world, "192.0.2.150", ["--max-bytes", "65536", "--raw"]);
    expect(code).toBe(5); // EXIT.TRUNCATED: printed, but built from a cut-off answer
    const hop = record.chain?.[1];
    expect(hop?.server).toBe("rwhois.flood.example");
    expect(hop?.warnings?.map((w) => w.code)).toEqual(["WL_WARN_TRUNCATED"]);
    expect(Buffer.byteLength(hop?.raw ?? "")).toBeLessThanOrEqual(65536);
    expect(record.warnings?.map((w) => w.code)).toContain("WL_WARN_TRUNCATED");
  });

  it("a referral to a private address is refused, never dialled; ARIN's data stays", async () => {
    const { record } = await lookupJson(world, "192.0.2.70");
    expect(record.network?.organization).toBe("Lan Party ISP");
    expect(record.chain?.[1]).toMatchObject({ server: "10.20.30.40", status: "error", url: "rwhois://10.20.30.40:4321", error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
  });

  it("a referral to a loopback literal is refused by default and followed with --allow-private", async () => {
    const [, port] = world.servers["rwhois.fabrikam.example"]!.split(":");
    const refused = await lookupJson(world, "192.0.2.100");
    expect(refused.record.network?.organization).toBe("Loopback Hosting");
    expect(refused.record.chain?.[1]).toMatchObject({ server: "127.0.0.1", url: `rwhois://127.0.0.1:${port}`, error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
    const quitsBefore = await world.quits();
    // --servers-only would refuse the literal as unmapped: this run has the map alone (ARIN is mapped, and the
    // referral is a loopback literal, so nothing leaves loopback).
    const run = await runCli(["lookup", "--protocol", "whois", "--json", ...world.flags.filter((flag) => flag !== "--servers-only"), "--allow-private", "192.0.2.100"]);
    const allowed = { record: JSON.parse(run.stdout) as WhoisRecord };
    expect(allowed.record.chain?.[1]).toMatchObject({ server: "127.0.0.1", status: "registered" });
    expect(allowed.record.network?.organization).toBe("Contoso Bakery LLC");
    expect(await world.quits()).toBe(quitsBefore + 1);
  });

  it("an RWhois answer referring back to its own server: asked once per auth-area, never twice the same", async () => {
    const { record } = await lookupJson(world, "192.0.2.200");
    expect(record.network?.organization).toBe("Loop Customer Inc");
    // ARIN's referral names no auth-area; the server's own %referral names 192.0.2.192/26: another question (RFC 2167
    // §3.3.11). Its answer names that host and auth-area again: the walk ends there (GNU whois's trivial-loop guard).
    expect(hops(record)).toEqual([
      { server: "whois.arin.net", status: "registered" },
      { server: "rwhois.loop.example", status: "registered", url: "rwhois://rwhois.loop.example:4321" },
      { server: "rwhois.loop.example", status: "registered", url: "rwhois://rwhois.loop.example:4321/auth-area=192.0.2.192/26" },
    ]);
  });

  it("--max-referrals 0 and --no-follow keep to ARIN; --servers-only refuses an RWhois host the map lacks", async () => {
    const none = await lookupJson(world, "203.0.113.10", ["--max-referrals", "0"]);
    expect(none.record.network?.organization).toBe("Fabrikam Networks");
    expect(none.record.chain?.[1]).toMatchObject({ server: "rwhois.fabrikam.example", status: "error", error: { code: "WL_ERR_TOO_MANY_HOPS" } });
    const off = await lookupJson(world, "203.0.113.10", ["--no-follow"]);
    expect(hops(off.record)).toEqual([{ server: "whois.arin.net", status: "registered" }]);
    const partial = join(world.dir, "arin-only.json");
    writeFileSync(partial, JSON.stringify({ "whois.arin.net": world.servers["whois.arin.net"] }));
    const flags = world.flags.map((flag, i) => (world.flags[i - 1] === "--servers" ? partial : flag));
    const run = await runCli(["lookup", "--protocol", "whois", "--json", ...flags, "203.0.113.10"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.network?.organization).toBe("Fabrikam Networks");
    expect(record.chain?.[1]).toMatchObject({ server: "rwhois.fabrikam.example", status: "error", error: { code: "WL_ERR_NO_SERVER" } });
  });

  it("the RWhois hop is paced by the scheduler under its own server's name, its query written at the slot", async () => {
    const asked: string[] = [];
    const slots: string[] = [];
    const scheduler: HopScheduler = {
      run: (server, task) => {
        asked.push(server);
        return task(() => new Promise<boolean>((resolve) => setTimeout(() => (slots.push(server), resolve(true)), 20)));
      },
    };
    const record = await lookup("203.0.113.10", { protocol: "whois", host: "whois.arin.net", servers: loadServerMap(world.servers), mappedOnly: true, scheduler });
    expect(asked).toEqual(["whois.arin.net", "rwhois.fabrikam.example"]);
    expect(slots).toEqual(asked);
    expect(record.network?.organization).toBe("Contoso Bakery LLC");
  });

  it("the RWhois answer is cached like a port-43 one: a second lookup opens no session", async () => {
    const cache = new TieredAnswerCache();
    const options = { protocol: "whois" as const, host: "whois.arin.net", servers: loadServerMap(world.servers), mappedOnly: true, cache };
    const quitsBefore = await world.quits();
    const first = await lookup("203.0.113.10", options);
    const second = await lookup("203.0.113.10", options);
    expect(await world.quits()).toBe(quitsBefore + 1);
    expect(second.network).toEqual(first.network);
    expect(second.network?.organization).toBe("Contoso Bakery LLC");
  });

  it("the text output names the customer and both hops", async () => {
    const run = await runCli(["lookup", "--protocol", "whois", ...world.flags, "203.0.113.10"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Contoso Bakery LLC");
    expect(run.stdout).toContain("203.0.113.0/27");
    expect(run.stdout).toMatch(/1 +whois whois\.arin\.net .*→ registered/);
    expect(run.stdout).toMatch(/2 +whois rwhois\.fabrikam\.example .*rwhois:\/\/rwhois\.fabrikam\.example:4321 → registered/);
  });

  it("footprint from the address over port 43 reaches the customer organisation", async () => {
    const run = await runCli(["footprint", "--protocol", "whois", "--format", "json", "--depth", "1", ...world.flags, "203.0.113.10"]);
    expect(run.code).toBe(0);
    const graph = JSON.parse(run.stdout) as { nodes: { type: string; value: string }[] };
    expect(graph.nodes).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: "organization", value: "Contoso Bakery LLC" }),
      expect.objectContaining({ type: "network", value: "203.0.113.0/27" }),
    ]));
  }, 30_000);

  it.skipIf(!haveGnuWhois)("GNU whois, asked the ISP's RWhois server directly, reads the answer our session reads", async () => {
    const [host, port] = world.servers["rwhois.tailspin.example"]!.split(":");
    const gnu = spawnSync(GNU_WHOIS, ["-h", host!, "-p", port!, "198.51.100.40"], { encoding: "utf8", timeout: 10_000 });
    expect(gnu.status).toBe(0);
    const { record } = await lookupJson(world, "198.51.100.40", ["--raw"]);
    const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l !== "");
    expect(lines(record.chain?.[1]?.raw ?? "")).toEqual(lines(gnu.stdout));
    expect(gnu.stdout).toContain("organization:Org-Name:Northbrook Family Clinic");
  });
});
