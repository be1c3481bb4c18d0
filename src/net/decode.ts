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
  if (name === "utf-8" || name === "utf8" || name === "auto") {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return iconvLite().decode(bytes, "windows-1252");
    }
  }
  if (!iconvLite().encodingExists(name)) return decodeAnswer(bytes, "utf-8");
  return iconvLite().decode(bytes, name);
}
