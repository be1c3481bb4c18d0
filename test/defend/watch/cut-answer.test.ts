import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { daysFromNow, REG_ONE, REGISTRY, SecondWorld, type Registration } from "./helpers/second-world.js";
import { ACME, startSecondWorld, type SecondWorldOptions } from "./helpers/second-world-server.js";
import { parseAlerts } from "./helpers/second-world-scenario.js";

/**
 * A registrar's port-43 server under load resets every connection halfway through its answer for a pass
 * (cap 0: as Verisign-style servers reset the connections past their cap; the scheduler lowers its own
 * connection cap after a reset and bulk asks once more, which saves the answer when only overlap was the
 * cause — here the retry is cut too). A cut answer is half a record: on the old code it became the
 * baseline (statuses, name servers, contacts half listed) and the next full answer, with nothing changed,
 * raised false lock-added / nameservers-changed / contact-changed alerts. It must fail its object for the
 * pass instead (named, exit 3), and the next pass must raise nothing.
 */
const locks = ["clientTransferProhibited", "clientUpdateProhibited", "clientDeleteProhibited"];
const names = ["acme-a.com", "acme-b.com"];
const domains = (): Registration[] =>
  names.map((name) => ({ name, registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net", "ns3.acme-dns.net"], statuses: locks, holder: ACME, created: "2011-01-01T00:00:00Z", updated: "2026-01-01T00:00:00Z", expires: daysFromNow(500) }));

it("a cut-off port-43 answer is no baseline and raises nothing (--protocol whois, default concurrency)", async () => {
  const serve: SecondWorldOptions = { cutPast: { [REGISTRY.com.whois]: 0, [REG_ONE.whois]: 0 } };
  const served = await startSecondWorld(new SecondWorld(domains(), []), serve);
  const dir = mkdtempSync(join(tmpdir(), "wl-watch-cut-"));
  try {
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    const env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg") };
    const store = ["--store", join(dir, "store.db")];
    expect((await runCli(["watch", "add", ...names, ...store], { env })).code).toBe(0);
    // Never wait (the scheduler's retries of a reset are skipped): a cut answer reaches the pass.
    const pass = () => runCli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "whois", "--timeout", "5000", "--max-retry-wait", "0", "--no-dns"], { env });
    const first = await pass();
    expect(parseAlerts(first.stdout)).toEqual([]);
    const cut = [...first.stderr.matchAll(/^watch: (\S+): WL_WARN_TRUNCATED: answer cut off/gm)].map((m) => m[1]);
    expect(cut.length, first.stderr).toBeGreaterThan(0);
    expect(first.code).toBe(3);
    // The servers answer in full again; nothing changed in the world.
    serve.cutPast = {};
    const second = await pass();
    expect(second.code, second.stderr).toBe(0);
    expect(parseAlerts(second.stdout)).toEqual([]);
    // The timeline skips the half records too.
    for (const name of cut) {
      const history = await runCli(["history", name ?? "", "--json", ...store], { env });
      expect(history.stdout.split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(["first-seen"]);
    }
  } finally {
    await closeRdapAgents();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
