import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { startSandbox, type Sandbox } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";

describe("bulk against the sandbox world's throttling servers", () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ throttleAfter: 3 });
    dir = mkdtempSync(join(tmpdir(), "wl-sbulk-"));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(sandbox.serverMap));
    writeFileSync(join(dir, "in.txt"), ["example.com", "acme-widgets.com", "privacy-example.com", "café.com", "example.net", "never-registered-example.com"].join("\n"));
  });
  afterAll(async () => {
    await closeRdapAgents();
    await sandbox.close();
  });

  it("never stores a refusal as data, and a later run (limits reset) completes the job", async () => {
    const store = join(dir, "s.db");
    const args = ["bulk", join(dir, "in.txt"), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", join(dir, "servers.json"), "--servers-only", "--store", store, "--timeout", "2000"];
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
    sandbox.resetCounters();
    const second = await runCli(args);
    expect(second.stderr).toMatch(/resuming run/);
    const after = new Sqlite(store, { readonly: true });
    const done = after.prepare("select count(*) as n from queries where state = 'done'").get() as { n: number };
    after.close();
    expect(done.n).toBe(6);
  }, 60_000);
});
