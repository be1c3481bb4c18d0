/**
 * UTF-16 text logs, re-encoded as UTF-8 while streaming. Windows PowerShell 5.1 writes UTF-16LE with a BOM for
 * `>` and `Out-File` (Microsoft Learn, about_Character_Encoding: "Out-File … default Unicode (UTF-16LE)"), so
 * `Get-WinEvent … | % { $_.ToXml() } > events.xml` or `wevtutil qe … /f:xml > events.xml` typed there gives
 * UTF-16; every reader works on UTF-8 bytes. Only a byte-order mark decides (no guessing from NUL bytes).
 * The BOM test and the decoder are the ones bulk and audit read query files with (util/text-encoding.ts).
 */
import { type WideEncoding, wideToText } from "../../util/text-encoding.js";

export { utf16Bom, type WideEncoding } from "../../util/text-encoding.js";

/** The chunks decoded from `encoding` (the BOM dropped; a code unit split across chunks is kept for the next). */
export async function* utf16ToUtf8(chunks: AsyncIterable<Buffer>, encoding: WideEncoding): AsyncGenerator<Buffer> {
  for await (const text of wideToText(chunks, encoding)) yield Buffer.from(text, "utf8");
}
