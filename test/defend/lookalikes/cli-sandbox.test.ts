import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LookalikeFinding } from "../../../src/defend/lookalikes/index.js";
import { main } from "../../../src/cli/main.js";
import { fakeIO, runCli } from "../../helpers/cli.js";

/** `whoislens lookalikes example.com --sandbox`: the sandbox world holds four registered look-alikes (src/server/dataset/lookalikes.ts). */
const FUZZERS = "homoglyph,transposition,idn-homograph,cyrillic,omission";
const parse = (stdout: string): LookalikeFinding[] => (JSON.parse(stdout) as { lookalikes: LookalikeFinding[] }).lookalikes;
const byName = (list: LookalikeFinding[]): Record<string, LookalikeFinding> => Object.fromEntries(list.map((f) => [f.domain, f]));

describe.each([["rdap"], ["whois"]])("lookalikes --sandbox over %s", (protocol) => {
  it("finds exactly the registered look-alikes, with registrar, creation date, visible registrant, name servers, MX and mail", async () => {
    const run = await runCli(["lookalikes", "example.com", "--sandbox", "--registered", "--format", "json", "--fuzzers", FUZZERS, "--protocol", protocol]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const found = byName(parse(run.stdout));
    expect(Object.keys(found).sort()).toEqual(["examp1e.com", "exampel.com", "exarnple.com", "xn--exmple-4nf.com"]);
    expect(found["examp1e.com"]).toMatchObject({ fuzzer: "homoglyph", distance: 1, registered: true, registrar: "Second Registrar GmbH", canReceiveMail: true, nameservers: ["ns1.squat-dns.example", "ns2.squat-dns.example"] });
    expect(found["examp1e.com"]?.created).toMatch(/^2026-11-20/);
    expect(found["examp1e.com"]?.registrant).toMatch(/Lookalike Holdings Ltd/);
    expect(found["examp1e.com"]?.dns.mx).toEqual(["mail.examp1e.com"]);
    expect(found["exarnple.com"]).toMatchObject({ fuzzer: "homoglyph", distance: 2, canReceiveMail: true });
    // Behind the registrar's privacy service: no registrant shown; no MX but an A record, so mail still lands (RFC 5321 §5.1).
    expect(found["exampel.com"]).toMatchObject({ fuzzer: "transposition", registrar: "Registrar One, LLC", canReceiveMail: true });
    expect(found["exampel.com"]?.registrant).toBeUndefined();
    expect(found["exampel.com"]?.dns.mx).toEqual([]);
    expect(found["xn--exmple-4nf.com"]).toMatchObject({ unicode: "exаmple.com", fuzzer: "idn-homograph", distance: 1, canReceiveMail: false });
  });
});

describe("lookalikes --sandbox: steps and formats", () => {
  const work = mkdtempSync(join(tmpdir(), "lookalikes-cli-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("--whois none: DNS alone says registered, no registrar", async () => {
    const run = await runCli(["lookalikes", "example.com", "--sandbox", "--registered", "--format", "json", "--fuzzers", "transposition", "--whois", "none"]);
    const found = parse(run.stdout);
    expect(found.map((f) => f.domain)).toEqual(["exampel.com"]);
    expect(found[0]?.registrar).toBeUndefined();
    expect(found[0]?.whoisStatus).toBeUndefined();
  });

  it("--no-dns --whois all: the registry alone says registered or available", async () => {
    const run = await runCli(["lookalikes", "example.com", "--sandbox", "--format", "json", "--fuzzers", "transposition", "--no-dns", "--whois", "all"]);
    const found = byName(parse(run.stdout));
    expect(found["exampel.com"]).toMatchObject({ registered: true, resolves: false, whoisStatus: "registered" });
    expect(found["xeample.com"]).toMatchObject({ registered: false, whoisStatus: "available" });
  });

  it("csv, md and the terminal table carry the same rows; --out writes the file", async () => {
    const csv = await runCli(["lookalikes", "example.com", "--sandbox", "--registered", "--format", "csv", "--fuzzers", FUZZERS]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("fuzzer,domain,unicode,distance,registered,registrar,created,registrant,nameservers,mx,mail");
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes("examp1e.com"))).toMatch(/^homoglyph,examp1e\.com,examp1e\.com,1,yes,Second Registrar GmbH,2026-11-20,/);
    const md = await runCli(["lookalikes", "example.com", "--sandbox", "--registered", "--format", "md", "--fuzzers", FUZZERS, "--out", join(work, "report.md")]);
    expect(md.stdout).toBe("");
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(join(work, "report.md"), "utf8");
    expect(text).toMatch(/^# Look-alikes of example\.com/);
    expect(text.match(/^\| (homoglyph|transposition|idn-homograph) \|/gm)).toHaveLength(4);
    const table = await runCli(["lookalikes", "example.com", "--sandbox", "--registered", "--fuzzers", FUZZERS]);
    expect(table.stdout).toMatch(/4 look-alikes, 4 registered\n$/);
    expect(table.stdout).toMatch(/xn--exmple-4nf\.com +exаmple\.com/);
  });

  it("every fuzzer by default (dictionary and tld-swap from their files): the registered ones are the world's look-alikes and Acme's own example.net and example.org", async () => {
    writeFileSync(join(work, "words.txt"), "login\n# comment\nsecure\n");
    writeFileSync(join(work, "tlds.txt"), "net\norg\n");
    const run = await runCli(["lookalikes", "example.com", "--sandbox", "--format", "json", "--dictionary", join(work, "words.txt"), "--tld", join(work, "tlds.txt")]);
    expect(run.code).toBe(0);
    const all = parse(run.stdout);
    const fuzzers = new Set(all.map((f) => f.fuzzer));
    for (const name of ["addition", "bitsquatting", "cyrillic", "homoglyph", "hyphenation", "insertion", "omission", "plural", "repetition", "replacement", "subdomain", "transposition", "vowel-swap", "dictionary", "tld-swap", "various", "idn-homograph"]) expect(fuzzers.has(name as LookalikeFinding["fuzzer"]), name).toBe(true);
    // tld-swap finds Acme's own example.net and example.org: registered (they are, by Acme).
    const registered = all.filter((f) => f.registered).map((f) => f.domain).sort();
    expect(registered).toEqual(["examp1e.com", "exampel.com", "example.net", "example.org", "exarnple.com", "xn--exmple-4nf.com"]);
  }, 60_000);

  it("Ctrl-C stops the checks and still reports the names checked so far", async () => {
    const io = fakeIO();
    // Interrupted as soon as the first name's DNS is answered (the first progress line): the few in flight finish.
    const write = io.stderr.write;
    io.stderr = { write: (chunk: string) => (chunk.includes("DNS 1/") && io.interrupt(), write(chunk)) };
    const code = await main(["lookalikes", "example.com", "--sandbox", "--format", "json", "--fuzzers", "homoglyph", "--dns-concurrency", "4"], io);
    expect(code).toBe(130); // 128 + SIGINT, as a shell reports it: the report is partial
    const checked = parse(io.out.join(""));
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThan(50); // of ~6,700 homoglyph names
    expect(io.err.join("")).toMatch(new RegExp(`interrupted: ${checked.length} of \\d+ names checked`));
  });

  it("bad input: a clear error, exit code 2, nothing printed on stdout", async () => {
    const unknown = await runCli(["lookalikes", "example.com", "--fuzzers", "homoglyph,typo"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown fuzzer "typo"/);
    const notDomain = await runCli(["lookalikes", "not a domain", "--no-dns", "--whois", "none"]);
    expect(notDomain.code).toBe(2);
    expect(notDomain.stderr).toMatch(/not a domain name/);
    const missing = await runCli(["lookalikes", "example.com", "--dictionary", join(work, "absent.txt")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/absent\.txt/);
    expect(missing.stdout).toBe("");
  });
});
