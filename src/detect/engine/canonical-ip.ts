/**
 * One spelling per address, so one host is one source whichever log names it. The kernel's iptables/ufw LOG
 * target writes IPv6 in full (`SRC=fd00:0000:0000:0000:0000:0000:0000:0005`, nf_log's `%pI6`), Zeek and
 * Sysmon compress it (`fd00::5`), some exports upper-case it, and dual-stack sockets log IPv4 peers as
 * IPv4-mapped (`::ffff:10.0.0.5`). IPv6 literals are rewritten to RFC 5952's form by the WHATWG URL parser
 * (node's own, no hand-written parser), IPv4-mapped ones to their IPv4 address; anything else is returned as is.
 */
import { isIPv6 } from "node:net";
import { Lru } from "./lru.js";

const cache = new Lru<string, string>(4096);

function canonical(s: string): string {
  if (!isIPv6(s)) return s;
  const h = new URL(`http://[${s}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped === null) return h;
  const hi = Number.parseInt(mapped[1]!, 16), lo = Number.parseInt(mapped[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The address in one spelling (see above); a string without `:` (IPv4, a host name) costs one scan. */
export function canonicalIp(s: string): string {
  if (!s.includes(":")) return s;
  let c = cache.get(s);
  if (c === undefined) {
    c = canonical(s);
    cache.set(s, c);
  }
  return c;
}
