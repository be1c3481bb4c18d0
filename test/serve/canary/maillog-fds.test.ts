import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLog } from "../../../src/detect/readers/index.js";
import { readMailLog } from "../../../src/serve/canary/index.js";
import { postfixLog } from "./samples.js";

// readMailLog used to open its log with its own copy of detect's opener, and left the file open
// whenever it stopped before the end (a format it did not know, a sink that threw): one file
// descriptor lost per call. It now opens, decompresses and splits with detect's reader
// (detect/readers/input.ts), closed on every path. Counted in /proc/self/fd, as the kernel sees it.

const dir = mkdtempSync(join(tmpdir(), "wl-maillog-fds-"));
const ROUNDS = 12;
const hasProc = existsSync("/proc/self/fd");
const openFds = (): number => readdirSync("/proc/self/fd").length;

/** Several 64 KiB read chunks' worth, so a reader that stops early has a file still open behind it. */
const postfix = Array.from({ length: 400 }, (_, i) => postfixLog({ first: `anna.berg.t${i}@decoy.example`, mangled: `ANNABERG+${i}@decoy.example` })).join("");
const notes = `${"just some notes, not a mail log\n".repeat(4000)}`;
const FILES = {
  "postfix.log": postfix,
  "postfix.log.gz": gzipSync(postfix),
  "notes.txt": notes,
  "notes.txt.gz": gzipSync(notes),
};
for (const [name, body] of Object.entries(FILES)) writeFileSync(join(dir, name), body);
const path = (name: keyof typeof FILES): string => join(dir, name);

/** Runs `read` ROUNDS times; resolves with how many descriptors stayed open after them. */
async function leaked(read: () => Promise<unknown>): Promise<number> {
  const before = openFds();
  for (let i = 0; i < ROUNDS; i++) await read().catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  return openFds() - before;
}

class Stop extends Error {}

describe.skipIf(!hasProc)("readMailLog closes its file on every path (fds in /proc/self/fd)", () => {
  it.each(["postfix.log", "postfix.log.gz"] as const)("%s: a sink that throws stops the read with the sink's own error, and nothing stays open", async (name) => {
    const stop = new Stop("enough");
    await expect(readMailLog(path(name), () => {
      throw stop;
    })).rejects.toBe(stop);
    expect(await leaked(() => readMailLog(path(name), () => {
      throw new Stop("enough");
    }))).toBe(0);
  });

  it.each(["notes.txt", "notes.txt.gz"] as const)("%s: a log of no known format is refused, and nothing stays open", async (name) => {
    await expect(readMailLog(path(name), () => undefined)).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION", message: expect.stringMatching(/not a Postfix, Exim or Exchange/) });
    expect(await leaked(() => readMailLog(path(name), () => undefined))).toBe(0);
  });

  it("an abort at the first sighting ends the read early with what was read, and nothing stays open", async () => {
    const once = async (): Promise<number> => {
      const stop = new AbortController();
      let seen = 0;
      const stats = await readMailLog(path("postfix.log.gz"), () => {
        seen++;
        stop.abort();
      }, { signal: stop.signal });
      expect(stats.format).toBe("postfix");
      return seen;
    };
    expect(await once()).toBeLessThan(800);
    expect(await leaked(once)).toBe(0);
  });

  it("a whole read still counts every line and sighting (plain and gzip alike)", async () => {
    const plain = await readMailLog(path("postfix.log"), () => undefined);
    const gz = await readMailLog(path("postfix.log.gz"), () => undefined);
    expect(plain).toMatchObject({ format: "postfix", lines: 400 * 11, malformed: 0 });
    expect(plain.events).toBeGreaterThanOrEqual(800);
    expect({ ...gz, file: "" }).toEqual({ ...plain, file: "" });
  });

  it.each(["postfix.log", "postfix.log.gz"] as const)("detect's readLog, whose opener it shares: a throwing sink closes %s too", async (name) => {
    const zeek = join(dir, name.replace("postfix", "zeek-dns"));
    const body = `#separator \\x09\n#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\n${"1733475242.1\tC1\t10.0.0.5\t5353\t192.0.2.53\t53\tudp\twhois.example.com\n".repeat(20_000)}`;
    writeFileSync(zeek, name.endsWith(".gz") ? gzipSync(body) : body);
    const stop = new Stop("enough");
    await expect(readLog(zeek, () => {
      throw stop;
    })).rejects.toBe(stop);
    expect(await leaked(() => readLog(zeek, () => {
      throw new Stop("enough");
    }))).toBe(0);
  });
});
