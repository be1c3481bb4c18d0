/** Saved answers are bytes: UTF-8 when valid, else Latin-1 (what most legacy servers send). */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString("latin1");
  }
}
