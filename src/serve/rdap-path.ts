/**
 * The request path of an RDAP query, percent-decoded, or the reason it is malformed. RFC 9082 §3.1 builds
 * every lookup path from names, numbers and handles as UTF-8 percent-encoded text (RFC 3986 §2.1, §2.5), and
 * RFC 7480 §5.4 answers a malformed query 400 Bad Request. Two ways to be malformed, neither a name anyone holds:
 * - an escape that is not UTF-8 (`%C3%28`, a lone surrogate's `%ED%A0%80`) or not an escape at all (`%zz`);
 * - a control character once decoded (C0 `%00`–`%1F`, DEL `%7F`, C1 U+0080–U+009F): no DNS name, IP, AS
 *   number or RPSL handle has one, and `%0D%0A` in a path is a header-injection attempt, not a lookup.
 * A path without `%` is returned as it came: node's HTTP parser already refuses raw control bytes.
 */
export type DecodedPath = { ok: true; path: string } | { ok: false; reason: string };

/** A C0 or C1 control character or DEL, anywhere in `text`. */
function controlAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

export function decodeRdapPath(path: string): DecodedPath {
  if (!path.includes("%")) return { ok: true, path };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { ok: false, reason: "malformed percent-encoding: the path must be UTF-8 (RFC 3986 §2.5)" };
  }
  const at = controlAt(decoded);
  if (at !== -1) return { ok: false, reason: `control character U+${decoded.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0")} in the path` };
  return { ok: true, path: decoded };
}
