/**
 * One line of a query list → its query, or undefined for a blank or comment-only line: everything from the
 * first "#" is a comment (no name, address, ASN or handle holds one), then surrounding white space (CR of a
 * CRLF file, a pasted BOM) is dropped. The one rule for `bulk FILE`, `bulk --queue`, the console's bulk API
 * and its page, so a list reads the same wherever it is handed in. No imports: the console page bundles it.
 */
export function queryOfLine(line: string): string | undefined {
  const hash = line.indexOf("#");
  const query = (hash === -1 ? line : line.slice(0, hash)).trim();
  return query === "" ? undefined : query;
}
