import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { SecondWorld } from "./helpers/second-world.js";
import { ACME, hijackAndLapse, NEW_NAMING_US, SECOND_WORLD_WATCHED, secondWorldDomains, secondWorldNetblocks, seedReverse, startSecondWorld, type SecondWorldServer } from "./helpers/second-world-server.js";

/**
 * `whoislens watch` from the CLI on a world written apart from the sandbox and the first watch world
 * (helpers/second-world.ts): DENIC, Nominet, AFNIC, Verisign thin + registrar and RIPE layouts on port 43,
 * RFC 9083 RDAP, a WhoisXML-style reverse API, reached through a --servers file of the real host names.
 */
interface AlertLine {
  id: string;
  kind: string;
  severity: string;
  domain: string;
  before: string | null;
  after: string | null;
  evidence: { protocol?: string; server?: string; field: string; note?: string };
}
const parse = (stdout: string): AlertLine[] => stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as AlertLine);
const view = (alerts: AlertLine[]) => alerts.map((a) => ({ kind: a.kind, severity: a.severity, domain: a.domain, before: a.before, after: a.after })).sort((x, y) => `${x.domain} ${x.kind}`.localeCompare(`${y.domain} ${y.kind}`));

/** Pass-2 alerts of each protocol, compared at the end. */
const secondPass: Record<string, ReturnType<typeof view>> = {};

describe.each(["rdap", "whois"] as const)("watch on the second world (--protocol %s)", (protocol) => {
  let served: SecondWorldServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let store: string[];
  const run = () => runCli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", protocol, "--timeout", "1500", "--concurrency", "1", "--max-retry-wait", "0"], { env });

  beforeAll(async () => {
    const world = new SecondWorld(secondWorldDomains(), secondWorldNetblocks());
    seedReverse(world);
    served = await startSecondWorld(world);
    dir = mkdtempSync(join(tmpdir(), "wl-watch-second-"));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg"), WHOISLENS_WHOISXML_KEY: "test-key" };
    store = ["--store", join(dir, "store.db")];
  }, 30_000);
  afterAll(async () => {
    await closeRdapAgents();
    await served?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("first pass: every registry answers, nothing alerts", async () => {
    expect((await runCli(["watch", "add", ...SECOND_WORLD_WATCHED, ...store], { env })).code).toBe(0);
    expect((await runCli(["watch", "add", "--term", "email", ACME.email, ...store], { env })).code).toBe(0);
    expect((await runCli(["watch", "add", "--term", "org", ACME.org, ...store], { env })).code).toBe(0);
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toEqual([]);
    expect(served.world.asked[protocol]).toBeGreaterThanOrEqual(SECOND_WORLD_WATCHED.length);
    expect(served.world.asked[protocol === "rdap" ? "whois" : "rdap"]).toBe(0);
    // Preview then purchase, per term.
    expect(served.world.asked.reverse).toBe(4);
  }, 60_000);

  it("second pass: the hijack and the lapse alert, the noise and the transient failures do not", async () => {
    hijackAndLapse(served.world);
    const second = await run();
    // Three lookups got no usable answer: exit 3, each named, and none read as "everything removed".
    expect(second.code, second.stderr).toBe(3);
    for (const name of ["acme-www.de", "acme-cdn.com", "acme-img.co.uk"]) expect(second.stderr).toContain(name);
    const alerts = parse(second.stdout);
    console.log(protocol, second.stderr, JSON.stringify(view(alerts), null, 1));
    for (const alert of alerts) expect(alert.evidence.protocol).toBe(protocol);
    secondPass[protocol] = view(alerts);
    expect(view(alerts)).toEqual(EXPECTED_PASS2[protocol]);
  }, 60_000);

  it("third pass: the failing servers answer again with only noise, and nothing is repeated", async () => {
    served.world.faults.clear();
    const third = await run();
    expect(third.code, third.stderr).toBe(0);
    expect(parse(third.stdout)).toEqual([]);
  }, 60_000);
});

describe("both protocols", () => {
  it("raise the same alerts with the same values", () => {
    expect(Object.keys(secondPass).sort()).toEqual(["rdap", "whois"]);
    expect(secondPass.whois).toEqual(secondPass.rdap);
  });
});

const EXPECTED_PASS2: Record<"rdap" | "whois", ReturnType<typeof view>> = { rdap: [], whois: [] };
