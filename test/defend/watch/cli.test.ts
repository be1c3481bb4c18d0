import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { fakeIO, runCli } from "../../helpers/cli.js";
import { startCliWorld, type CliWorld } from "./helpers/cli-world.js";
import type { WebhookReceiver } from "./helpers/receivers.js";
import { iso, OUR_EMAIL, initialDomains } from "./helpers/scenario.js";
import type { WorldServer } from "./helpers/world-server.js";

const SECRET = "cli-secret";

describe.each(["rdap", "whois"] as const)("whoislens watch and history from the CLI (--protocol %s)", (protocol) => {
  let world: CliWorld;
  let server: WorldServer;
  let hook: WebhookReceiver;
  let dir: string;
  let common: string[];
  let env: NodeJS.ProcessEnv;
  const parse = (stdout: string): { kind: string; domain: string; severity: string; id: string }[] => stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as { kind: string; domain: string; severity: string; id: string });

  beforeAll(async () => {
    // acme-cdn.org is 20 days from expiry today: the first run says so, once.
    world = await startCliWorld("wl-watch-cli-", SECRET, { "acme-cdn.org": 20 });
    ({ server, hook, dir, env } = world);
    writeFileSync(join(dir, "config.json"), JSON.stringify({ reverseWhois: { whoxy: { apiKey: "test-key" } } }));
    env = { ...env, WHOISLENS_CONFIG: join(dir, "config.json") };
    common = ["--store", join(dir, "store.db")];
  }, 30_000);
  afterAll(() => world?.close());
  const run = (extra: string[] = []) => runCli(["watch", "run", ...common, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", protocol, "--stdout", "--webhook", hook.url, ...extra], { env });

  it("adds, lists and removes entries; refuses bad values", async () => {
    expect((await runCli(["watch", "add", "acme-widgets.org", "--crown-jewel", ...common], { env })).code).toBe(0);
    expect((await runCli(["watch", "add", "ACME-MAIL.org.", "acme-cdn.org", "acme-old.org", "198.51.100.0/24", ...common], { env })).code).toBe(0);
    expect((await runCli(["watch", "add", "--term", "email", OUR_EMAIL.toUpperCase(), ...common], { env })).code).toBe(0);
    const bad = await runCli(["watch", "add", "--term", "email", "not-an-address", ...common], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/WL_ERR_INVALID_OPTION: --term email needs an e-mail address/);
    expect((await runCli(["watch", "add", "bad..name", ...common], { env })).code).toBe(2);
    expect((await runCli(["watch", "remove", "198.51.100.0/24", ...common], { env })).code).toBe(0);
    const list = await runCli(["watch", "list", "--json", ...common], { env });
    const entries = parse(list.stdout) as unknown as { id: string; crownJewel: boolean }[];
    expect(entries.map((e) => e.id)).toEqual(["domain:acme-cdn.org", "domain:acme-mail.org", "domain:acme-old.org", "domain:acme-widgets.org", `term:email:${OUR_EMAIL}`]);
    expect(entries.find((e) => e.id === "domain:acme-widgets.org")?.crownJewel).toBe(true);
  });

  it("runs, alerts on stdout and the webhook, and never repeats an alert", async () => {
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout).map((a) => [a.kind, a.domain, a.severity])).toEqual([["expiry-near", "acme-cdn.org", "high"]]);
    server.world.update("acme-widgets.org", { registrar: { name: "Registrar Two GmbH", ianaId: "9992" } });
    server.world.update("acme-mail.org", { signed: true });
    server.world.drop("acme-old.org");
    server.world.register({ ...initialDomains()[0]!, name: "acme-widgets-login.org", created: iso(0) });
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    const alerts = parse(second.stdout).map((a) => [a.kind, a.domain, a.severity]).sort();
    expect(alerts).toEqual([
      ["dnssec-changed", "acme-mail.org", "medium"],
      ["domain-dropped", "acme-old.org", "critical"],
      ["new-domain-names-us", "acme-widgets-login.org", "high"],
      ["registrar-changed", "acme-widgets.org", "critical"],
    ]);
    expect(hook.received.map((r) => r.id).sort()).toEqual([...parse(first.stdout), ...parse(second.stdout)].map((a) => a.id).sort());
    expect(hook.received.every((r) => r.signatureOk)).toBe(true);
    const third = await run();
    expect(third.stdout).toBe("");
    expect(third.stderr).toMatch(/0 new alert\(s\)/);
  }, 60_000);

  it("prints a domain's timeline, marking the changes that raised alerts", async () => {
    const text = await runCli(["history", "acme-widgets.org", ...common], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/first-seen\s+info\s+registered/);
    expect(text.stdout).toMatch(/registrar-changed\s+high\s+Registrar One LLC \(IANA 9991\) → Registrar Two GmbH \(IANA 9992\)\s+\((rdap|whois) [^)]+\) alert [0-9a-f]{32}/);
    const json = await runCli(["history", "acme-widgets.org", "--json", ...common], { env });
    const events = parse(json.stdout) as unknown as { kind: string }[];
    expect(events.map((e) => e.kind)).toEqual(["first-seen", "registrar-changed"]);
    const none = await runCli(["history", "never-fetched.org", ...common], { env });
    expect(none.code).toBe(1);
    const noStore = await runCli(["history", "acme-widgets.org", "--store", join(dir, "typo.db")], { env });
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toContain("no store at");
    expect(existsSync(join(dir, "typo.db"))).toBe(false);
    expect((await runCli(["history", ".."], { env })).stderr).toContain('history needs a domain name such as example.com, got ".."');
  });

  it("--every keeps running until interrupted, then stops cleanly", async () => {
    const io = fakeIO({ env });
    const running = main(["watch", "run", ...common, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", protocol, "--every", "1h"], io);
    for (let i = 0; i < 200 && !io.err.join("").includes("next pass in 1h"); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(io.err.join("")).toContain("next pass in 1h");
    io.interrupt();
    expect(await running).toBe(0);
    expect(io.err.join("")).toContain("watch: stopped");
  }, 30_000);

  it("rejects bad delivery settings before fetching anything", async () => {
    const asked = server.world.asked[protocol];
    for (const extra of [["--every", "5s"], ["--syslog", "http://x:1"], ["--smtp", "smtp://127.0.0.1:25"], ["--webhook", "ftp://x/"], ["--mail-to", "a@b.example"]]) {
      const result = await runCli(["watch", "run", ...common, ...extra], { env });
      expect(result.code, extra.join(" ")).toBe(2);
    }
    expect(server.world.asked[protocol]).toBe(asked);
  });
});
