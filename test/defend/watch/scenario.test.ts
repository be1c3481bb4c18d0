import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverQueued, SmtpSink, WebhookSink, type Sink } from "../../../src/defend/delivery/index.js";
import { runWatch, WatchStore, type WatchRunOptions } from "../../../src/defend/watch/index.js";
import { WhoxySource } from "../../../src/footprint/sources/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { WatchWorld } from "../../../src/server/dataset/watch-world.js";
import { Store } from "../../../src/store/index.js";
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from "./helpers/receivers.js";
import { at, candidates, CHANGES, EXPECTED_RUN1, EXPECTED_RUN2, initialDomains, OUR_EMAIL, triples, WATCHED } from "./helpers/scenario.js";
import { startWorldServer, type WorldServer } from "./helpers/world-server.js";

const SECRET = "s3cret-for-tests";

describe.each(["rdap", "whois"] as const)("watch over a changing world (--protocol %s)", (protocol) => {
  let server: WorldServer;
  let store: Store;
  let dir: string;
  let hook: WebhookReceiver;
  let smtp: SmtpReceiver;
  let options: (day: number) => Partial<WatchRunOptions>;
  let sinks: () => Sink[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-watch-"));
    server = await startWorldServer(new WatchWorld(initialDomains()));
    store = await Store.open(join(dir, "store.db"));
    hook = await startWebhookReceiver(SECRET);
    smtp = await startSmtpReceiver();
    const watch = new WatchStore(store.db);
    for (const name of WATCHED) await watch.add({ kind: "domain", value: name, crownJewel: name === "acme-widgets.org" }, at(0).toISOString());
    await watch.add({ kind: "lookalikes", value: "acme-widgets.org", crownJewel: false }, at(0).toISOString());
    await watch.add({ kind: "term", field: "email", value: OUR_EMAIL, crownJewel: false }, at(0).toISOString());
    const api = { servers: server.lookup.servers!, mappedOnly: true, cacheDir: join(dir, "api-cache") };
    sinks = () => [new WebhookSink(hook.url, { secret: SECRET, attempts: 2, baseDelayMs: 10 }), new SmtpSink({ url: smtp.url, to: ["soc@acme-widgets.org"], from: "whoislens@acme-widgets.org", ca: smtp.ca, requireTls: true })];
    options = (day) => ({
      lookup: { ...server.lookup, protocol },
      candidates,
      // The scenario's candidates are asked directly (its world has no DNS server).
      dns: false,
      // A fresh cache folder each run: a watch asks the paid API again, it does not replay yesterday's answer.
      reverseSources: [new WhoxySource("test-key", { ...api, cacheDir: join(dir, `api-cache-${day}`) })],
      channels: sinks().map((s) => s.channel),
      now: () => at(day),
    });
  }, 60_000);
  afterAll(async () => {
    await closeRdapAgents();
    await store?.close();
    await server?.close();
    await hook?.stop().catch(() => undefined);
    await smtp?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it("first run: a baseline, with only the lookalike that was already registered", async () => {
    const result = await runWatch(store, options(0));
    expect(result.failed).toEqual([]);
    expect(triples(result.alerts)).toEqual(EXPECTED_RUN1);
    const reports = await deliverQueued(new WatchStore(store.db), sinks());
    expect(reports.map((r) => [r.delivered, r.queued])).toEqual([[1, 0], [1, 0]]);
    expect(hook.received.map((r) => [r.body.kind, r.body.domain, r.signatureOk])).toEqual([["lookalike-registered", "acmewidgets.org", true]]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.secure).toBe(true);
    // Every answer came over the protocol under test, and the reverse API was asked for the term.
    expect(server.world.asked[protocol]).toBeGreaterThanOrEqual(9);
    expect(server.world.asked[protocol === "rdap" ? "whois" : "rdap"]).toBe(0);
    expect(server.world.asked.reverse).toBe(1);
  }, 60_000);

  it("second run, receivers down: exactly the expected alerts, all kept queued", async () => {
    for (const change of CHANGES) change.apply(server.world);
    await hook.stop();
    await smtp.stop();
    const result = await runWatch(store, options(60));
    expect(result.failed).toEqual([]);
    expect(triples(result.alerts)).toEqual(EXPECTED_RUN2);
    const byKind = Object.fromEntries(result.alerts.map((a) => [a.kind, a]));
    expect(byKind["registrar-changed"]).toMatchObject({ before: "Registrar One LLC (IANA 9991)", after: "Registrar Two GmbH (IANA 9992)", evidence: { protocol, field: "registrar" } });
    expect(byKind["nameservers-changed"]?.after).toBe("ns1.evil-dns.example ns2.evil-dns.example");
    expect(byKind["lock-removed"]?.evidence.note).toBe("removed: clienttransferprohibited");
    expect(byKind["expiry-near"]?.evidence.note).toBe("20 days left");
    expect(byKind["new-domain-names-us"]?.evidence.note).toMatch(/found by whoxy; registrar Registrar Two GmbH/);
    expect(byKind["lookalike-registered"]?.evidence.note).toBe("fuzzer replacement of acme-widgets.org");
    const reports = await deliverQueued(new WatchStore(store.db), sinks());
    expect(reports.map((r) => [r.delivered, r.queued])).toEqual([[0, 8], [0, 8]]);
    expect(reports.every((r) => r.error !== undefined)).toBe(true);
    expect(hook.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  }, 60_000);

  it("third run, receivers back: nothing new is raised, and the queued alerts arrive once", async () => {
    await hook.start();
    await smtp.start();
    const result = await runWatch(store, options(61));
    expect(result.alerts).toEqual([]);
    expect(result.checked).toBe(WATCHED.length + candidates("acme-widgets.org").length);
    await deliverQueued(new WatchStore(store.db), sinks());
    const late = hook.received.slice(1);
    expect(triples(late.map((r) => r.body as { kind: string; domain: string; severity: string }))).toEqual(EXPECTED_RUN2);
    expect(late.every((r) => r.signatureOk)).toBe(true);
    expect(smtp.mails).toHaveLength(2);
    const ids = late.map((r) => r.id).sort();
    expect(/X-Whoislens-Alert-Ids: ([0-9a-f ]+)/.exec(smtp.mails[1]?.data.replace(/\r?\n\s+/g, " ") ?? "")?.[1]?.trim().split(" ").sort()).toEqual(ids);
    expect(smtp.mails[1]?.data).toContain("registrar-changed acme-widgets.org");
    // A fourth run delivers nothing again: de-duplicated by alert id.
    expect((await runWatch(store, options(62))).alerts).toEqual([]);
    const reports = await deliverQueued(new WatchStore(store.db), sinks());
    expect(reports.map((r) => r.delivered)).toEqual([0, 0]);
    expect(hook.received).toHaveLength(9);
    expect(smtp.mails).toHaveLength(2);
  }, 60_000);
});
