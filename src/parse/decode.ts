import { decodeAnswer } from "../net/decode.js";

/**
 * Saved answers are bytes, decoded exactly as a live answer would be: UTF-8 when valid, else
 * Windows-1252 (a Latin-1 decode would turn 0x80–0x9F into C1 controls, and 0x9B — "›" — into the
 * 8-bit CSI that the sanitizer then strips together with the next character).
 */
export function decodeBytes(bytes: Uint8Array): string {
  return decodeAnswer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
