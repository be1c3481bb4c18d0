import { iconvLite } from "../util/cjs-deps.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a server's bytes. UTF-8 is tried strictly first, because many servers
 * that claim (or are assumed to speak) UTF-8 send Latin-1 or Windows-1252; those
 * fall back to windows-1252 instead of turning into replacement characters.
 * Other charsets go through iconv-lite; an unknown name falls back the same way.
 */
export function decodeAnswer(bytes: Buffer, charset = "utf-8"): string {
  const name = charset.toLowerCase();
  if (isUtf8Name(name)) {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return iconvLite().decode(bytes, "windows-1252");
    }
  }
  if (!iconvLite().encodingExists(name)) return decodeAnswer(bytes, "utf-8");
  return iconvLite().decode(bytes, name);
}

/** The names decodeAnswer reads as UTF-8 (with its windows-1252 fallback). */
function isUtf8Name(name: string): boolean {
  return name === "utf-8" || name === "utf8" || name === "auto";
}

/**
 * Whether bytes that are all ASCII decode under `charset` to those very characters, one per byte: true for
 * the UTF-8 names (strict UTF-8 of ASCII bytes is the bytes; the fallback never runs). Other charsets are
 * left to decodeAnswer: some 7-bit encodings (ISO-2022-JP, UTF-7) give ASCII bytes another meaning.
 */
export function asciiDecodesAsIs(charset = "utf-8"): boolean {
  return isUtf8Name(charset.toLowerCase());
}
