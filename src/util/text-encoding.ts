/**
 * Local text inputs (bulk and audit query files, list files) in UTF-16 as Windows writes them. Windows
 * PowerShell 5.1's `>` and `Out-File` write UTF-16LE with a byte-order mark (Microsoft Learn,
 * about_Character_Encoding: "Out-File … default Unicode (UTF-16LE)"), and Notepad's "Save as Unicode"
 * does too, so `Get-Content domains.txt > queries.txt` hands us UTF-16. Every reader works on UTF-8: such
 * a file is re-encoded as it streams. Only a byte-order mark decides (no guessing from NUL bytes); UTF-8
 * with or without its BOM passes through untouched. (detect's log readers decode through wideToText too, detect/readers/utf16.ts.)
 */
export type WideEncoding = "utf-16le" | "utf-16be";

/** The UTF-16 encoding a byte-order mark at the start of `head` names, if any. */
export function utf16Bom(head: Uint8Array): WideEncoding | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * A whole file's text: UTF-16 when its BOM says so, else UTF-8; a leading BOM is dropped either way (Windows
 * PowerShell 5.1's `Set-Content -Encoding UTF8` and older Notepad write UTF-8 with one; RFC 8259 §8.1 lets a
 * JSON parser ignore it, and JSON.parse does not).
 */
export function decodeText(bytes: Buffer): string {
  return new TextDecoder(utf16Bom(bytes) ?? "utf-8").decode(bytes);
}

/**
 * A stream's chunks as UTF-8: passed on as they are, unless the first two bytes are a UTF-16 BOM; then
 * decoded while streaming (the BOM dropped, a code unit split across chunks kept for the next). Leaving
 * early (a line over its cap) ends the stream as a for-await over it would.
 */
export async function* utf8Chunks(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  const it = stream[Symbol.asyncIterator]();
  try {
    let head: Buffer = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await it.next();
      if (next.done === true) {
        if (head.length > 0) yield head;
        return;
      }
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    }
    const wide = utf16Bom(head);
    const chunks = restOf<Buffer | string>(head, it);
    yield* wide === undefined ? chunks : wideToText(chunks, wide);
  } finally {
    await it.return?.();
  }
}

/**
 * The text of UTF-16 chunks in `encoding`, decoded while streaming: a leading BOM dropped, a code unit split
 * across chunks kept for the next, empty pieces skipped. The one decoder behind utf8Chunks and detect's readers.
 */
export async function* wideToText(chunks: AsyncIterable<Buffer | string>, encoding: WideEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(typeof chunk === "string" ? Buffer.from(chunk) : chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/** `head`, then what is left of `it` (which the caller closes). */
async function* restOf<T>(head: T, it: AsyncIterator<T>): AsyncGenerator<T> {
  yield head;
  for (let next = await it.next(); next.done !== true; next = await it.next()) yield next.value;
}
