// The answers of w12-answers.ts end to end: served over port 43 by a loopback server with CRLF line ends (as registries
// send them), fetched with the real GNU `whois` client and read by `whoislens parse` from the CLI, the way a user runs it.
import { describe, expect, it } from "vitest";
import type { Contact, WhoisRecord } from "../../../src/record/types.js";
import { runCli } from "../../helpers/cli.js";
import { serveAnswersForFile, WHOIS } from "./loopback-port43.js";
import { EDU_DOMAIN, JPNIC_IP, KRNIC_IP, RWHOIS_NET, TM_DOMAIN, type RegistryAnswer } from "./w12-answers.js";

const SERVED: readonly RegistryAnswer[] = [KRNIC_IP, JPNIC_IP, TM_DOMAIN, RWHOIS_NET, EDU_DOMAIN];
const fetchWithWhois = serveAnswersForFile(Object.fromEntries(SERVED.map((answer) => [answer.query, answer.text.split("\n")])));

async function parseFromCli(answer: RegistryAnswer): Promise<WhoisRecord> {
  const text = await fetchWithWhois(answer.query);
  const result = await runCli(["parse", "-", "--format", "whois", "--query", answer.query, "--server", answer.server, "--json"], { stdin: text });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as WhoisRecord;
}

const withRole = (record: WhoisRecord, role: string): Contact[] => (record.contacts ?? []).filter((contact) => (contact.roles as string[]).includes(role));

const TITLE = WHOIS === undefined ? "w12 layouts fetched with GNU whois (skipped: whois missing; scripts/ci-tools.sh installs it)" : "w12 layouts fetched with GNU whois, read by `whoislens parse`";

describe.skipIf(WHOIS === undefined)(TITLE, () => {
  it("KRNIC: the network and the contacts under bracketed headings", async () => {
    const record = await parseFromCli(KRNIC_IP);
    expect(record.kind).toBe("ip");
    expect(record.network?.cidrs).toEqual(["192.0.2.0/24"]);
    expect(withRole(record, "administrative")[0]?.email).toBe("ip@example.co.kr");
  });

  it("JPNIC in Japanese: the network's holder, its contacts' handles and abuse mailbox", async () => {
    const record = await parseFromCli(JPNIC_IP);
    expect(record.network).toMatchObject({ cidrs: ["192.0.2.0/24"], organization: "株式会社エグザンプル" });
    expect(withRole(record, "administrative")[0]?.handle).toBe("JP00001234");
    expect(withRole(record, "abuse")[0]?.email).toBe("abuse@example.jp");
  });

  it(".tm: the expiry date from its status line", async () => {
    expect((await parseFromCli(TM_DOMAIN)).dates?.expires).toBe("2028-06-14T00:00:00Z");
  });

  it("RWhois: the range, no status from the holder's state", async () => {
    const record = await parseFromCli(RWHOIS_NET);
    expect(record.network?.cidrs).toEqual(["192.0.2.0/26"]);
    expect(record.network?.handle).toBe("NETBLK-EXAMPLE-192-0-2-0");
    expect(record.statuses).toBeUndefined();
  });

  it("EDUCAUSE: tab-indented blocks over CRLF keep every line (name of several lines, then the street)", async () => {
    const record = await parseFromCli(EDU_DOMAIN);
    expect(withRole(record, "administrative")[0]).toMatchObject({ name: "Pat Q Admin\nDirector, Network Services\nExample College", street: ["200 College Road"] });
  });
});
