import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bufferedWriter, utf8Builder } from "../../src/cli/lines.js";
import { sanitizeDeep, sanitizedJson } from "../../src/util/sanitize.js";
import { runCli } from "../helpers/cli.js";

describe("bufferedWriter (parse --batch output)", () => {
  it("writes in chunks of about the given size, then the rest on flush", async () => {
    const writes: string[] = [];
    const out = bufferedWriter({ write: (chunk: string) => writes.push(chunk) }, 10);
    for (const line of ["aaaa\n", "bbbb\n", "cc\n"]) await out.write(line);
    expect(writes).toEqual(["aaaa\nbbbb\n"]);
    await out.flush();
    expect(writes).toEqual(["aaaa\nbbbb\n", "cc\n"]);
  });

  it("waits for drain when the stream is full, so a slow reader bounds memory", async () => {
    let release: () => void = () => {};
    const slow = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, done) {
        release = done;
      },
    });
    const out = bufferedWriter(slow, 8);
    const wait = out.write("0123456789");
    expect(wait).toBeInstanceOf(Promise);
    let drained = false;
    void wait?.then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    release();
    await wait;
    expect(drained).toBe(true);
  });

  // A stream gets the texts encoded straight into byte chunks (issue #13): the bytes must be those of the joined
  // text, whatever mix of Latin-1, two-byte, astral and lone-surrogate characters, and texts longer than a chunk.
  it("gives a stream exactly the UTF-8 bytes of the texts, in order, in chunks of about the given size", async () => {
    const piece = fc.oneof(fc.string({ unit: "grapheme-composite" }), fc.string({ unit: "binary" }), fc.string({ maxLength: 5 }), fc.constant("é".repeat(40)), fc.constant("\ud800x\udc00"));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), async (texts, chunkBytes) => {
        const chunks: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(Buffer.from(chunk));
            done();
          },
        });
        const out = bufferedWriter(sink, chunkBytes);
        for (const text of texts) await out.write(text);
        await out.flush();
        expect(Buffer.concat(chunks).equals(Buffer.from(texts.join(""), "utf8"))).toBe(true);
        for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  // A batch worker's output arrives as bytes (batch/pool.ts): written between texts, the stream gets them in their place,
  // whether they fit the chunk being filled or go out on their own; a sink of strings gets their text.
  it("writes bytes between texts in order, to a stream and to a sink of strings", async () => {
    const piece = fc.oneof(fc.string({ unit: "grapheme-composite" }), fc.string({ maxLength: 5 }), fc.constant("é株🚀".repeat(50)));
    const item = fc.record({ text: piece, asBytes: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), async (items, chunkBytes) => {
        const chunks: Buffer[] = [];
        const stream = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(Buffer.from(chunk));
            done();
          },
        });
        const strings: string[] = [];
        for (const out of [bufferedWriter(stream, chunkBytes), bufferedWriter({ write: (chunk: string) => strings.push(chunk) }, chunkBytes)]) {
          for (const { text, asBytes } of items) await (asBytes ? out.writeBytes(new TextEncoder().encode(text)) : out.write(text));
          await out.flush();
        }
        const expected = items.map(({ text }) => text).join("");
        expect(Buffer.concat(chunks).equals(Buffer.from(expected, "utf8"))).toBe(true);
        expect(strings.join("")).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects instead of hanging when the reader goes away", async () => {
    const broken = new PassThrough({ highWaterMark: 1 });
    const out = bufferedWriter(broken, 1);
    const wait = out.write("xx");
    broken.destroy(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    await expect(wait).rejects.toThrow("EPIPE");
  });
});

describe("utf8Builder (a batch worker's output bytes)", () => {
  it("gives the UTF-8 bytes of the texts in order, in a buffer of their own that can be transferred", () => {
    const piece = fc.oneof(fc.string({ unit: "grapheme-composite" }), fc.string({ unit: "binary" }), fc.constant("é".repeat(300)), fc.constant("\ud800x\udc00"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (texts, initialBytes) => {
        // (A small first buffer: the texts make it grow, several times over.)
        const builder = utf8Builder(initialBytes);
        for (const text of texts) builder.add(text);
        const bytes = builder.take();
        expect(Buffer.from(bytes).equals(Buffer.from(texts.join(""), "utf8"))).toBe(true);
        // Never a slice of Buffer's shared pool (other buffers' bytes would go with it): transferring moves the bytes.
        const moved = structuredClone(bytes, { transfer: [bytes.buffer as ArrayBuffer] });
        expect(Buffer.from(moved).equals(Buffer.from(texts.join(""), "utf8"))).toBe(true);
        expect(bytes.buffer.byteLength).toBe(0);
        // The builder starts afresh after take.
        builder.add("x");
        expect(Buffer.from(builder.take()).toString()).toBe("x");
      }),
      { numRuns: 200 },
    );
  });
});

describe("sanitizedJson", () => {
  it("is JSON.stringify(sanitizeDeep(value)) for any value", () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom("\u001b[31mred", "a\r\nb", "x\u009bq", "\u202eevil", "back\\u0041", "tab\tnew\nline", "\u007f"));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(hostile, fc.array(hostile), fc.integer(), fc.constant(null))), (value) => {
        expect(sanitizedJson(value)).toBe(JSON.stringify(sanitizeDeep(value)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("parse --batch", () => {
  it("strips control characters from ids and records, and reports an over-long line by number", async () => {
    const stdin = [
      JSON.stringify({ id: "a\u001b[2Jb", text: "Domain Name: EXAMPLE.COM\nRegistrar: Evil\u001b]0;pwned\u0007 Corp\n" }),
      JSON.stringify({ id: 2, text: "x".repeat(5 * 1024 * 1024) }),
      JSON.stringify({ id: 3, text: "Domain Name: EXAMPLE.NET\n" }),
    ].join("\r\n");
    const run = await runCli(["parse", "--batch"], { stdin });
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(["ab", null, 3]);
    expect(lines[0].record.registrar.name).toBe("Evil Corp");
    expect(lines[1].error).toMatchObject({ code: "WL_ERR_INPUT_TOO_LARGE", message: expect.stringMatching(/^line 2: longer than 4194304 bytes .*--max-bytes/) });
    expect(lines[2].record.domain.name).toBe("example.net");
    expect(run.stdout).not.toMatch(/\\u001b|\u001b/);
  });

  // It once read standard input whatever FILE said: `parse --batch answers.ndjson` printed nothing and exited 0.
  it("reads FILE when one is named (- or none: standard input), and refuses a missing file or a folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whoislens-batch-file-"));
    try {
      const file = join(dir, "answers.ndjson");
      writeFileSync(file, `${JSON.stringify({ id: "f", text: "Domain Name: EXAMPLE.ORG\n" })}\n`);
      const stdin = `${JSON.stringify({ id: "s", text: "Domain Name: EXAMPLE.NET\n" })}\n`;
      const fromFile = await runCli(["parse", "--batch", file], { stdin });
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout.trim().split("\n").map((line) => JSON.parse(line).record.domain.name)).toEqual(["example.org"]);
      const fromDash = await runCli(["parse", "--batch", "-"], { stdin });
      expect(JSON.parse(fromDash.stdout).id).toBe("s");
      for (const bad of [join(dir, "missing.ndjson"), dir]) {
        const refused = await runCli(["parse", "--batch", bad], { stdin });
        expect(refused.code).toBe(2);
        expect(refused.stdout).toBe("");
        expect(refused.stderr).toMatch(/WL_ERR_INVALID_OPTION: cannot read .*(ENOENT|is a directory)/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
