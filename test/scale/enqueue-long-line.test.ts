import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefixFor, runKeys } from "../../src/scale/keys.js";
import { runCli } from "../helpers/cli.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

/**
 * Issue #13 (w24): `bulk FILE --queue URL` stopped at a line over the 4 KiB query cap (a pasted blob), before
 * enqueueing anything after it, where plain `bulk` skips the line, names it on stderr, counts it in the summary
 * and exits 2. Both now read through the one query reader (src/cli/bulk-input.ts).
 */
const missing = skipReason("the bulk --queue over-long line test", redisMissing);

describe.skipIf(missing !== undefined)("bulk --queue with an over-long input line", () => {
  const { redis, url } = useRedis();
  const name = `long-line-${process.pid}`;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "wl-enqueue-long-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["UTF-8", (text: string) => Buffer.from(text)],
    ["UTF-16LE with its BOM", (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
  ])("%s: the line is skipped and named, the others enqueued, the summary counts it, exit 2", async (label, encode) => {
    const file = join(dir, `${label.slice(0, 5)}.txt`);
    writeFileSync(file, encode(`first-long.example\n${"x".repeat(5000)}.example\nsecond-long.example\n`));
    const run = `long-${label.slice(0, 5)}`;
    const result = await runCli(["bulk", file, "--queue", url(), "--queue-name", name, "--run", run]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`WL_ERR_INPUT_TOO_LARGE: line 2 of ${file.replace(/[.\\/]/g, "\\$&")} is larger than 4096 bytes.*: skipped, the run goes on`));
    expect(result.stderr).toMatch(/bulk: 2 queries enqueued, 0 already queued or answered in run long-\S+, 1 input line skipped \(over 4096 bytes\); queue /);
    expect((await redis().smembers(runKeys(prefixFor(name), run).queued)).sort()).toEqual(["first-long.example", "second-long.example"]);
  }, 30_000);
});
