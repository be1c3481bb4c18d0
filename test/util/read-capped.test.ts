/** Issue #19: the one capped reader stops at its cap on /dev/zero, endless lines and generated files. */
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, InputTooLargeError, InvalidOptionError } from "../../src/errors.js";
import { linesCapped, readFileCappedSync, readNamedFileSync, readStreamCapped, type CappedLine } from "../../src/util/read-capped.js";
import { runCli } from "../helpers/cli.js";

const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "wl-capped-"));

async function collect(lines: AsyncIterable<CappedLine>): Promise<CappedLine[]> {
  const out: CappedLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("readNamedFileSync", () => {
  // `serve --dataset /missing` ended with "whoislens: ENOENT: …", exit 3 and no error code.
  it("names a file it cannot read: WL_ERR_CONFIG for configuration, WL_ERR_INVALID_OPTION for a flag's value; the cap still applies", async () => {
    expect(() => readNamedFileSync(join(dir, "missing.yaml"), { maxBytes: MIB, what: "dataset file missing.yaml" })).toThrow(ConfigError);
    expect(() => readNamedFileSync(dir, { maxBytes: MIB, what: "--smtp-ca file" }, "option")).toThrow(InvalidOptionError);
    expect(() => readNamedFileSync(join(dir, "missing.yaml"), { maxBytes: MIB, what: "dataset file missing.yaml" })).toThrow(/^cannot read dataset file missing\.yaml: ENOENT/);
    expect(() => readNamedFileSync("/dev/zero", { maxBytes: 10, what: "x" })).toThrow(InputTooLargeError);
    const run = await runCli(["serve", "--dataset", join(dir, "missing.yaml"), "--whois-port", "0", "--rdap-port", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^whoislens: WL_ERR_CONFIG: cannot read dataset file \S*missing\.yaml: ENOENT/);
  });
});

describe("readFileCappedSync", () => {
  it("refuses /dev/zero after reading the cap, naming the input, the cap and the flag", () => {
    const error = (() => {
      try {
        readFileCappedSync("/dev/zero", { maxBytes: MIB, what: "the answer file /dev/zero", flag: "--max-bytes" });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputTooLargeError);
    expect((error as InputTooLargeError).code).toBe("WL_ERR_INPUT_TOO_LARGE");
    expect((error as Error).message).toBe("the answer file /dev/zero is larger than 1048576 bytes (raise it with --max-bytes); reading stopped at the cap");
  });
  it("reads a file of exactly the cap, refuses one byte more", () => {
    const file = join(dir, "exact.bin");
    writeFileSync(file, Buffer.alloc(200_000, 0x61));
    expect(readFileCappedSync(file, { maxBytes: 200_000, what: "x" }).length).toBe(200_000);
    expect(() => readFileCappedSync(file, { maxBytes: 199_999, what: "x" })).toThrow(/larger than 199999 bytes \(this cap is fixed\)/);
  });
});

describe("readStreamCapped", () => {
  it("stops reading standard input from /dev/zero at the cap and destroys the stream", async () => {
    const stream = createReadStream("/dev/zero");
    await expect(readStreamCapped(stream, { maxBytes: MIB, what: "standard input", flag: "--max-bytes" })).rejects.toThrow(/standard input is larger than 1048576 bytes/);
    expect(stream.destroyed).toBe(true);
    expect(stream.bytesRead).toBeLessThan(4 * MIB);
  });
  it("returns a small stream whole", async () => {
    expect((await readStreamCapped(Readable.from([Buffer.from("ab"), "cd"]), { maxBytes: 4, what: "x" })).toString()).toBe("abcd");
  });
});

/** `bytes` cut into chunks of the given sizes, taken in turn (as a stream might deliver them). */
function cutInto(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = cuts[i % cuts.length] ?? 1;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe("linesCapped", () => {
  it("reports an endless line once, as soon as it passes the cap, holding at most the cap", async () => {
    // 32 MiB of zeros with no newline, then two real lines.
    async function* input(): AsyncGenerator<Buffer> {
      const zeros = Buffer.alloc(MIB);
      for (let i = 0; i < 32; i += 1) yield zeros;
      yield Buffer.from("\nsecond\r\nthird");
    }
    const heapBefore = process.memoryUsage().heapUsed;
    const lines = await collect(linesCapped(input(), 64 * 1024));
    expect(lines).toEqual([{ number: 1, tooLong: true }, { number: 2, text: "second" }, { number: 3, text: "third" }]);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * MIB);
  });
  it("on /dev/zero, yields the too-long report before the stream ends", async () => {
    const stream = createReadStream("/dev/zero");
    let seen = 0;
    for await (const line of linesCapped(stream, 4096)) {
      seen += 1;
      expect(line).toEqual({ number: 1, tooLong: true });
      break;
    }
    expect(seen).toBe(1);
    expect(stream.destroyed).toBe(true);
  });
  it("splits like readline for any chunking, UTF-8 characters cut across chunks included (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("a", "é", "€", "𝄞", "\n", "\r\n", " "), { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), async (parts, cuts) => {
        const chunks = cutInto(Buffer.from(parts.join("")), cuts);
        const expected = parts.join("").split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
        if (expected[expected.length - 1] === "") expected.pop();
        const got = await collect(linesCapped(Readable.from(chunks), 1000));
        expect(got.map((l) => (l.tooLong ? "<long>" : l.text))).toEqual(expected);
      }),
    );
  });
  it("reports the lines over the cap, whether they lie inside one chunk or across several (property)", async () => {
    // Lines inside a chunk are decoded straight from it; lines cut across chunks are gathered first: both
    // paths must count bytes (not characters, CR included) against the same cap.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("a", "é", "€", "𝄞", "\n", "\r\n", "\r", " "), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 12 }),
        async (parts, cuts, cap) => {
          const chunks = cutInto(Buffer.from(parts.join("")), cuts);
          const lines = parts.join("").split("\n");
          if (lines[lines.length - 1] === "") lines.pop();
          const expected = lines.map((l) => (Buffer.byteLength(l) > cap ? "<long>" : l.endsWith("\r") ? l.slice(0, -1) : l));
          const got = await collect(linesCapped(Readable.from(chunks), cap));
          expect(got.map((l) => (l.tooLong ? "<long>" : l.text))).toEqual(expected);
          expect(got.map((l) => l.number)).toEqual(lines.map((_, i) => i + 1));
        },
      ),
    );
  });
});
