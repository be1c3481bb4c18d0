import iconv from "iconv-lite";

const TO_JIS_X_0208 = Buffer.from([0x1b, 0x24, 0x42]); // ESC $ B
const TO_ASCII = Buffer.from([0x1b, 0x28, 0x42]); // ESC ( B

/**
 * Encodes text as ISO-2022-JP (RFC 1468), the legacy charset JPRS answers in
 * without `/e`. iconv-lite has no ISO-2022-JP encoder, but JIS X 0208 in
 * ISO-2022-JP is EUC-JP's two bytes with the high bits cleared. Characters
 * outside ASCII and JIS X 0208 are dropped (the dataset has none).
 */
export function encodeIso2022Jp(text: string): Buffer {
  const parts: Buffer[] = [];
  let inJis = false;
  for (const char of text) {
    if ((char.codePointAt(0) ?? 0) < 0x80) {
      if (inJis) parts.push(TO_ASCII);
      inJis = false;
      parts.push(Buffer.from(char, "latin1"));
      continue;
    }
    const euc = iconv.encode(char, "euc-jp");
    const [high = 0, low = 0] = euc;
    if (euc.length !== 2 || high < 0xa1 || low < 0xa1) continue;
    if (!inJis) parts.push(TO_JIS_X_0208);
    inJis = true;
    parts.push(Buffer.from([high & 0x7f, low & 0x7f]));
  }
  if (inJis) parts.push(TO_ASCII);
  return Buffer.concat(parts);
}
