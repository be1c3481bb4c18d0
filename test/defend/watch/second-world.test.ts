import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { startDnsmasq } from "../../helpers/dnsmasq.js";
import { parseAlerts, type AlertLine } from "./helpers/second-world-scenario.js";
import { daysFromNow, REG_ONE, REGISTRY, SecondWorld } from "./helpers/second-world.js";
import { ACME, ATTACKER, hijackAndLapse, LOOKALIKE, LOOKALIKE_DNS, NEW_NAMING_US, SECOND_WORLD_WATCHED, secondWorldDomains, secondWorldNetblocks, seedReverse, startSecondWorld, type SecondWorldServer } from "./helpers/second-world-server.js";

/**
 * `whoislens watch` from the CLI on a world written apart from the sandbox and the first watch world
 * (helpers/second-world.ts): DENIC, Nominet, AFNIC, Verisign thin + registrar and RIPE layouts on port 43,
 * RFC 9083 RDAP, a WhoisXML-style reverse API, reached through a --servers file of the real host names.
 */
const parse = parseAlerts;
type View = { kind: string; severity: string; domain: string; before: string | null; after: string | null };
const order = (views: View[]): View[] => views.sort((x, y) => (`${x.domain} ${x.kind} ${x.after}` < `${y.domain} ${y.kind} ${y.after}` ? -1 : 1));
const view = (alerts: AlertLine[]): View[] => order(alerts.map((a) => ({ kind: a.kind, severity: a.severity, domain: a.domain, before: a.before, after: a.after })));

/** The lookalike check asks a real DNS server (Debian's dnsmasq, loopback, no upstream); without it that part is left out. */
const haveDnsmasq = spawnSync("dnsmasq", ["--version"], { stdio: "ignore" }).status === 0;
if (!haveDnsmasq) console.warn("second-world: dnsmasq not installed; the lookalike and nameserver-term part is skipped (bash scripts/ci-tools.sh)");

/** The alerts of passes 2 and 3 of each protocol, compared at the end. */
const raised: Record<string, View[]> = {};
/**
 * Over RDAP, DENIC's 429 (Retry-After: 3600, past --max-retry-wait) pauses rdap.denic.de for the pass: the
 * second ask that confirms acme-old.de's drop is not sent (the pass says so, exit 3), and the drop is
 * raised by the next pass. DENIC's port-43 refusal names no wait: there the drop is confirmed at once.
 */
const deferred = (protocol: string) => (a: View): boolean => protocol === "rdap" && a.kind === "domain-dropped";

interface Served {
  served: SecondWorldServer;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** `--store PATH` */
  store: string[];
  dns?: { port: number; child: ChildProcess };
  /** Runs `whoislens` in-process with this world's environment. */
  cli(args: string[]): ReturnType<typeof runCli>;
}

/**
 * A describe block's second world (made in beforeAll, with `watched` added to a fresh store; the reverse
 * API seeded; dnsmasq for the lookalike check when asked and installed) and its tear-down in afterAll.
 */
function useSecondWorld(prefix: string, watched: readonly string[], options: { dns?: boolean } = {}): () => Served {
  let ctx: Served | undefined;
  beforeAll(async () => {
    const world = new SecondWorld(secondWorldDomains(), secondWorldNetblocks());
    seedReverse(world);
    const served = await startSecondWorld(world);
    const dir = mkdtempSync(join(tmpdir(), prefix));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    const env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg"), WHOISLENS_WHOISXML_KEY: "test-key" };
    const store = ["--store", join(dir, "store.db")];
    ctx = { served, dir, env, store, cli: (args) => runCli(args, { env }) };
    if (options.dns && haveDnsmasq) ctx.dns = await startDnsmasq(LOOKALIKE_DNS, LOOKALIKE);
    expect((await ctx.cli(["watch", "add", ...watched, ...store])).code).toBe(0);
  }, 30_000);
  afterAll(async () => {
    ctx?.dns?.child.kill();
    await closeRdapAgents();
    await ctx?.served.close();
    if (ctx) rmSync(ctx.dir, { recursive: true, force: true });
  });
  return () => {
    if (!ctx) throw new Error("the second world is not started (outside a test)");
    return ctx;
  };
}

describe.each(["rdap", "whois"] as const)("watch on the second world (--protocol %s)", (protocol) => {
  const world = useSecondWorld("wl-watch-second-", SECOND_WORLD_WATCHED, { dns: true });
  const run = () => {
    const { cli, store, dir, dns } = world();
    return cli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", protocol, "--timeout", "3000", "--max-retry-wait", "0", ...(dns ? ["--resolver", `127.0.0.1:${dns.port}`] : ["--no-dns"])]);
  };

  it("first pass: every registry answers, nothing alerts", async () => {
    const { cli, store, dns, served } = world();
    expect((await cli(["watch", "add", "--term", "email", ACME.email, ...store])).code).toBe(0);
    expect((await cli(["watch", "add", "--term", "org", ACME.org, ...store])).code).toBe(0);
    if (dns) {
      expect((await cli(["watch", "add", "acme-widgets.com", "--lookalikes", ...store])).code).toBe(0);
      expect((await cli(["watch", "add", "--term", "nameserver", "NS1.acme-dns.net.", ...store])).code).toBe(0);
    }
    const bad = await cli(["watch", "run", ...store, "--max-retry-wait", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/max-retry-wait/);
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toEqual([]);
    expect(served.world.asked[protocol]).toBeGreaterThanOrEqual(SECOND_WORLD_WATCHED.length);
    expect(served.world.asked[protocol === "rdap" ? "whois" : "rdap"]).toBe(0);
    // Preview then purchase, per term.
    expect(served.world.asked.reverse).toBe(4);
  }, 60_000);

  it("second pass: the hijack and the lapse alert, the noise and the transient failures do not", async () => {
    const { served } = world();
    hijackAndLapse(served.world);
    const second = await run();
    // Three lookups got no usable answer: exit 3, each named, and none read as "everything removed".
    expect(second.code, second.stderr).toBe(3);
    for (const name of ["acme-www.de", "acme-cdn.com", "acme-img.co.uk"]) expect(second.stderr).toContain(name);
    if (protocol === "rdap") expect(second.stderr).toMatch(/acme-old\.de: WL_ERR_THROTTLED/);
    const alerts = parse(second.stdout);
    for (const alert of alerts) expect(alert.evidence.protocol).toBe(protocol);
    raised[protocol] = view(alerts);
    expect(view(alerts)).toEqual(expectedPass2().filter((a) => !deferred(protocol)(a)));
    // acme-shop.com said "no match" once and was asked again: no drop, and the pass says so.
    expect(second.stderr).toContain('answered "not registered" once, then registered on a second ask (no drop): acme-shop.com');
    expect(served.world.faults.has("acme-shop.com")).toBe(false);
    // The new registration's alert says who found it and where it is registered.
    const named = alerts.filter((a) => a.kind === "new-domain-names-us");
    // Our e-mail and organisation: the paid API; our name server: the store's own index (the lookalike fetched this pass).
    for (const alert of named) expect(alert.evidence.note).toMatch(alert.after?.startsWith("nameserver:") ? /^found by store; registrar Quickhost Registrar LLC; created / : /^found by whoisxml; registrar Quickhost Registrar LLC; created /);
    if (haveDnsmasq) expect(named.map((a) => a.after).sort()).toEqual([`email: ${ACME.email}`, `nameserver: ns1.acme-dns.net`, `org: ${ACME.org}`]);
  }, 60_000);

  it("third pass: the failing servers answer again with only noise, nothing is repeated, and the drop the 429 held back (RDAP) comes now", async () => {
    const { served } = world();
    served.world.faults.clear();
    const third = await run();
    expect(third.code, third.stderr).toBe(0);
    const late = view(parse(third.stdout));
    expect(late).toEqual(expectedPass2().filter(deferred(protocol)));
    raised[protocol] = order([...(raised[protocol] ?? []), ...late]);
    // The timeline tells the same story: the hijack's changes, each with its alert's id; the lagging
    // "no match" of acme-shop.com is no drop there either.
    const { cli, store } = world();
    const events = (text: string) => text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { kind: string; alert?: string; protocol: string });
    const hijack = events((await cli(["history", "acme-widgets.com", "--json", ...store])).stdout);
    expect(hijack.map((e) => e.kind).sort()).toEqual(["contact-changed", "dnssec-changed", "first-seen", "lock-removed", "nameservers-changed", "registrar-changed"]);
    expect(hijack.filter((e) => e.kind !== "first-seen").every((e) => e.alert !== undefined && e.protocol === protocol)).toBe(true);
    expect(events((await cli(["history", "acme-shop.com", "--json", ...store])).stdout).map((e) => e.kind)).toEqual(["first-seen"]);
  }, 60_000);
});

describe("both protocols", () => {
  it("raise the same alerts with the same values", () => {
    expect(Object.keys(raised).sort()).toEqual(["rdap", "whois"]);
    expect(raised.whois).toEqual(raised.rdap);
    expect(raised.rdap).toEqual(expectedPass2());
  });
});

/** What the second pass must raise (the same over both protocols), sorted by domain then kind. */
function expectedPass2(): View[] {
  const old = secondWorldDomains()[0]?.expires ?? "";
  const near = daysFromNow(12);
  const ours = "registrant: Acme Widgets SE / hostmaster@acme-widgets.com; admin: Acme Widgets SE / hostmaster@acme-widgets.com";
  const alert = (domain: string, kind: string, severity: string, before: string | null, after: string | null) => ({ kind, severity, domain, before, after });
  return order([
    alert("185.12.64.0/24", "network-changed", "medium", "handle: 185.12.64.0 - 185.12.64.255; name: ACME-WIDGETS-NET; organization: Acme Widgets SE; range: 185.12.64.0/24; contacts: registrant: Acme Widgets SE / noc@acme-widgets.com", "handle: 185.12.64.0 - 185.12.64.255; name: ACME-WIDGETS-NET; organization: Quickhost Servers Ltd; range: 185.12.64.0/24; contacts: registrant: Quickhost Servers Ltd / noc@quickhost.example"),
    alert("acme-mail.fr", "contact-changed", "medium", ours, "registrant: Acme Holdings Ltd / domains@acme-holdings.example; admin: Acme Holdings Ltd / domains@acme-holdings.example"),
    ...(haveDnsmasq
      ? [
          alert(LOOKALIKE, "lookalike-registered", "high", "available", `registrar: Quickhost Registrar LLC (IANA 9202); nameservers: ns1.acme-dns.net ns2.acme-dns.net; contacts: registrant: ${ATTACKER.org} / ${ATTACKER.email}; admin: ${ATTACKER.org} / ${ATTACKER.email}; created: ${daysFromNow(-2)}`),
          alert(LOOKALIKE, "new-domain-names-us", "high", null, "nameserver: ns1.acme-dns.net"),
        ]
      : []),
    alert(NEW_NAMING_US, "new-domain-names-us", "high", null, `email: ${ACME.email}`),
    alert(NEW_NAMING_US, "new-domain-names-us", "high", null, `org: ${ACME.org}`),
    alert("acme-widgets.co.uk", "expiry-changed", "high", old, near),
    alert("acme-widgets.co.uk", "expiry-near", "high", null, near),
    alert("acme-widgets.com", "contact-changed", "medium", ours, "registrant: Privacy Shield Services / owner@quickhost-privacy.example; admin: Privacy Shield Services / owner@quickhost-privacy.example"),
    alert("acme-widgets.com", "dnssec-changed", "high", "signed", "unsigned"),
    alert("acme-widgets.com", "lock-removed", "high", "clientdeleteprohibited clienttransferprohibited clientupdateprohibited servertransferprohibited", "servertransferprohibited"),
    alert("acme-widgets.com", "nameservers-changed", "high", "ns1.acme-dns.net ns2.acme-dns.net", "ns1.quickhost-dns.example ns2.quickhost-dns.example"),
    alert("acme-widgets.com", "registrar-changed", "high", "RegOne Domains, Inc. (IANA 9101)", "Quickhost Registrar LLC (IANA 9202)"),
    alert("acme-widgets.de", "nameservers-changed", "high", "ns1.acme-dns.net ns2.acme-dns.net", "a.ns.quickhost-dns.example b.ns.quickhost-dns.example"),
    // The registry lifted its lock as it started the deletion; entering redemption is a lapse under way (high).
    alert("acme-widgets.fr", "lock-removed", "high", "servertransferprohibited", null),
    alert("acme-widgets.fr", "status-changed", "high", null, "pendingdelete redemptionperiod"),
    alert("acme-old.de", "domain-dropped", "critical", "registered", "available"),
  ]);
}

describe("watch on the second world (--protocol auto): a registrar down, then RDAP down", () => {
  const world = useSecondWorld("wl-watch-second-auto-", SECOND_WORLD_WATCHED);
  const run = () => {
    const { cli, store, dir } = world();
    return cli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--timeout", "3000", "--max-retry-wait", "0", "--no-dns"]);
  };

  it("a partial answer (the registrar's servers down) and a fallback to port 43 (every RDAP server down) raise nothing", async () => {
    const { served } = world();
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toEqual([]);
    served.world.noise();
    for (const host of [REG_ONE.whois, REG_ONE.rdap]) served.world.down.add(host);
    const partial = await run();
    expect(parse(partial.stdout)).toEqual([]);
    served.world.down.clear();
    for (const registry of Object.values(REGISTRY)) served.world.down.add(registry.rdap);
    const fallback = await run();
    expect(parse(fallback.stdout)).toEqual([]);
  }, 60_000);

  it("a change made while the registrar was down is still found once it answers again", async () => {
    const { served } = world();
    served.world.down.clear();
    served.world.update("acme-shop.com", { holder: { ...ACME, org: "Shop Holdings Ltd", email: "admin@shop-holdings.example" } });
    // The registry answers, the registrar (who holds the registrant) does not: the change cannot be seen yet.
    for (const host of [REG_ONE.whois, REG_ONE.rdap]) served.world.down.add(host);
    const hidden = await run();
    expect(parse(hidden.stdout)).toEqual([]);
    served.world.down.clear();
    const back = await run();
    expect(back.code, back.stderr).toBe(0);
    expect(view(parse(back.stdout))).toEqual([
      {
        kind: "contact-changed",
        severity: "medium",
        domain: "acme-shop.com",
        before: "registrant: Acme Widgets SE / hostmaster@acme-widgets.com; admin: Acme Widgets SE / hostmaster@acme-widgets.com",
        after: "registrant: Shop Holdings Ltd / admin@shop-holdings.example; admin: Shop Holdings Ltd / admin@shop-holdings.example",
      },
    ]);
  }, 60_000);
});

describe("watch on the second world with --rdap-url (one RDAP server asked for everything)", () => {
  const world = useSecondWorld("wl-watch-second-rdapurl-", ["acme-widgets.fr", "acme-mail.fr"]);
  const run = () => {
    // Only the RDAP base is given. (--servers-only refuses a --rdap-url host not in the map, as it refuses -h:
    // src/lookup/routes.ts.) With --protocol rdap every query goes to that base; the AFNIC-style answers
    // link nowhere else, and the counters below show every query reached the world.
    const { cli, store, served } = world();
    return cli(["watch", "run", ...store, "--rdap-url", served.serverMap[REGISTRY.fr.rdap] ?? "", "--protocol", "rdap", "--no-follow", "--timeout", "3000"]);
  };

  it("raises the AFNIC changes from the RDAP base the user named", async () => {
    const { served } = world();
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toEqual([]);
    hijackAndLapse(served.world);
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    const alerts = parse(second.stdout);
    expect(alerts.every((a) => a.evidence.protocol === "rdap")).toBe(true);
    expect(view(alerts)).toEqual(expectedPass2().filter((a) => a.domain.endsWith(".fr")));
    expect(served.world.asked).toEqual({ whois: 0, rdap: 4, reverse: 0 });
  }, 60_000);
});
