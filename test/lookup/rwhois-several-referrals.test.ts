import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { rankRwhoisReferrals, RWHOIS_REFERRALS_TRIED } from "../../src/lookup/rwhois-referrals.js";
import { classifyQuery } from "../../src/lookup/classify.js";
import { rwhoisReferrals, RWHOIS_REFERRALS_READ } from "../../src/parse/whois/rwhois-referral-lines.js";
import { runCli } from "../helpers/cli.js";
import { closedPort, useTcpServers, whoisResponder } from "../helpers/servers.js";

/**
 * An RWhois answer naming several `%referral`s (RFC 2167 §3.3.11: one per delegated sub-block, or the same block at
 * several servers): the lookup asks the one whose auth-area holds the address most specifically, then the next when
 * it fails (refused, `%error 230`), never one whose auth-area is another block, and at most RWHOIS_REFERRALS_TRIED
 * per answer. From the CLI (`whoislens lookup --json`, `--verbose`), on small RWhois servers written from the RFC's
 * session (banner, query, objects, `%referral` lines, `%ok`), an ARIN-like port-43 server in front of them.
 */
function rwhoisServer(host: string, answer: (query: string) => string, asked?: string[]): (socket: net.Socket) => void {
  return (socket) => {
    socket.on("error", () => undefined);
    socket.write(`%rwhois V-1.5:003fff:00 ${host} (by Network Solutions, Inc. V-1.5.9.5)\r\n`);
    socket.once("data", (chunk: Buffer) => {
      asked?.push(host);
      socket.end(`${answer(chunk.toString("latin1").trim())}\r\n`);
    });
  };
}

const network = (cidr: string, org: string): string => `network:Class-Name:network\r\nnetwork:ID:NET-${cidr}\r\nnetwork:IP-Network:${cidr}\r\nnetwork:Org-Name:${org}\r\n\r\n%ok`;

describe("several in-answer RWhois referrals, from the CLI", () => {
  const { start } = useTcpServers();

  async function world(isp: (query: string) => string, others: Record<string, (query: string) => string>, refusing: string[] = []) {
    const asked: string[] = [];
    const map: Record<string, string> = {};
    map["whois.arin.net"] = `127.0.0.1:${await start(whoisResponder(() => "NetRange: 192.0.2.0 - 192.0.2.255\r\nCIDR: 192.0.2.0/24\r\nOrgName: Registry Block\r\nReferralServer: rwhois://rwhois.isp.example:4321/\r\n"))}`;
    map["rwhois.isp.example"] = `127.0.0.1:${await start(rwhoisServer("rwhois.isp.example", isp, asked))}`;
    for (const [host, answer] of Object.entries(others)) map[host] = `127.0.0.1:${await start(rwhoisServer(host, answer, asked))}`;
    for (const host of refusing) map[host] = `127.0.0.1:${await closedPort()}`;
    const dir = mkdtempSync(join(tmpdir(), "wl-rwhois-several-"));
    const file = join(dir, "servers.json");
    writeFileSync(file, JSON.stringify(map));
    const lookup = async (query: string, extra: string[] = []): Promise<{ code: number; record: WhoisRecord }> => {
      const run = await runCli(["lookup", "--protocol", "whois", "--json", "-h", "whois.arin.net", "--servers", file, "--servers-only", "--no-cache", ...extra, query]);
      expect(run.stdout, run.stderr).not.toBe("");
      return { code: run.code, record: JSON.parse(run.stdout) as WhoisRecord };
    };
    const text = (query: string, extra: string[] = []) => runCli(["lookup", "--protocol", "whois", "-h", "whois.arin.net", "--servers", file, "--servers-only", "--no-cache", ...extra, query]);
    return { asked, lookup, text, file };
  }

  const hops = (record: WhoisRecord): string[] => (record.chain ?? []).map((hop) => `${hop.server} ${hop.url ?? ""} ${hop.error?.code ?? hop.status}`.replace(/\s+/g, " "));

  it("the most specific auth-area holding the address first; refused, so the next; another block's never asked", async () => {
    const { asked, lookup, text } = await world(
      () => [
        network("192.0.2.0/24", "ISP Backbone"),
        "%referral rwhois://rwhois.other.example:4321/auth-area=192.0.2.128/25",
        "%referral rwhois://rwhois.wide.example:4321/auth-area=192.0.2.0/25",
        "%referral rwhois://rwhois.down.example:4321/auth-area=192.0.2.0/28",
      ].join("\r\n").replace("%ok\r\n", "") + "\r\n%ok",
      { "rwhois.other.example": () => network("192.0.2.128/25", "Wrong Customer"), "rwhois.wide.example": () => network("192.0.2.0/25", "Wide Customer LLC") },
      ["rwhois.down.example"],
    );
    const { code, record } = await lookup("192.0.2.10");
    expect(code).toBe(0);
    expect(record.network?.organization).toBe("Wide Customer LLC");
    expect(hops(record)).toEqual([
      "whois.arin.net registered",
      "rwhois.isp.example rwhois://rwhois.isp.example:4321 registered",
      "rwhois.down.example rwhois://rwhois.down.example:4321/auth-area=192.0.2.0/28 WL_ERR_CONNECT",
      "rwhois.wide.example rwhois://rwhois.wide.example:4321/auth-area=192.0.2.0/25 registered",
    ]);
    expect(asked).toEqual(["rwhois.isp.example", "rwhois.wide.example"]);
    expect(record.notes).toEqual([expect.stringMatching(/^referral to rwhois\.down\.example gave no record \(WL_ERR_CONNECT: .*\); trying the next referral$/)]);
    // The text output lists every hop, the refused one included (the CLI has no --verbose: hops are always printed).
    const plain = await text("192.0.2.10");
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/3 +whois rwhois\.down\.example .*auth-area=192\.0\.2\.0\/28/);
    expect(plain.stdout).toMatch(/4 +whois rwhois\.wide\.example .*→ registered/);
  });

  it("an answer of referrals only (a block delegated whole): %error 230 at the best, the same block at a second server answers", async () => {
    const { asked, lookup } = await world(
      () => "%referral rwhois://rwhois.primary.example:4321/auth-area=192.0.2.0/26\r\n%referral rwhois://rwhois.secondary.example:4321/auth-area=192.0.2.0/26\r\n%ok",
      { "rwhois.primary.example": () => "%error 230 No Objects Found", "rwhois.secondary.example": () => network("192.0.2.0/26", "Mirror Hosted Inc") },
    );
    const { record } = await lookup("192.0.2.20");
    expect(record.network?.organization).toBe("Mirror Hosted Inc");
    expect(asked).toEqual(["rwhois.isp.example", "rwhois.primary.example", "rwhois.secondary.example"]);
    expect(record.notes).toEqual(["referral to rwhois.primary.example gave no record (%error 230 No Objects Found); trying the next referral"]);
  });

  it("every referral failing: at most RWHOIS_REFERRALS_TRIED asked, the ISP's data kept, and --max-referrals still bounds the walk", async () => {
    const many = Array.from({ length: 40 }, (_, i) => `rwhois.dead${i}.example`);
    const { lookup } = await world(() => `${network("192.0.2.0/24", "ISP Backbone").replace("\r\n%ok", "")}\r\n${many.map((host) => `%referral rwhois://${host}:4321/auth-area=192.0.2.0/24`).join("\r\n")}\r\n%ok`, {}, many);
    const { code, record } = await lookup("192.0.2.30", ["--max-referrals", "10"]);
    expect(code).toBe(0);
    expect(record.network?.organization).toBe("ISP Backbone");
    const tried = (record.chain ?? []).slice(2);
    expect(tried.map((hop) => hop.server)).toEqual(many.slice(0, RWHOIS_REFERRALS_TRIED));
    expect(tried.every((hop) => hop.error?.code === "WL_ERR_CONNECT")).toBe(true);
    expect(record.notes?.at(-1)).toMatch(/^referral to rwhois\.dead3\.example gave no record .*; data from rwhois\.isp\.example only$/);
    const capped = await lookup("192.0.2.30", ["--max-referrals", "2"]);
    expect(hops(capped.record).slice(2)).toEqual([
      "rwhois.dead0.example rwhois://rwhois.dead0.example:4321/auth-area=192.0.2.0/24 WL_ERR_CONNECT",
      "rwhois.dead1.example WL_ERR_TOO_MANY_HOPS",
    ]);
  });
});

describe("reading and ranking in-answer referrals", () => {
  it("reads every %referral line once, CRLF or LF, whois:// too, other lines and schemes ignored, at most RWHOIS_REFERRALS_READ", () => {
    const text = "%rwhois V-1.5 x\r\nnetwork:ID:N\r\n%referral rwhois://a.example:4321/auth-area=10.0.0.0/8\r\n%referral   whois://b.example:43\n%referral http://c.example/\r\n %referral rwhois://indented.example\r\n%referral rwhois://a.example:4321/auth-area=10.0.0.0/8\r\n%ok\r\n";
    expect(rwhoisReferrals(text)).toEqual(["rwhois://a.example:4321/auth-area=10.0.0.0/8", "whois://b.example:43"]);
    expect(rwhoisReferrals("network:ID:N\r\n%ok\r\n")).toEqual([]);
    const flood = Array.from({ length: 5000 }, (_, i) => `%referral rwhois://h${i}.example:4321`).join("\r\n");
    expect(rwhoisReferrals(flood)).toHaveLength(RWHOIS_REFERRALS_READ);
  });

  it("ranks by the auth-area holding the question, most specific first; IPv6 and CIDR questions; names last in answer order", () => {
    const v6 = ["rwhois://x.example/auth-area=2001:db8::/32", "rwhois://name.example/auth-area=a.com", "rwhois://y.example/auth-area=2001:db8:1::/48", "rwhois://z.example/auth-area=2001:db8:2::/48", "rwhois://v4.example/auth-area=192.0.2.0/24", "rwhois://bare.example:4321"];
    expect(rankRwhoisReferrals(v6, classifyQuery("2001:db8:1::5"))).toEqual(["rwhois://y.example/auth-area=2001:db8:1::/48", "rwhois://x.example/auth-area=2001:db8::/32", "rwhois://name.example/auth-area=a.com", "rwhois://v4.example/auth-area=192.0.2.0/24"]);
    // A /25 question: a /26 inside it does not hold it.
    const v4 = ["rwhois://small.example/auth-area=192.0.2.0/26", "rwhois://whole.example/auth-area=192.0.2.0/24", "rwhois://exact.example/auth-area=192.0.2.0/25"];
    expect(rankRwhoisReferrals(v4, classifyQuery("192.0.2.0/25"))).toEqual(["rwhois://exact.example/auth-area=192.0.2.0/25", "rwhois://whole.example/auth-area=192.0.2.0/24"]);
    // A question that is no address: every referral, in answer order, capped.
    expect(rankRwhoisReferrals(v4, classifyQuery("AS64500"))).toEqual(v4);
  });

  it("a domain question: name auth-areas holding it, most labels first; another name's never asked; blocks say nothing", () => {
    const names = [
      "rwhois://other.example/auth-area=b.com.au",
      "rwhois://block.example/auth-area=192.0.2.0/24",
      "rwhois://zone.example/auth-area=com.au",
      "rwhois://holder.example/auth-area=shop.com.au.",
      "rwhois://lookalike.example/auth-area=xshop.com.au",
      "rwhois://deeper.example/auth-area=www.shop.com.au",
      "rwhois://bare.example:4321",
    ];
    // The question is the registrable name (shop.com.au): an auth-area under it does not hold it.
    expect(rankRwhoisReferrals(names, classifyQuery("www.shop.com.au"))).toEqual(["rwhois://holder.example/auth-area=shop.com.au.", "rwhois://zone.example/auth-area=com.au", "rwhois://block.example/auth-area=192.0.2.0/24", "rwhois://bare.example:4321"]);
    // For an address question a name says nothing about it: asked after the blocks holding it, in answer order, capped.
    expect(rankRwhoisReferrals(names, classifyQuery("192.0.2.7"))).toEqual(["rwhois://block.example/auth-area=192.0.2.0/24", "rwhois://other.example/auth-area=b.com.au", "rwhois://zone.example/auth-area=com.au", "rwhois://holder.example/auth-area=shop.com.au."]);
  });
});
