import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefixFor, runKeys } from "../../src/scale/keys.js";
import { runCli } from "../helpers/cli.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

/**
 * `bulk FILE --queue URL` reads its file through the reader plain `bulk` uses (src/cli/bulk-input.ts), so the
 * query files of test/cli/bulk-input-lines.test.ts enqueue as they look up:
 * - UTF-16BE with its BOM (Notepad's "Unicode big endian") and UTF-16LE with CRLF (Windows PowerShell 5.1's `>`,
 *   Microsoft Learn about_Character_Encoding): each line is its query, no NUL or CR left in it;
 * - what is pasted from logs and reports: host:port (RFC 3986 §3.2.3, [IPv6]:port RFC 5952 §6) and "AS 64500"
 *   (RFC 5398 documentation ASN) stay whole lines for the worker's classifier, comments and blank lines dropped;
 * - a missing file is refused before the queue is touched, as plain bulk refuses it (exit 2, "cannot read
 *   input file"), where --queue used to fail with a raw ENOENT and exit 3.
 */
const missing = skipReason("the bulk --queue input tests", redisMissing);

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
}

describe.skipIf(missing !== undefined)("bulk --queue reads its file as plain bulk does", () => {
  const { redis, url } = useRedis();
  const name = `enqueue-input-${process.pid}`;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "wl-enqueue-input-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const PASTED = ["first-utf16.example", "192.0.2.1:443", "[2001:db8::1]:443", "AS 64500"];
  it.each([
    ["UTF-16BE", utf16be(`${PASTED.join("\n")}\n`)],
    ["UTF-16LE, CRLF", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# pasted\r\n${PASTED.join("\r\n")}\r\n\r\n`, "utf16le")])],
    ["UTF-8, CRLF", Buffer.from(`${PASTED.join("  # from the report\r\n")}\r\n`)],
  ])("%s: each line is one query, whole", async (label, bytes) => {
    const file = join(dir, `${label.replace(/\W/g, "")}.txt`);
    writeFileSync(file, bytes);
    const run = `input-${label.replace(/\W/g, "")}`;
    const result = await runCli(["bulk", file, "--queue", url(), "--queue-name", name, "--run", run]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/bulk: 4 queries enqueued, 0 already queued/);
    expect((await redis().smembers(runKeys(prefixFor(name), run).queued)).sort()).toEqual([...PASTED].sort());
  }, 30_000);

  it("a missing file is refused before the queue is touched: exit 2, as plain bulk", async () => {
    const file = join(dir, "no-such-file.txt");
    const queued = await runCli(["bulk", file, "--queue", url(), "--queue-name", name]);
    const local = await runCli(["bulk", file, "--store", join(dir, "local.db")]);
    expect(queued.stderr).toMatch(/cannot read input file \S*no-such-file\.txt/);
    expect(queued.stderr).not.toMatch(/ENOENT/);
    expect([queued.code, local.code]).toEqual([2, 2]);
    expect(await redis().keys(`${prefixFor(name)}*no-such*`)).toEqual([]);
  }, 30_000);
});
