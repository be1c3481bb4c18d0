/**
 * Issue #19: pathological local inputs. /dev/zero and generated files as answers, batch lines, list,
 * config and server-map files stop at their cap with WL_ERR_INPUT_TOO_LARGE (exit 2); rule files
 * nested 100k levels deep or full of YAML aliases give a ConfigError naming the file and the limit.
 */
import { spawn } from "node:child_process";
import { copyFileSync, createReadStream, mkdirSync, mkdtempSync, openSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { RULES_DIR, LISTS_DIR } from "../../src/detect/rules/index.js";
import { fakeIO, runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "wl-hostile-input-"));
const ZEEK = "test/detect/fixtures/zeek-whois.log";

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function runWithStdin(argv: string[], stdin: Readable): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { ...fakeIO(), stdin };
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

/** The built CLI in a child process, stdin from a file descriptor (what `< /dev/zero` does). */
function spawnCli(argv: string[], stdinPath: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/whoislens", ...argv], { stdio: [openSync(stdinPath, "r"), "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("parse: one answer has a size cap (--max-bytes, default 1 MiB)", () => {
  it("parse /dev/zero stops at 1 MiB with an error naming the cap and the flag", async () => {
    const run = await runCli(["parse", "/dev/zero"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("whoislens: WL_ERR_INPUT_TOO_LARGE: the answer file /dev/zero is larger than 1048576 bytes (raise it with --max-bytes); reading stopped at the cap\n");
  });
  it("parse - < /dev/zero stops at the cap too", async () => {
    const run = await runWithStdin(["parse", "-"], Readable.from((function* () {
      const zeros = Buffer.alloc(64 * 1024);
      for (;;) yield zeros;
    })()));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: standard input is larger than 1048576 bytes \(raise it with --max-bytes\)/);
  });
  it("the built CLI, stdin redirected from /dev/zero, exits 2 instead of growing", async () => {
    const run = await spawnCli(["parse", "-"], "/dev/zero");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: standard input is larger than 1048576 bytes/);
  });
  it("--max-bytes raises and lowers the cap", async () => {
    const answer = file("answer.txt", `Domain Name: EXAMPLE.COM\nRegistrar: Example\n${"% padding\n".repeat(200)}`);
    const small = await runCli(["parse", answer, "--max-bytes", "100"]);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/larger than 100 bytes/);
    const ok = await runCli(["parse", answer, "--max-bytes", "100000", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ domain: { name: "example.com" } });
    expect((await runCli(["parse", answer, "--max-bytes", "lots"])).stderr).toMatch(/WL_ERR_INVALID_OPTION: --max-bytes needs a whole number/);
  });
  it("--batch caps each line (4 × --max-bytes): the long line gets an error line, the next lines are parsed", async () => {
    const good = (id: string) => `${JSON.stringify({ id, server: "whois.example", text: "Domain Name: EXAMPLE.COM\nRegistrar: X\n" })}\n`;
    const long = `${JSON.stringify({ id: "big", text: "x".repeat(5000) })}\n`;
    const run = await runWithStdin(["parse", "--batch", "--max-bytes", "1000"], Readable.from([good("a"), long, good("b")]));
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string | null; error?: { code: string; message: string } });
    expect(lines.map((l) => l.id)).toEqual(["a", null, "b"]);
    expect(lines[1]?.error).toEqual({ code: "WL_ERR_INPUT_TOO_LARGE", message: "line 2: longer than 4000 bytes (4 × --max-bytes; raise it with --max-bytes); skipped" });
  });
  it("--batch: a line nested 100k deep gets an error line instead of a stack overflow that stopped the batch", async () => {
    const deep = `{"id":${"[".repeat(100_000)}${"]".repeat(100_000)},"text":"Domain Name: A.COM"}\n`;
    const run = await runWithStdin(["parse", "--batch"], Readable.from([deep, `${JSON.stringify({ id: "b\u202e\u001b[2J", text: "Domain Name: B.COM" })}\n`]));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: unknown; error?: { message: string }; record?: { domain?: { name: string } } });
    expect(lines[0]).toEqual({ id: null, error: { code: "WL_ERR_PARSE", message: 'line 1: "id" nested more than 64 levels deep (limit 64)' } });
    expect(lines[1]).toMatchObject({ id: "b", record: { domain: { name: "b.com" } } });
  });
  it("--batch < /dev/zero reports the endless first line at once without buffering it", async () => {
    const stream = Readable.from((function* () {
      const zeros = Buffer.alloc(64 * 1024);
      for (let i = 0; i < 160; i += 1) yield zeros; // 10 MiB, more than the 4 MiB line cap
      yield Buffer.from("\n");
    })());
    const run = await runWithStdin(["parse", "--batch"], stream);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: null, error: { code: "WL_ERR_INPUT_TOO_LARGE" } });
  });
});

describe("parse, end to end: an unterminated OSC in one field", () => {
  it("erases that field's rest only: contacts and name servers after it are kept", async () => {
    const answer = file("osc.txt", ["Domain Name: EXAMPLE.COM", "Registrar: Evil\u001b]8;;http://evil.example/ no terminator", "Registrant Name: Jane Doe", "Registrant Email: jane@example.com", "Name Server: NS1.EXAMPLE.COM", "Name Server: NS2.EXAMPLE.COM", ""].join("\r\n"));
    const run = await runCli(["parse", answer, "--json"]);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout) as { registrar?: { name?: string }; nameservers?: { name: string }[]; contacts?: { roles: string[]; name?: string; email?: string }[] };
    expect(record.registrar?.name).toBe("Evil");
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.com", "ns2.example.com"]);
    expect(record.contacts?.find((c) => c.roles.includes("registrant"))).toMatchObject({ name: "Jane Doe", email: "jane@example.com" });
    expect(run.stdout).not.toContain("evil.example");
  });
});

describe("list, config and server-map files share the capped reader", () => {
  it("detect --org-domains /dev/zero", async () => {
    const run = await runCli(["detect", ZEEK, "--org-domains", "/dev/zero"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: --org-domains file \/dev\/zero is larger than 67108864 bytes \(this cap is fixed\)/);
  });
  it("detect --bad-sources /dev/zero", async () => {
    const run = await runCli(["detect", ZEEK, "--bad-sources", "/dev/zero"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: --bad-sources file \/dev\/zero/);
  });
  it("rules export --org-domains /dev/zero", async () => {
    const run = await runCli(["rules", "export", "--format", "sigma", "--org-domains", "/dev/zero"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: --org-domains file/);
  });
  it("lookup --config /dev/zero and --servers /dev/zero", async () => {
    const config = await runCli(["lookup", "example.com", "--config", "/dev/zero"]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: config file \/dev\/zero is larger than 1048576 bytes/);
    const servers = await runCli(["lookup", "example.com", "--servers", "/dev/zero"]);
    expect(servers.code).toBe(2);
    expect(servers.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: --servers file \/dev\/zero is larger than 1048576 bytes/);
  });
  it("bulk - with an over-long input line skips it unread and names it (the run goes on: test/cli/bulk-input-lines.test.ts)", async () => {
    const run = await runWithStdin(["bulk", "-", "--store", join(dir, "bulk.db"), "--no-cache"], Readable.from([Buffer.alloc(100_000, 0x61), "\n"]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: line 1 of standard input is larger than 4096 bytes \(this cap is fixed\): skipped, the run goes on/);
  });
  it("bulk - < /dev/zero (no line end at all) stops at 1 MiB before any lookup", async () => {
    const run = await runWithStdin(["bulk", "-", "--store", join(dir, "bulk-zero.db"), "--no-cache"], createReadStream("/dev/zero"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: a line of standard input \(no line end\) is larger than 1048576 bytes/);
  });
});

describe("rule files: size, nesting depth and YAML aliases", () => {
  /** A copy of the shipped rules and lists with one extra file. */
  function ruleDir(name: string, extra: string | undefined, link?: string): string {
    const rules = join(dir, name);
    mkdirSync(rules);
    for (const f of readdirSync(RULES_DIR)) copyFileSync(join(RULES_DIR, f), join(rules, f));
    if (extra !== undefined) writeFileSync(join(rules, "zz-extra.yaml"), extra);
    if (link !== undefined) symlinkSync(link, join(rules, "zz-extra.yaml"));
    return rules;
  }
  const depth = 100_000;
  const cases: [string, string][] = [
    ["flow sequences", `rules: ${"[".repeat(depth)}${"]".repeat(depth)}\n`],
    ["flow mappings (JSON)", `${'{"rules":'.repeat(depth)}1${"}".repeat(depth)}\n`],
    ["compact block sequences", `rules:\n${"- ".repeat(depth)}x\n`],
    ["explicit keys", `${"? ".repeat(depth)}x\n`],
  ];
  for (const [what, text] of cases) {
    it(`100k-deep ${what}: detect --rules and rules export name the file and the limit`, async () => {
      const rules = ruleDir(what.replace(/\W+/g, "-"), text);
      for (const argv of [["detect", ZEEK, "--rules", rules], ["rules", "export", "--format", "sigma", "--rules", rules]]) {
        const run = await runCli(argv);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`whoislens: WL_ERR_CONFIG: ${join(rules, "zz-extra.yaml")} is nested deeper than 64 levels (the limit for rule and host-list files); refused\n`);
      }
    });
  }
  it("aliases that nest a shallow text deeply are measured after expansion", async () => {
    // Each line stays under 64 levels as written (f: 60 + 1); expanded, f reaches 60 + 10 + 1.
    const text = `a: &a [[[[[[[[[[1]]]]]]]]]]\nf: ${"[".repeat(60)}*a${"]".repeat(60)}\n`;
    const run = await runCli(["rules", "list", "--rules", ruleDir("alias-depth", text)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/zz-extra\.yaml is nested deeper than 64 levels/);
  });
  it("a billion-laughs alias bomb is refused by maxAliasCount", async () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i += 1) rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const run = await runCli(["rules", "list", "--rules", ruleDir("bomb", `${rows.join("\n")}\n`)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_CONFIG: \S*zz-extra\.yaml expands YAML aliases past the limit of 100 \(an alias bomb\?\); refused/);
  });
  it("a rule file that is /dev/zero stops at the 4 MiB cap", async () => {
    const run = await runCli(["rules", "list", "--rules", ruleDir("zero", undefined, "/dev/zero")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INPUT_TOO_LARGE: rule file \S*zz-extra\.yaml is larger than 4194304 bytes/);
  });
  it("the host lists go through the same reader", async () => {
    const lists = join(dir, "lists");
    mkdirSync(lists);
    for (const f of readdirSync(LISTS_DIR)) copyFileSync(join(LISTS_DIR, f), join(lists, f));
    writeFileSync(join(lists, "web-whois.yaml"), `hosts: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const run = await runCli(["rules", "list", "--lists", lists]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/web-whois\.yaml is nested deeper than 64 levels/);
  });
});
