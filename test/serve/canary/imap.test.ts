import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanter, parseImapUrl } from "../../../src/serve/canary/index.js";
import type { PlantedContacts } from "../../../src/serve/contract.js";
import { Store } from "../../../src/store/index.js";
import { runCli } from "../../helpers/cli.js";
import { type Dovecot, dovecotBinary, startDovecot } from "./dovecot.js";

const BIN = dovecotBinary();
const dir = mkdtempSync(join(tmpdir(), "wl-canary-imap-"));
const db = join(dir, "store.db");

describe("parseImapUrl", () => {
  it("reads scheme, user, host, port and mailbox; refuses passwords and other schemes", () => {
    expect(parseImapUrl("imaps://abuse%40corp.example@mail.corp.example/Junk")).toMatchObject({ secure: true, host: "mail.corp.example", port: 993, user: "abuse@corp.example", mailbox: "Junk" });
    expect(parseImapUrl("imap://u@[::1]:1143")).toMatchObject({ secure: false, host: "::1", port: 1143, mailbox: "INBOX" });
    expect(() => parseImapUrl("https://u@h/INBOX")).toThrow(/imaps: or imap:/);
    expect(() => parseImapUrl("imaps://h/INBOX")).toThrow(/name the user/);
  });

  it("a URL it cannot read is not repeated with its user part (a password typed there stays out of the error)", () => {
    let message = "";
    try {
      parseImapUrl("imaps://abuse:s3cret pass@mail.corp.example:99999/INBOX");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^--imap: "imaps:\/\/…@mail\.corp\.example:99999\/INBOX" is not a URL/);
    expect(message).not.toContain("s3cret");
    expect(() => parseImapUrl("imaps://abuse:se/cr et@mail.corp.example/INBOX")).toThrow(/^--imap: "imaps:\/\/…@mail\.corp\.example\/INBOX"/);
  });
});

describe.skipIf(BIN === undefined)(BIN === undefined ? "canary check --imap (skipped: dovecot missing; scripts/ci-tools.sh installs dovecot-imapd)" : "canary check --imap against a real dovecot on loopback", () => {
  let server: Dovecot;
  let harvested: PlantedContacts;

  beforeAll(async () => {
    server = await startDovecot(BIN ?? "");
    const store = await Store.open(db);
    const planter = createPlanter(store, { mailDomain: "decoy.example", perSource: true });
    harvested = await planter.plant("quiet-harbor-holdings.test", "203.0.113.10", "2026-12-01T10:02:20.000Z");
    await planter.plant("quiet-harbor-holdings.test", "198.51.100.20", "2026-12-01T10:05:00.000Z");
    await store.close();
    // a catch-all mailbox of the decoy domain: the harvester's spam, and an ordinary mail
    server.deliver([
      "Return-Path: <offers@bulk-mailer.example>",
      `Delivered-To: ${harvested.email}`,
      "From: Bulk Offers <offers@bulk-mailer.example>",
      `To: "${harvested.name}" <${harvested.email}>`,
      "Subject: Your domain listing",
      "Date: Sun, 06 Dec 2026 09:40:00 +0000",
      "Message-ID: <offer-1@bulk-mailer.example>",
      "",
      "Renew now.",
      "",
    ].join("\n"));
    server.deliver(["From: boss@decoy.example", "To: helpdesk@decoy.example", "Subject: lunch", "Date: Sun, 06 Dec 2026 09:41:00 +0000", "", "12:30?", ""].join("\n"));
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("finds the delivered canary and names the source that was served it; the password comes from the environment", async () => {
    const run = await runCli(["canary", "check", "--imap", `imap://${server.user}@127.0.0.1:${server.port}/INBOX`, "--store", db], { env: { WHOISLENS_IMAP_PASSWORD: server.password } });
    expect(run.stderr).toContain("2 messages with recipients");
    expect(run.code).toBe(1);
    const alerts = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { source: { address: string }; whoislens: { reasons: string[] } });
    expect(alerts.map((a) => a.source.address)).toEqual(["203.0.113.10"]);
    expect(alerts[0]?.whoislens.reasons[0]).toContain("was served to 203.0.113.10 at 2026-12-01T10:02:20.000Z");
    expect(alerts[0]?.whoislens.reasons[1]).toContain(`imap in-mailbox mail for ${harvested.email} from offers@bulk-mailer.example`);
  });

  it("reads the password from a file; a wrong password is a clear error, exit 2", async () => {
    const pw = join(dir, "pw");
    writeFileSync(pw, `${server.password}\n`);
    const ok = await runCli(["canary", "check", "--imap", `imap://${server.user}@127.0.0.1:${server.port}/INBOX`, "--imap-password-file", pw, "--store", db]);
    expect(ok.code).toBe(1);
    const bad = await runCli(["canary", "check", "--imap", `imap://${server.user}@127.0.0.1:${server.port}/INBOX`, "--store", db], { env: { WHOISLENS_IMAP_PASSWORD: "wrong" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot log in/);
    expect(bad.stderr).not.toContain("wrong");
    const none = await runCli(["canary", "check", "--imap", `imap://${server.user}@127.0.0.1:${server.port}/INBOX`, "--store", db], { env: {} });
    expect(none.stderr).toContain("WHOISLENS_IMAP_PASSWORD");
  });
});
