import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { parseAlerts } from "./helpers/second-world-scenario.js";
import { daysFromNow, REG_ONE, REG_TWO, REGISTRY, SecondWorld, type Registration } from "./helpers/second-world.js";
import { ACME, ATTACKER, startSecondWorld, writeSecondWorldBootstrap, type SecondWorldServer } from "./helpers/second-world-server.js";

/**
 * `whoislens watch` on the second world (helpers/second-world.ts) for a TLD that no built-in table knows
 * (.zqw): over port 43 the route starts at whois.iana.org (its TLD object's `refer:`), learned once and
 * kept (the discovery file, not the answer cache: watch never uses that); over RDAP the bootstrap file
 * (RFC 9224, --bootstrap-dir) names the registry. Through that hop a registrar transfer and a registrant
 * change must alert, with the registry as the evidence's server. Beside it, a Nominet registrant change
 * (its answer's "Registrant:" section, a label on a line of its own) end to end, not only in diff.test.ts.
 */
const parse = parseAlerts;

const common = { created: "2016-05-02T09:00:00Z", updated: "2026-03-02T11:00:00Z", expires: daysFromNow(300) };
const locks = ["clientTransferProhibited"];
const DOMAINS: Registration[] = [
  { ...common, name: "acme-widgets.zqw", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: locks, holder: ACME },
  { ...common, name: "acme-labs.zqw", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: locks, holder: ACME },
  { ...common, name: "acme-widgets.co.uk", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], holder: ACME },
];
const WATCHED = DOMAINS.map((d) => d.name);
const NEW_UK_HOLDER = { handle: "AH9-NOMINET", org: "Acme Holdings Ltd", email: "domains@acme-holdings.example" };

/** Alerts of each protocol, compared at the end. */
const seen: Record<string, { kind: string; domain: string }[]> = {};

describe.each(["whois", "rdap"] as const)("watch through an IANA hop / the bootstrap (--protocol %s)", (protocol) => {
  let served: SecondWorldServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    served = await startSecondWorld(new SecondWorld(DOMAINS, []));
    dir = mkdtempSync(join(tmpdir(), "wl-watch-iana-"));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    writeSecondWorldBootstrap(dir);
    env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg") };
    expect((await runCli(["watch", "add", ...WATCHED, "--store", join(dir, "store.db")], { env })).code).toBe(0);
  }, 30_000);
  afterAll(async () => {
    await closeRdapAgents();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pass = () =>
    runCli(["watch", "run", "--store", join(dir, "store.db"), "--servers", join(dir, "servers.json"), "--servers-only", "--bootstrap-dir", dir, "--protocol", protocol, "--timeout", "3000", "--max-retry-wait", "0", "--no-dns"], { env });

  it("first pass: the registry of .zqw is found (port 43: asked of IANA once for both names), nothing alerts", async () => {
    const first = await pass();
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toEqual([]);
    expect(first.stderr).toMatch(/3 checked, 0 failed, 0 new alert/);
    // Port 43: one question to IANA for the TLD, then the registry for each name; RDAP: the bootstrap file, no IANA.
    expect(served.world.ianaAsked).toBe(protocol === "whois" ? 1 : 0);
    expect(served.world.asked[protocol === "whois" ? "rdap" : "whois"]).toBe(0);
  }, 60_000);

  it("second pass: the transfer and the registrant change alert through that hop, Nominet's registrant change too; IANA is not asked again", async () => {
    served.world.noise();
    served.world.update("acme-widgets.zqw", { registrar: REG_TWO, holder: ATTACKER });
    served.world.update("acme-widgets.co.uk", { holder: NEW_UK_HOLDER });
    const second = await pass();
    expect(second.code, second.stderr).toBe(0);
    const alerts = parse(second.stdout);
    seen[protocol] = alerts.map((a) => ({ kind: a.kind, domain: a.domain })).sort((x, y) => `${x.domain} ${x.kind}`.localeCompare(`${y.domain} ${y.kind}`));
    expect(seen[protocol]).toEqual([
      { kind: "contact-changed", domain: "acme-widgets.co.uk" },
      { kind: "contact-changed", domain: "acme-widgets.zqw" },
      { kind: "registrar-changed", domain: "acme-widgets.zqw" },
    ]);
    const zqw = alerts.filter((a) => a.domain === "acme-widgets.zqw");
    for (const alert of alerts) expect(alert.evidence.protocol).toBe(protocol);
    for (const alert of zqw) expect(alert.evidence.server).toBe(protocol === "whois" ? REGISTRY.zqw.whois : REGISTRY.zqw.rdap);
    const registrar = zqw.find((a) => a.kind === "registrar-changed");
    expect(registrar?.severity).toBe("high");
    expect(registrar?.before).toBe(`${REG_ONE.name} (IANA ${REG_ONE.ianaId})`);
    expect(registrar?.after).toBe(`${REG_TWO.name} (IANA ${REG_TWO.ianaId})`);
    const holder = zqw.find((a) => a.kind === "contact-changed");
    expect(holder?.before).toContain(ACME.org);
    expect(holder?.after).toContain(ATTACKER.org);
    expect(holder?.after).not.toContain(ACME.org);
    // Nominet names the registrant's organisation in its section over port 43, the entity over RDAP.
    const uk = alerts.find((a) => a.domain === "acme-widgets.co.uk");
    expect(uk?.evidence.server).toBe(protocol === "whois" ? REGISTRY.uk.whois : REGISTRY.uk.rdap);
    expect(uk?.before).toContain(ACME.org);
    expect(uk?.after).toContain(NEW_UK_HOLDER.org);
    expect(uk?.after).not.toContain(ACME.org);
    // The route was learned once (on disk, across passes): the registry answered, IANA was not asked again.
    expect(served.world.ianaAsked).toBe(protocol === "whois" ? 1 : 0);
  }, 60_000);
});

describe("the IANA hop and the bootstrap", () => {
  it("raise the same alerts over both protocols", () => {
    expect(Object.keys(seen).sort()).toEqual(["rdap", "whois"]);
    expect(seen.whois).toEqual(seen.rdap);
  });
});
