import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { BIN, ROOT } from "../../helpers/built-cli.js";
import { startCliWorld, type CliWorld } from "./helpers/cli-world.js";
import type { WebhookReceiver } from "./helpers/receivers.js";

/**
 * At-least-once across a kill -9: the built CLI is killed while its webhook POST is in flight (the
 * receiver took the request and never answers). The alert was committed to the outbox before any
 * delivery, so the next run sends it; nothing is lost, at worst sent twice (receivers dedupe by id).
 */
describe("watch run as a process: SIGKILL mid-delivery, SIGTERM between passes", () => {
  let world: CliWorld;
  let hook: WebhookReceiver;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("this test runs the built CLI: run `npm run build` first (npm test does)");
    world = await startCliWorld("wl-watch-kill-", "k", { "acme-cdn.org": 10, "acme-shop.org": 12 });
    ({ hook, dir, env } = world);
  }, 30_000);
  afterAll(() => world?.close());

  it("delivers every alert on the next run", async () => {
    const store = join(dir, "store.db");
    expect((await runCli(["watch", "add", "acme-cdn.org", "acme-shop.org", "acme-mail.org", "--store", store], { env })).code).toBe(0);
    const args = ["watch", "run", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "rdap", "--webhook", hook.url];
    hook.hang = true;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve) => (hook.onRequest = resolve));
    child.kill("SIGKILL");
    expect((await exited).signal, stderr).toBe("SIGKILL");

    const db = new Sqlite(store, { readonly: true });
    const queued = db.prepare("select count(*) as n from watch_outbox where delivered_at is null").get() as { n: number };
    const alerts = db.prepare("select kind, domain from watch_alerts order by domain").all();
    db.close();
    expect(alerts).toEqual([{ kind: "expiry-near", domain: "acme-cdn.org" }, { kind: "expiry-near", domain: "acme-shop.org" }]);
    expect(queued.n).toBe(2);
    expect(hook.received).toEqual([]);

    hook.hang = false;
    hook.onRequest = undefined;
    const again = await runCli(args, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(hook.received.map((r) => r.body.domain).sort()).toEqual(["acme-cdn.org", "acme-shop.org"]);
    expect(hook.received.every((r) => r.signatureOk)).toBe(true);
    const last = await runCli(args, { env });
    expect(last.code).toBe(0);
    expect(hook.received).toHaveLength(2);
  }, 60_000);

  it("--every keeps the process running; SIGTERM ends it cleanly after the pass, exit 0", async () => {
    const store = join(dir, "every.db");
    expect((await runCli(["watch", "add", "acme-mail.org", "--store", store], { env })).code).toBe(0);
    const child = spawn(process.execPath, [BIN, "watch", "run", "--every", "1m", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "whois"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const waiting = new Promise<void>((resolve) => child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk.toString()), stderr.includes("next pass in 1m") && resolve())));
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    await waiting;
    child.kill("SIGTERM");
    expect(await exited, stderr).toBe(0);
    expect(stderr).toContain("watch: stopped");
  }, 60_000);
});
