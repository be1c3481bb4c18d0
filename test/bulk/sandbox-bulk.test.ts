import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { useSandboxWork } from "../helpers/built-cli.js";
import { runCli } from "../helpers/cli.js";

describe("bulk against the sandbox world's throttling servers", () => {
  const world = useSandboxWork("wl-sbulk-", { throttleAfter: 3 });
  beforeAll(() => {
    writeFileSync(join(world().work, "in.txt"), ["example.com", "acme-widgets.com", "privacy-example.com", "café.com", "example.net", "never-registered-example.com"].join("\n"));
  });
  afterAll(() => closeRdapAgents());

  it("never stores a refusal as data, and a later run (limits reset) completes the job", async () => {
    const store = join(world().work, "s.db");
    const args = ["bulk", join(world().work, "in.txt"), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", world().mapFile, "--servers-only", "--store", store, "--timeout", "2000"];
    const first = await runCli(args);
    expect(first.stderr).toMatch(/throttled/);
    const db = new Sqlite(store, { readonly: true });
    const statuses = (db.prepare("select status from records").all() as { status: string }[]).map((r) => r.status);
    const pending = db.prepare("select count(*) as n from queries where state != 'done'").get() as { n: number };
    const stored = db.prepare("select raw, record from records").all() as { raw: string | null; record: string }[];
    db.close();
    expect(stored.every((row) => (row.raw ?? "").includes("Domain Name:") || (row.raw ?? "").includes("No match"))).toBe(true);
    expect(stored.every((row) => !row.record.includes('"raw"'))).toBe(true);
    expect(statuses).not.toContain("throttled");
    expect(statuses.length).toBe(3);
    expect(pending.n).toBe(3);
    world().sandbox.resetCounters();
    const second = await runCli(args);
    expect(second.stderr).toMatch(/resuming run/);
    const after = new Sqlite(store, { readonly: true });
    const done = after.prepare("select count(*) as n from queries where state = 'done'").get() as { n: number };
    after.close();
    expect(done.n).toBe(6);
  }, 60_000);
});

/**
 * The second world for truncated answers (beside test/bulk/truncated.test.ts): the sandbox's own
 * fault servers (src/server/faults.ts, written apart from that test's server), a reset mid-answer
 * (`reset.fault`) and a 5 MiB answer (`huge.fault`) cut at the default 1 MiB cap.
 */
describe("bulk against the sandbox world's truncating faults", () => {
  const world = useSandboxWork("wl-sbulk-cut-");
  beforeAll(() => {
    // Its pace given (50 q/s), so the scheduler's backoff after each reset is tens of ms, not seconds.
    const { serverMap } = world().sandbox;
    writeFileSync(world().mapFile, JSON.stringify({ ...serverMap, "whois.nic.fault": { address: String(serverMap["whois.nic.fault"]), qps: 50, concurrency: 2 } }));
    writeFileSync(join(world().work, "in.txt"), ["reset.fault", "example.com", "huge.fault"].join("\n"));
  });
  afterAll(() => closeRdapAgents());

  it("stores a cut-off answer as truncated, fails one cut before it says anything, and asks both again on resume", async () => {
    const store = join(world().work, "cut.db");
    const args = ["bulk", join(world().work, "in.txt"), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", world().mapFile, "--servers-only", "--store", store, "--timeout", "5000"];
    const states = (): Record<string, string> => {
      const db = new Sqlite(store, { readonly: true });
      const rows = db.prepare("select query, state from queries").all() as { query: string; state: string }[];
      db.close();
      return Object.fromEntries(rows.map((row) => [row.query, row.state]));
    };
    const first = await runCli(args);
    // reset.fault keeps its first lines (stored, marked truncated); huge.fault's first MiB is padding
    // alone, nothing that identifies the object: no data, a failure that names the truncation.
    expect(first.stderr).toMatch(/bulk: 1 answered, 1 truncated, 1 failed, 0 throttled this pass/);
    expect(first.code).toBe(3);
    const huge = first.stdout.split("\n").find((line) => line.includes('"query":"huge.fault"')) ?? "";
    expect(JSON.parse(huge).error.message).toMatch(/cut off \(WL_WARN_TRUNCATED\)/);
    const reset = JSON.parse(first.stdout.split("\n").find((line) => line.includes('"query":"reset.fault"')) ?? "{}") as { truncated?: boolean; record?: { domain?: { name?: string } } };
    expect(reset.truncated).toBe(true);
    expect(reset.record?.domain?.name).toBe("reset.fault");
    expect(states()).toEqual({ "reset.fault": "truncated", "example.com": "done", "huge.fault": "failed" });
    const second = await runCli(args);
    expect(second.stderr).toMatch(/resuming run/);
    // example.com is finished and not asked again; the faults still cut their answers off.
    expect(second.stderr).toMatch(/bulk: 0 answered, 1 truncated, 1 failed, 0 throttled this pass/);
    expect(states()).toEqual({ "reset.fault": "truncated", "example.com": "done", "huge.fault": "failed" });
  }, 60_000);
});
