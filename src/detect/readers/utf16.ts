/**
 * UTF-16 text logs, re-encoded as UTF-8 while streaming. Windows PowerShell 5.1 writes UTF-16LE with a BOM for
 * `>` and `Out-File` (Microsoft Learn, about_Character_Encoding: "Out-File … default Unicode (UTF-16LE)"), so
 * `Get-WinEvent … | % { $_.ToXml() } > events.xml` or `wevtutil qe … /f:xml > events.xml` typed there gives
 * UTF-16; every reader works on UTF-8 bytes. Only a byte-order mark decides (no guessing from NUL bytes).
 */
export type WideEncoding = "utf-16le" | "utf-16be";

export function utf16Bom(head: Buffer): WideEncoding | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The chunks decoded from `encoding` (the BOM dropped; a code unit split across chunks is kept for the next). */
export async function* utf16ToUtf8(chunks: AsyncIterable<Buffer>, encoding: WideEncoding): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield Buffer.from(text, "utf8");
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield Buffer.from(tail, "utf8");
}
