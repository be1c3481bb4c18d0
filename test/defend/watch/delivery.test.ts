import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createSocket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpSink, WebhookSink } from "../../../src/defend/delivery/index.js";
import { WatchStore, type Alert } from "../../../src/defend/watch/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { WatchWorld } from "../../../src/server/dataset/watch-world.js";
import { Store } from "../../../src/store/index.js";
import { runCli } from "../../helpers/cli.js";
import { httpServer, type TestServer } from "../../helpers/servers.js";
import { loopbackCertificate, startSmtpReceiver, type SmtpReceiver } from "./helpers/receivers.js";
import { initialDomains, iso } from "./helpers/scenario.js";
import { startWorldServer, type WorldServer } from "./helpers/world-server.js";

const alert = (domain: string): Alert => ({ id: domain.padEnd(32, "0").slice(0, 32), kind: "domain-dropped", severity: "critical", domain, before: "registered", after: "available", evidence: { field: "status", entry: `domain:${domain}` }, firstSeen: "2026-12-06T00:00:00.000Z" });

describe("webhook retries", () => {
  const statuses: number[] = [];
  let answers: number[] = [];
  let server: TestServer;
  beforeAll(async () => {
    server = await httpServer((request, response) => {
      request.resume();
      request.on("end", () => {
        const status = answers.shift() ?? 204;
        statuses.push(status);
        response.writeHead(status, status === 429 ? { "retry-after": "0" } : {});
        response.end();
      });
    });
  });
  afterAll(() => server.close());

  it("retries a 5xx or 429 with backoff and counts the alert delivered when a try succeeds", async () => {
    answers = [503, 429, 204];
    statuses.length = 0;
    const outcome = await new WebhookSink(`http://127.0.0.1:${server.port}/h`, { attempts: 4, baseDelayMs: 5 }).send([alert("a.org")]);
    expect(outcome).toEqual({ delivered: [alert("a.org").id] });
    expect(statuses).toEqual([503, 429, 204]);
  });

  it("stops at a 4xx that asking again cannot fix, and leaves the rest for the next pass", async () => {
    answers = [400];
    statuses.length = 0;
    const outcome = await new WebhookSink(`http://127.0.0.1:${server.port}/h`, { attempts: 4, baseDelayMs: 5 }).send([alert("a.org"), alert("b.org")]);
    expect(outcome).toEqual({ delivered: [], error: "HTTP 400" });
    expect(statuses).toEqual([400]);
  });

  it("names the channel by destination, never by credentials or query tokens", () => {
    expect(new WebhookSink("https://user:pw@hooks.example/a/b?token=t").channel).toBe("webhook:https://hooks.example/a/b");
  });
});

describe("SMTP STARTTLS", () => {
  it("--smtp-require-tls refuses a server that offers no STARTTLS; without it the mail goes in clear", async () => {
    const { SMTPServer } = await import("smtp-server");
    const mails: boolean[] = [];
    const server = new SMTPServer({ disabledCommands: ["STARTTLS"], authOptional: true, logger: false, onData: (stream, session, done) => (stream.resume(), stream.on("end", () => (mails.push(session.secure), done()))) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.server.address() as { port: number }).port;
    try {
      const strict = await new SmtpSink({ url: `smtp://127.0.0.1:${port}`, to: ["a@b.example"], from: "w@b.example", requireTls: true, timeoutMs: 5000 }).send([alert("a.org")]);
      expect(strict.delivered).toEqual([]);
      expect(strict.error).toMatch(/STARTTLS/i);
      const lax = await new SmtpSink({ url: `smtp://127.0.0.1:${port}`, to: ["a@b.example"], from: "w@b.example", timeoutMs: 5000 }).send([alert("a.org")]);
      expect(lax.delivered).toHaveLength(1);
      expect(mails).toEqual([false]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("watch run --smtp and --syslog from the CLI", () => {
  let server: WorldServer;
  let smtp: SmtpReceiver;
  let dir: string;
  const datagrams: string[] = [];
  const udp = createSocket("udp4");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-watch-deliv-"));
    const world = new WatchWorld(initialDomains());
    world.update("acme-cdn.org", { expires: iso(5) });
    server = await startWorldServer(world);
    smtp = await startSmtpReceiver(loopbackCertificate());
    writeFileSync(join(dir, "servers.json"), JSON.stringify(server.serverMap));
    writeFileSync(join(dir, "ca.pem"), smtp.ca);
    udp.on("message", (message) => datagrams.push(message.toString("utf8")));
    await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", () => resolve()));
  });
  afterAll(async () => {
    udp.close();
    await closeRdapAgents();
    await server.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("mails the alerts over STARTTLS (CA from --smtp-ca) and logs them to syslog", async () => {
    const env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg") };
    const storeArgs = ["--store", join(dir, "s.db")];
    expect((await runCli(["watch", "add", "acme-cdn.org", "acme-mail.org", ...storeArgs], { env })).code).toBe(0);
    const run = await runCli(
      ["watch", "run", ...storeArgs, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "whois", "--smtp-ca", join(dir, "ca.pem"), "--smtp-require-tls", "--mail-to", "soc@acme.example", "--mail-from", "watch@acme.example", "--syslog", `udp://127.0.0.1:${udp.address().port}`],
      // The SMTP URL from the environment (where a password stays off the command line).
      { env: { ...env, WHOISLENS_SMTP_URL: smtp.url } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ secure: true, to: ["soc@acme.example"], from: "watch@acme.example" });
    expect(smtp.mails[0]?.data).toMatch(/Subject: \[whoislens\] 1 watch alert: expiry-near/);
    for (let i = 0; i < 100 && datagrams.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(datagrams).toHaveLength(1);
    expect(datagrams[0]).toMatch(/^<11>1 \S+ \S+ whoislens \d+ expiry-near \[whoislens@32473 id="[0-9a-f]{32}" kind="expiry-near" severity="high" domain="acme-cdn.org"\] \ufeff\[high\] expiry-near acme-cdn.org: /);
    const store = await Store.open(join(dir, "s.db"));
    const watch = new WatchStore(store.db);
    const queued = await Promise.all([`smtp:127.0.0.1:${smtp.port}:soc@acme.example`, `syslog:udp://127.0.0.1:${udp.address().port}`].map((c) => watch.queuedCount(c)));
    await store.close();
    expect(queued).toEqual([0, 0]);
  }, 60_000);
});

