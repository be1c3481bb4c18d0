import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { daysFromNow, REG_ONE, REGISTRY, SecondWorld, type Registration } from "./helpers/second-world.js";
import { ACME, startSecondWorld } from "./helpers/second-world-server.js";
import { parseAlerts } from "./helpers/second-world-scenario.js";

/**
 * One registry (Nominet, both protocols) answers a rate limit for one domain while others are in flight,
 * at the concurrency a user gets (the default) and the default --max-retry-wait (60 s). Every answer takes
 * 400 ms, so the queries sent after the throttled one are still on the wire when its refusal comes back.
 * - A wait within the cap (Retry-After: 1, or "replenished in 1 seconds"): the throttled one is asked again
 *   after the wait, and every change alerts in that pass.
 * - A wait past the cap (3600 s): the in-flight ones finish and alert; nothing more is sent to that server
 *   in the pass — the drop confirmation of a domain let go included (it used to be sent by a fresh
 *   scheduler); the rest and the throttled one are named (exit 3) and alert next pass, once each.
 * The throttled answer itself never alerts ("everything removed").
 */
const DELAY_MS = 400;
const names = Array.from({ length: 8 }, (_, i) => `acme-uk-${i + 1}.co.uk`);
const THROTTLED = "acme-uk-3.co.uk";
/** Let go between the passes: its drop needs a second ask, after the throttle. */
const DROPPED = "acme-uk-1.co.uk";
const common = { registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], created: "2012-03-01T09:00:00Z", updated: "2026-03-02T11:00:00Z", expires: daysFromNow(300) };
const domains = (): Registration[] => names.map((name, i) => ({ ...common, name, holder: { ...ACME, handle: `AW${i}-NOMINET` } }));
const NEW_HOLDER = { handle: "AH9-NOMINET", org: "Acme Holdings Ltd", email: "domains@acme-holdings.example" };

async function scenario(protocol: "rdap" | "whois", retryAfterSeconds: number) {
  const world = new SecondWorld(domains(), []);
  const served = await startSecondWorld(world, { delayMs: () => DELAY_MS });
  const dir = mkdtempSync(join(tmpdir(), "wl-watch-throttle-"));
  try {
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    const env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg") };
    const store = ["--store", join(dir, "store.db")];
    expect((await runCli(["watch", "add", ...names, ...store], { env })).code).toBe(0);
    const pass = () => runCli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", protocol, "--timeout", "5000", "--no-dns"], { env });
    const first = await pass();
    expect(first.code, first.stderr).toBe(0);
    expect(parseAlerts(first.stdout)).toEqual([]);
    for (const name of names) if (name !== DROPPED) world.update(name, { holder: NEW_HOLDER });
    world.domains.delete(DROPPED);
    world.retryAfterSeconds = retryAfterSeconds;
    world.faults.set(THROTTLED, "rate-limit");
    if (retryAfterSeconds <= 60) world.onceLimited.add(THROTTLED);
    world.log.length = 0;
    const second = await pass();
    const log = [...world.log];
    world.faults.clear();
    const third = await pass();
    return { second, third, log, host: protocol === "rdap" ? REGISTRY.uk.rdap : REGISTRY.uk.whois };
  } finally {
    await closeRdapAgents();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const changed = (alerts: { domain: string; kind: string }[]) => alerts.map((a) => `${a.domain} ${a.kind}`).sort();
const everyChange = [`${DROPPED} domain-dropped`, ...names.filter((n) => n !== DROPPED).map((n) => `${n} contact-changed`)].sort();

describe.each(["rdap", "whois"] as const)("a rate limit for one domain while others are in flight (--protocol %s, default concurrency)", (protocol) => {
  it("a wait past --max-retry-wait: the in-flight ones finish and alert, the server is not asked again in the pass, the rest alert next pass", async () => {
    const { second, third, log, host } = await scenario(protocol, 3600);
    expect(second.code, second.stderr).toBe(3);
    const refusal = log.find((q) => q.host === host && q.fault === "rate-limit");
    if (!refusal) throw new Error(`no rate-limit answer in the log: ${JSON.stringify(log)}`);
    const answeredAt = refusal.at + DELAY_MS;
    const atServer = log.filter((q) => q.host === host);
    // Sent after the throttled query but before its refusal came back: in flight.
    const inFlight = atServer.filter((q) => q.at > refusal.at && q.at < answeredAt - 50);
    expect(inFlight.length, JSON.stringify(atServer)).toBeGreaterThan(0);
    // Once it said "wait an hour", no more than what was already on its way (the server's two connections,
    // one per 250 ms of its pace: a loaded machine only sends fewer), and never the drop's second ask.
    expect(atServer.filter((q) => q.at > refusal.at).length, JSON.stringify(atServer)).toBeLessThanOrEqual(3);
    expect(atServer.filter((q) => q.query === DROPPED).length, JSON.stringify(atServer)).toBe(1);
    const early = parseAlerts(second.stdout);
    for (const q of inFlight) if (q.query !== DROPPED) expect(changed(early)).toContain(`${q.query} contact-changed`);
    expect(early.filter((a) => a.domain === THROTTLED)).toEqual([]);
    // The drop could not be confirmed (its second ask would go to the paused server): named, not raised.
    expect(changed(early)).not.toContain(`${DROPPED} domain-dropped`);
    expect(second.stderr).toContain(`watch: ${THROTTLED}: WL_ERR_THROTTLED`);
    const late = parseAlerts(third.stdout);
    expect(third.code, third.stderr).toBe(0);
    // Every change once, across the two passes.
    expect(changed([...early, ...late])).toEqual(everyChange);
  }, 120_000);

  it("a wait within --max-retry-wait: the rest wait it out and every change alerts in that pass", async () => {
    const { second, third, log, host } = await scenario(protocol, 1);
    expect(second.code, second.stderr).toBe(0);
    const refusal = log.find((q) => q.host === host && q.fault === "rate-limit");
    if (!refusal) throw new Error("no rate-limit answer in the log");
    // The throttled one is asked again only after the second it asked for (its refusal took DELAY_MS to come back).
    const again = log.filter((q) => q.host === host && q.query === THROTTLED);
    expect(again.length).toBe(2);
    expect((again[1]?.at ?? 0) - refusal.at).toBeGreaterThanOrEqual(DELAY_MS + 1000 - 20);
    expect(changed(parseAlerts(second.stdout))).toEqual(everyChange);
    expect(parseAlerts(third.stdout)).toEqual([]);
  }, 120_000);
});
