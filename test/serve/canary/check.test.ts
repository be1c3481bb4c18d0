import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CanaryStore, createPlanter, loadCanaryTables, readMailLog, sniffMailLog, type MailSighting } from "../../../src/serve/canary/index.js";
import type { PlantedContacts } from "../../../src/serve/contract.js";
import { Store } from "../../../src/store/index.js";
import { runCli } from "../../helpers/cli.js";
import { eximLog, eximLogRecipients, exchange2013Log, exchangeLog, postfixLog, postfixLogIso } from "./samples.js";

const dir = mkdtempSync(join(tmpdir(), "wl-canary-check-"));
const dbPath = join(dir, "store.db");
const DECOY = "quiet-harbor-holdings.test";
let a: PlantedContacts, b: PlantedContacts, c: PlantedContacts;

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** What a spam tool does to an address: upper case, dots gone, a plus tag. */
function mangle(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.replace(/\./g, "").toUpperCase()}+deal@${domain}`;
}

beforeAll(async () => {
  const store = await Store.open(dbPath);
  const planter = createPlanter(store, { mailDomain: "decoy.example", perSource: true });
  a = await planter.plant(DECOY, "203.0.113.10", "2026-12-01T10:02:20.000Z");
  await planter.plant(DECOY, "203.0.113.10", "2026-12-01T11:00:00.000Z"); // served again later
  b = await planter.plant(DECOY, "198.51.100.20", "2026-12-01T10:05:00.000Z");
  c = await planter.plant(DECOY, "192.0.2.30", "2026-12-01T10:06:00.000Z"); // never mailed
  await store.close();
});

afterAll(() => undefined);

const ecs = (stdout: string) => stdout.trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { rule: { id: string }; source: { address: string; ip?: string }; whoislens: { reasons: string[]; targets: string[]; evidence: { file: string; line: number; text?: string }[] } });

describe("canary check over mail logs", () => {
  it("recognises each format from its content", () => {
    expect(sniffMailLog(postfixLog({ first: "x@y.example", mangled: "z@y.example" }))).toBe("postfix");
    expect(sniffMailLog(eximLog("x@y.example", "z@y.example"))).toBe("exim");
    expect(sniffMailLog(exchangeLog("x@y.example"))).toBe("exchange-tracking");
    expect(sniffMailLog("just some text\n")).toBeUndefined();
  });

  it("Postfix: the delivered canary and the spam tool's mangled copy both name the source served it, and when", async () => {
    const log = file("maillog", postfixLog({ first: a.email, mangled: mangle(a.email) }));
    const run = await runCli(["canary", "check", log, "--store", dbPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/maillog: postfix, 11 lines, 3 with recipients, 0 malformed/);
    const alerts = ecs(run.stdout);
    expect(alerts.map((x) => [x.rule.id, x.source.address])).toEqual([["canary-contact-mailed", "203.0.113.10"]]);
    const reasons = alerts[0]?.whoislens.reasons ?? [];
    expect(reasons[0]).toContain(`${a.email} (${a.name}, ${a.phone}) of decoy object ${DECOY} was served to 203.0.113.10 at 2026-12-01T10:02:20.000Z and 1 more time(s) until 2026-12-01T11:00:00.000Z`);
    expect(reasons[1]).toContain(`postfix sent mail for ${a.email} from offers@bulk-mailer.example via unknown[203.0.113.200]`);
    expect(reasons[2]).toMatch(/postfix rejected mail for .*\+deal@decoy\.example from promo@cheap-leads\.example via unknown\[198\.51\.100\.9\]/);
    expect(alerts[0]?.whoislens.evidence.map((e) => e.line)).toEqual([5, 10]);
  });

  it("Exim: a delivery and a bounce name each one's own harvester", async () => {
    const log = file("mainlog", eximLog(b.email, mangle(a.email).replace("+deal", "")));
    const run = await runCli(["canary", "check", log, "--store", dbPath, "--format", "ndjson"]);
    expect(run.code).toBe(1);
    const alerts = ecs(run.stdout);
    expect(alerts.map((x) => x.source.address).sort()).toEqual(["198.51.100.20", "203.0.113.10"]);
    const forB = alerts.find((x) => x.source.address === "198.51.100.20");
    expect(forB?.whoislens.reasons[1]).toContain(`exim delivered mail for ${b.email} from offers@bulk-mailer.example via 192.0.2.200`);
    const forA = alerts.find((x) => x.source.address === "203.0.113.10");
    expect(forA?.whoislens.reasons[1]).toMatch(/^exim failed mail for /);
  });

  it("Exchange message tracking: RECEIVE and DELIVER rows of one message join one alert", async () => {
    const log = file("MSGTRK20261206-1.LOG", exchangeLog(b.email));
    const run = await runCli(["canary", "check", log, "--store", dbPath, "--format", "cef"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CEF:0\|whoislens\|/);
    expect(lines[0]).toContain("src=198.51.100.20");
  });

  it("the second style of each format (RFC 3339 syslog and multi-instance Postfix, Exim received_recipients, Exchange 2013 columns) matches too", async () => {
    const logs = [file("relay2.log", postfixLogIso(a.email)), file("exim-frozen.log", eximLogRecipients(mangle(b.email).replace("+deal", ""))), file("MSGTRK2013.LOG", exchange2013Log(c.email.toUpperCase()))];
    const run = await runCli(["canary", "check", ...logs, "--store", dbPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/relay2\.log: postfix,/);
    expect(run.stderr).toMatch(/exim-frozen\.log: exim,/);
    expect(run.stderr).toMatch(/MSGTRK2013\.LOG: exchange-tracking,/);
    const alerts = ecs(run.stdout);
    expect(alerts.map((x) => x.source.address).sort()).toEqual(["192.0.2.30", "198.51.100.20", "203.0.113.10"]);
    const reasons = alerts.flatMap((x) => x.whoislens.reasons);
    expect(reasons).toContainEqual(expect.stringMatching(/^postfix bounced mail for .* from campaign@leadgen\.example via unknown\[203\.0\.113\.201\] at 2026-12-06T08:50:01\.001Z$/));
    expect(reasons).toContainEqual(expect.stringMatching(/^exim received mail for .* from spam@cheap-leads\.example via 198\.51\.100\.9/));
    expect(reasons).toContainEqual(expect.stringMatching(/^exchange-tracking receive mail for .* from promo@promo\.example via 198\.51\.100\.33 at 2026-12-06T10:10:05\.789Z$/));
  });

  it("a log without canaries gives no alert and exit 0; the unmailed canary never alerts", async () => {
    const log = file("clean.log", exchangeLog("helpdesk@decoy.example"));
    const run = await runCli(["canary", "check", log, "--store", dbPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const all = await runCli(["canary", "check", file("all.log", postfixLog({ first: a.email, mangled: b.email })), "--store", dbPath]);
    expect(ecs(all.stdout).map((x) => x.source.address).sort()).toEqual(["198.51.100.20", "203.0.113.10"]);
    expect(all.stdout).not.toContain(c.email);
    // A mistyped --store held no canaries and every log looked clean (exit 0): now it is named.
    const typo = await runCli(["canary", "check", log, "--store", join(dir, "typo.db")]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("no store at");
    expect(existsSync(join(dir, "typo.db"))).toBe(false);
  });

  it("per-object canaries (no --per-source) alert once per source that was served them", async () => {
    const store = await Store.open(join(dir, "per-object.db"));
    const planter = createPlanter(store, { mailDomain: "decoy.example" });
    const x = await planter.plant("other-decoy.test", "203.0.113.10", "2026-12-01T10:00:00.000Z");
    const y = await planter.plant("other-decoy.test", "192.0.2.30", "2026-12-01T10:01:00.000Z");
    expect(y.email).toBe(x.email);
    await store.close();
    const run = await runCli(["canary", "check", file("po.log", postfixLog({ first: x.email, mangled: "nobody@decoy.example" })), "--store", join(dir, "per-object.db")]);
    const alerts = ecs(run.stdout);
    expect(alerts.map((al) => al.source.address).sort()).toEqual(["192.0.2.30", "203.0.113.10"]);
    expect(alerts[0]?.whoislens.reasons[0]).toContain("one of 2 sources served this per-object canary");
  });

  it("hostile lines: control characters, a huge line, bad UTF-8 are cleaned or counted, never fatal", async () => {
    const good = postfixLog({ first: a.email, mangled: "nobody@decoy.example" });
    const evil = Buffer.concat([
      Buffer.from(good),
      Buffer.from(`Dec  6 09:17:00 mx1 postfix/local[2299]: 5ABCDEF123: to=<${a.email}>, relay=local, status=sent (\u001b]0;pwned\u0007 \u001b[2J)\n`),
      Buffer.from(`Dec  6 09:17:01 mx1 postfix/local[2299]: 5ABCDEF124: to=<${"x".repeat(300_000)}@decoy.example>\n`),
      Buffer.from([0x44, 0x65, 0x63, 0x20, 0x20, 0x36, 0xff, 0xfe, 0xc3, 0x28, 0x0a]),
      Buffer.from("Dec  6 09:17:02 mx1 postfix/qmgr[1012]: 5ABCDEF125: from=<\u0000@x>, size=1\n"),
    ]);
    const sightings: MailSighting[] = [];
    const stats = await readMailLog(file("evil.log", evil), (s) => sightings.push(s));
    expect(stats).toMatchObject({ format: "postfix", lines: 15, malformed: 1 });
    // The hostile line with the escape sequences was read as a sighting (its text kept, the controls gone):
    // the check below is not over an empty list.
    expect(sightings.filter((s) => (s.evidence.text ?? "").includes("pwned"))).toHaveLength(1);
    for (const s of sightings) expect(s.evidence.text ?? "").not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const run = await runCli(["canary", "check", join(dir, "evil.log"), "--store", dbPath, "--format", "markdown"]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("bad input: unknown format, missing file, no input, password in the URL — clear errors, exit 2", async () => {
    const text = await runCli(["canary", "check", file("notes.txt", "hello\nworld\n"), "--store", dbPath]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/WL_ERR_INVALID_OPTION.*not a Postfix, Exim or Exchange/);
    const missing = await runCli(["canary", "check", join(dir, "nope.log"), "--store", dbPath]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.log");
    expect((await runCli(["canary", "check", "--store", dbPath])).stderr).toContain("give mail logs, --imap URL, or both");
    const pw = await runCli(["canary", "check", "--imap", "imaps://u:secret@127.0.0.1/INBOX", "--store", dbPath]);
    expect(pw.code).toBe(2);
    expect(pw.stderr).toContain("put no password in the URL");
    expect(pw.stderr).not.toContain("secret");
  });
});

describe("canary issue", () => {
  it("issues unique plausible contacts per (object, source), stores them, and re-running returns the same sets", async () => {
    const db = join(dir, "issue.db");
    const args = ["canary", "issue", "--store", db, "--domain", "Decoy.Example", "--objects", "a.test,b.test,ORG-EX1-TEST", "--per-source", "--sources", "203.0.113.10,2001:db8:1:2::/64,token:k1"];
    const run = await runCli(args);
    expect(run.code).toBe(0);
    const sets = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { token: string; object: string; source: string; name: string; email: string; phone: string; ids: string[] });
    expect(sets).toHaveLength(9);
    expect(new Set(sets.map((s) => s.email)).size).toBe(9);
    expect(new Set(sets.map((s) => s.phone)).size).toBe(9);
    const tables = loadCanaryTables();
    for (const s of sets) {
      expect(s.email).toMatch(new RegExp(`^[a-z]+\\.[a-z]+\\.${s.token}@decoy\\.example$`));
      expect(s.phone).toMatch(/^\+[1-9][0-9]{7,14}$/);
      expect(tables.phones.some((r) => s.phone.startsWith(r.prefix) && s.phone.length === r.prefix.length + r.digits)).toBe(true);
      const [given, surname] = s.name.split(" ");
      expect(tables.given).toContain(given);
      expect(tables.surnames).toContain(surname);
      expect(s.ids).toEqual([`${s.token}:email`, `${s.token}:phone`, `${s.token}:name`]);
    }
    const again = await runCli(args);
    expect(again.stdout).toBe(run.stdout);
    const store = await Store.open(db);
    expect((await new CanaryStore(store.db).list()).length).toBe(9);
    await store.close();
  });

  it("--phone-prefix puts numbers in your own range; bad options are named", async () => {
    const db = join(dir, "issue2.db");
    const run = await runCli(["canary", "issue", "--store", db, "--domain", "decoy.example", "--count", "3", "--phone-prefix", "+3197010", "--phone-digits", "5"]);
    const sets = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { object: string; phone: string });
    expect(sets.map((s) => s.object)).toEqual(["decoy-0001", "decoy-0002", "decoy-0003"]);
    for (const s of sets) expect(s.phone).toMatch(/^\+3197010[0-9]{5}$/);
    expect((await runCli(["canary", "issue", "--store", db])).stderr).toContain("need a mail domain");
    expect((await runCli(["canary", "issue", "--store", db, "--domain", "not a domain"])).stderr).toContain('"not a domain" is not a domain name');
    expect((await runCli(["canary", "issue", "--store", db, "--domain", "d.example", "--per-source"])).stderr).toContain("--per-source needs --sources");
    expect((await runCli(["canary", "issue", "--store", db, "--domain", "d.example", "--phone-prefix", "+1234567890123", "--phone-digits", "4"])).stderr).toContain("15 digits");
    expect((await runCli(["canary", "issue", "--store", db, "--domain", "d.example", "--count", "0"])).code).toBe(2);
  });

  it("the planter never hands out the same number twice, even from a tiny range, and says so when the range is used up", async () => {
    const store = await Store.open(":memory:");
    const tables = { ...loadCanaryTables(), phones: [{ prefix: "+447700900", digits: 1, source: "test: ten numbers" }] };
    // Random draws: with 50 (the default) the tenth number, the last free one, is missed 0.9^50 ≈ 0.5% of runs (CI saw
    // it); 400 draws make that 5e-19, and the used-up range still ends in the error.
    const planter = createPlanter(store, { mailDomain: "decoy.example", perSource: true, tables, maxDraws: 400 });
    const phones = new Set<string>();
    for (let i = 0; i < 10; i++) phones.add((await planter.plant("x.test", `192.0.2.${i}`, "2026-12-01T00:00:00.000Z")).phone);
    expect(phones.size).toBe(10);
    await expect(planter.plant("x.test", "192.0.2.99", "2026-12-01T00:00:00.000Z")).rejects.toThrow(/no free canary after 400 draws/);
    // concurrent answers for one (object, source) get one set, not two
    const wide = createPlanter(store, { mailDomain: "decoy.example", perSource: true });
    const both = await Promise.all([wide.plant("y.test", "192.0.2.1", "2026-12-01T00:00:00.000Z"), wide.plant("y.test", "192.0.2.1", "2026-12-01T00:00:00.001Z")]);
    expect(both[1].email).toBe(both[0].email);
    const rows = (await new CanaryStore(store.db).list()).filter((r) => r.objectKey === "y.test");
    expect(rows).toHaveLength(1);
    expect((await new CanaryStore(store.db).servings([rows[0]?.token ?? ""])).length).toBe(2);
    await store.close();
  });
});

describe("canary check when the store fails", () => {
  /** Postfix NOQUEUE rejects (one recipient each), enough lines that a batch is matched while the log is still read. */
  const manyRejects = (n: number): string =>
    Array.from({ length: n }, (_, i) => `Dec  6 09:15:10 mx1 postfix/smtpd[2230]: NOQUEUE: reject: RCPT from unknown[198.51.100.9]: 550 5.1.1 <user${i}@decoy.example>: Recipient address rejected: User unknown in virtual mailbox table; from=<promo@cheap-leads.example> to=<user${i}@decoy.example> proto=ESMTP helo=<bulk>`).join("\n") + "\n";

  it("a store whose canary table is gone: a clear WL_ERR_STORE naming the store, exit 3, no unhandled rejection", async () => {
    const { default: Sqlite } = await import("better-sqlite3");
    const broken = join(dir, "broken.db");
    (await Store.open(broken)).close();
    const db = new Sqlite(broken);
    db.exec("drop table canaries");
    db.close();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const log = file("many.maillog", manyRejects(12_000));
      const run = await runCli(["canary", "check", log, "--store", broken]);
      // Give a stray rejection its turn to surface before looking.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/whoislens: WL_ERR_STORE: canary check: the store .*broken\.db could not be read while matching sightings: .*canaries/);
      expect(run.stdout).toBe("");
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("SightingMatcher: batches go one at a time; after a failing batch the rest are skipped and done() throws WL_ERR_STORE", async () => {
    const { SightingMatcher } = await import("../../../src/serve/canary/index.js");
    let calls = 0;
    let active = 0;
    let most = 0;
    const failing = {
      byTokens: async (): Promise<never[]> => {
        calls += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        if (calls === 2) throw new Error("disk I/O error");
        return [];
      },
      byEmails: async (): Promise<never[]> => [],
    } as unknown as CanaryStore;
    const matcher = new SightingMatcher(failing, "test-store", 2);
    const sighting = (i: number): MailSighting => ({ ts: 0, format: "postfix", event: "sent", recipients: [`r${i}@x.example`], evidence: { file: "f", line: i } });
    for (let i = 0; i < 9; i += 1) matcher.push(sighting(i));
    await expect(matcher.done()).rejects.toMatchObject({ code: "WL_ERR_STORE", message: expect.stringContaining("test-store could not be read while matching sightings: disk I/O error") as string });
    expect(most).toBe(1);
    expect(calls).toBe(2);
  });
});
