import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../../src/defend/audit/index.js";
import { runCli } from "../../helpers/cli.js";
import { tcpServer, whoisResponder, type TestServer } from "../../helpers/servers.js";

/**
 * Issue #13 (w25): JPRS prints its own lock lines, "[Lock Status]" in English and "[ロック状態]" in Japanese, one value a
 * line, since 12 November 2023 (the notice its answers carried before; ../shared/corpus google.co.jp and yahoo.co.jp show
 * "[Lock Status]  AgentChangeLocked"; a 2025 google.jp answer quoted in public code shows "[ロック状態]" twice, with
 * DomainTransferLocked then AgentChangeLocked). The parser reads them as statuses as stated (record.md: statuses "as
 * stated"), and audit takes one of JPRS's lock values as the domain's lock instead of "lock not published".
 */
const HEADER = [
  "[ JPRS database provides information on network administration. Its use is    ]",
  "[ restricted to network administration purposes. For further information,     ]",
  "[ use 'whois -h whois.jprs.jp help'. To suppress Japanese output, add'/e'     ]",
  "[ at the end of command, e.g. 'whois -h whois.jprs.jp xxx/e'.                 ]",
  "",
];

function jprsAnswer(domain: string, japanese: boolean, locks: readonly string[]): string {
  const pad = (label: string): string => `[${label}]`.padEnd(japanese ? 26 : 32, " ");
  return [
    ...HEADER,
    japanese ? "Domain Information: [ドメイン情報]" : "Domain Information:",
    `${pad("Domain Name")}${domain.toUpperCase()}`,
    "",
    `${pad(japanese ? "登録者名" : "Registrant")}Example Holder K.K.`,
    "",
    `${pad(japanese ? "ネームサーバ" : "Name Server")}ns1.example.net`,
    `${pad(japanese ? "ネームサーバ" : "Name Server")}ns2.example.net`,
    `${pad(japanese ? "署名鍵" : "Signing Key")}`,
    "",
    `${pad(japanese ? "登録年月日" : "Created on")}2005/05/30`,
    `${pad(japanese ? "有効期限" : "Expires on")}2027/05/31`,
    `${pad(japanese ? "状態" : "Status")}Active`,
    ...locks.map((lock) => `${pad(japanese ? "ロック状態" : "Lock Status")}${lock}`),
    `${pad(japanese ? "最終更新" : "Last Updated")}2026/06/01 01:05:04 (JST)`,
    "",
  ].join("\n");
}

const ANSWERS: Record<string, string> = {
  "locked-example.jp": jprsAnswer("locked-example.jp", true, ["DomainTransferLocked", "AgentChangeLocked"]),
  "agent-locked-example.jp": jprsAnswer("agent-locked-example.jp", false, ["AgentChangeLocked"]),
  "unlocked-example.jp": jprsAnswer("unlocked-example.jp", false, []),
};

describe("JPRS lock lines, from the CLI against a JPRS-style port 43 on loopback", () => {
  let whois: TestServer;
  let map: string;
  beforeAll(async () => {
    whois = await tcpServer(whoisResponder((query) => ANSWERS[query.trim().replace(/\/e$/, "").toLowerCase()] ?? `${HEADER.join("\n")}No match!!\n`));
    map = join(mkdtempSync(join(tmpdir(), "whoislens-jprs-lock-")), "servers.json");
    writeFileSync(map, JSON.stringify({ "whois.jprs.jp": `127.0.0.1:${whois.port}` }));
  });
  afterAll(() => whois?.close());

  it("lookup reads '[ロック状態]' and '[Lock Status]' into the statuses, after the state", async () => {
    const run = await runCli(["lookup", "locked-example.jp", "agent-locked-example.jp", "--protocol", "whois", "--servers", map, "--servers-only", "--no-cache", "--ndjson"]);
    const records = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { statuses?: string[] });
    expect(records.map((record) => record.statuses)).toEqual([["Active", "DomainTransferLocked", "AgentChangeLocked"], ["Active", "AgentChangeLocked"]]);
  });

  it("audit sees a .jp lock when JPRS shows one, and says 'not published' only when none is shown", async () => {
    const run = await runCli(["audit", ...Object.keys(ANSWERS), "--crown-jewel", "locked-example.jp", "--protocol", "whois", "--servers", map, "--servers-only", "--no-cache", "--no-ns-check", "--format", "json", "--as-of", "2026-12-07"]);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.domains.map((d) => [d.domain, d.status])).toEqual(Object.keys(ANSWERS).map((domain) => [domain, "registered"]));
    const lockIds = (domain: string): string[] => report.findings.filter((f) => f.domain === domain && f.id.includes("LOCK")).map((f) => f.id);
    expect(lockIds("locked-example.jp")).toEqual([]);
    expect(lockIds("agent-locked-example.jp")).toEqual([]);
    expect(lockIds("unlocked-example.jp")).toEqual(["WL-AUDIT-LOCK-NOT-PUBLISHED"]);
  });
});
