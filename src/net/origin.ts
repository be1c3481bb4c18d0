/**
 * Trust decisions on URLs, made on the parsed URL (WHATWG URL, as undici parses it), never on the
 * text: `http://rdap.example.attacker.test/` starts with `http://rdap.example` and
 * `http://rdap.example@127.0.0.1/` goes to 127.0.0.1, but neither has the origin of `http://rdap.example`.
 */

/** The URL's origin (scheme://host:port, default port elided, host lower-cased), or undefined if it does not parse. */
export function originOf(value: string | URL): string | undefined {
  try {
    const url = typeof value === "string" ? new URL(value) : value;
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Same scheme, host and port, and `url` carries no userinfo. */
export function sameOrigin(url: string | URL, base: string | URL): boolean {
  if (urlHasCredentials(url)) return false;
  const origin = originOf(url);
  return origin !== undefined && origin === originOf(base);
}

/** `http://user:pass@host/`: a link that carries credentials (never followed). */
export function urlHasCredentials(value: string | URL): boolean {
  try {
    const url = typeof value === "string" ? new URL(value) : value;
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}
