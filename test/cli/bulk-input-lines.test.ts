import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * Query files as users hand them to `bulk` and `audit` (issue #13, w23-huntlookup):
 * - UTF-16LE with a BOM, as Windows PowerShell 5.1's `>` and `Out-File` write it (Microsoft Learn,
 *   about_Character_Encoding: "Out-File … default Unicode (UTF-16LE)"), CRLF line ends; and UTF-16BE
 *   with its BOM (Notepad's "Unicode big endian"). Each query used to fail as "query contains whitespace
 *   or control characters" (NUL bytes between its letters).
 * - a line far over the 4 KiB query-line cap (a pasted blob) among good lines: it is skipped and named,
 *   the good lines are still looked up, exit 2; it used to stop the run before its first lookup.
 * The registry stand-in answers Verisign's documented no-match line ("No match for \"NAME\".").
 */
let server: TestServer;
let dir: string;
let map: string;
const asked: string[] = [];

beforeAll(async () => {
  server = await tcpServer(
    whoisResponder((query) => {
      asked.push(query);
      return `No match for "${query.replace(/^domain /, "").toUpperCase()}".\r\n>>> Last update of whois database: 2026-12-07T23:00:00Z <<<\r\n`;
    }),
  );
  dir = mkdtempSync(join(tmpdir(), "wl-bulk-input-"));
  map = join(dir, "servers.json");
  writeFileSync(map, JSON.stringify({ "whois.verisign-grs.com": `127.0.0.1:${server.port}` }));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const NAMES = ["first-utf16.com", "second-utf16.com", "third-utf16.com"];
const bulkArgs = (file: string, store: string): string[] => ["bulk", file, "--servers", map, "--servers-only", "--protocol", "whois", "--no-cache", "--store", join(dir, store)];

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

describe("bulk query files in UTF-16 (a byte-order mark decides)", () => {
  it.each([
    ["UTF-16LE, CRLF (PowerShell 5.1's >)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${NAMES.join("\r\n")}\r\n`, "utf16le")])],
    ["UTF-16BE", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`${NAMES.join("\n")}\n`)])],
  ])("%s: every line is its query", async (label, bytes) => {
    const file = join(dir, `${label.slice(0, 8)}.txt`);
    writeFileSync(file, bytes);
    const run = await runCli(bulkArgs(file, `${label.slice(0, 8)}.db`));
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { query: string; record?: { status: string }; error?: unknown });
    expect(lines.map((line) => [line.query, line.record?.status, line.error]).sort()).toEqual(NAMES.map((name) => [name, "available", undefined]));
    expect(run.code).toBe(0);
  });

  it("audit --file reads a UTF-16LE list too", async () => {
    const file = join(dir, "audit-utf16.txt");
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("first-utf16.com\r\n", "utf16le")]));
    const run = await runCli(["audit", "--file", file, "--format", "json", "--servers", map, "--servers-only", "--protocol", "whois", "--no-cache", "--no-ns-check"]);
    expect(run.stderr).toBe("");
    expect(run.stderr).not.toMatch(/WL_ERR_INVALID/);
    expect(JSON.parse(run.stdout)).toMatchObject({ domains: [expect.objectContaining({ domain: "first-utf16.com" })] });
  });
});

describe("bulk: a line over the 4 KiB cap among good lines", () => {
  it("is skipped and named on stderr; the lines around it are looked up; exit 2", async () => {
    const file = join(dir, "blob.txt");
    writeFileSync(file, `before-blob.com\n${"a".repeat(100_000)}\nafter-blob.com\n`);
    const run = await runCli(bulkArgs(file, "blob.db"));
    const queries = run.stdout.trim().split("\n").map((line) => (JSON.parse(line) as { query: string }).query);
    expect(queries.sort()).toEqual(["after-blob.com", "before-blob.com"]);
    expect(run.stderr).toMatch(/bulk: WL_ERR_INPUT_TOO_LARGE: line 2 of \S*blob\.txt is larger than 4096 bytes \(this cap is fixed\): skipped, the run goes on\n/);
    expect(run.stderr).toMatch(/1 input line skipped \(over 4096 bytes\)/);
    expect(run.code).toBe(2);
  });
});
