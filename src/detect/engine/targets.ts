/**
 * What a lookup was about: domain names, IP addresses/CIDRs and AS numbers pulled out of WHOIS
 * query text, RDAP paths, web WHOIS URLs and command lines. Token checks are code, not regexes
 * over the whole input, so hostile input stays linear.
 */
import ipaddr from "ipaddr.js";

const MAX_TEXT = 4096;
const FILE_SUFFIXES = new Set(["aspx", "asp", "php", "html", "htm", "jsp", "do", "cgi", "pl", "js", "css", "json", "xml", "png", "jpg", "gif", "svg", "ico", "txt", "exe", "ps1", "py", "sh", "dll", "csv", "log"]);
const SPLIT = /[\s/?&=#,;|"'()<>[\]{}\\*+!~^`]+/;

function isLabel(label: string): boolean {
  if (label.length === 0 || label.length > 63) return false;
  for (let i = 0; i < label.length; i += 1) {
    const c = label.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c > 127;
    if (!ok) return false;
  }
  return true;
}

/** A domain name with an alphabetic top-level label that is not a file suffix. */
export function isDomainLike(token: string): boolean {
  if (token.length < 4 || token.length > 253 || !token.includes(".")) return false;
  const labels = token.split(".");
  const tld = labels[labels.length - 1]!;
  if (tld.length < 2 || !/^[a-z][a-z0-9-]*$|^xn--[a-z0-9-]+$/.test(tld) || FILE_SUFFIXES.has(tld)) return false;
  return labels.every(isLabel);
}

export function isIpLike(token: string): boolean {
  const [addr, bits, extra] = token.split("/");
  if (addr === undefined || extra !== undefined || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return false;
  if (addr.includes(":")) return ipaddr.IPv6.isValid(addr);
  return ipaddr.IPv4.isValidFourPartDecimal(addr);
}

/** Normalizes one token into a target, or undefined. */
export function asTarget(raw: string): string | undefined {
  let t = raw.trim().toLowerCase();
  while (t.endsWith(".")) t = t.slice(0, -1);
  if (t === "") return undefined;
  if (/^as\d{1,10}$/.test(t)) return t.toUpperCase();
  if (isIpLike(t)) return t;
  if (isDomainLike(t)) return t;
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** Every target-like token in free text (URL paths and queries are decoded first). */
export function targetsInText(text: string, exclude?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const token of decode(text.slice(0, MAX_TEXT)).toLowerCase().split(SPLIT)) {
    const t = asTarget(token.replace(/^[:.\-]+|[:.,]+$/g, ""));
    if (t !== undefined && !out.includes(t) && !(exclude?.has(t) ?? false)) out.push(t);
    if (out.length >= 16) break;
  }
  return out;
}

/** WHOIS query text ("-T dn example.com", "n + 192.0.2.1", "AS64500", "domain example.com"). */
export function targetsOfWhoisQuery(query: string): string[] {
  const found = targetsInText(query.replace(/^\s*[=+!~]/, ""));
  if (found.length > 0) return found;
  const words = query.trim().split(/\s+/).filter((w) => w !== "" && !w.startsWith("-"));
  const last = words[words.length - 1];
  return last === undefined ? [] : [last.slice(0, 100).toLowerCase()];
}

const RDAP_OBJECT = /(?:^|\/)(domain|ip|autnum|entity|nameserver)\/([^/?#]{1,255})(?:\/(\d{1,3}))?/i;
const RDAP_UNDER_RDAP = /\/rdap\/(?:[^?#]{0,512}\/)?(?:domain|ip|autnum|entity|nameserver)\/[^/?#]/i;

/** The object an RDAP path asks for ("/rdap/domain/EXAMPLE.com" → "example.com"). */
export function rdapPathTarget(path: string): string | undefined {
  const m = RDAP_OBJECT.exec(path.slice(0, 2048));
  if (!m) return undefined;
  const value = decode(m[2]!).toLowerCase();
  if (m[1]!.toLowerCase() === "autnum") return /^\d{1,10}$/.test(value) ? `AS${value}` : undefined;
  if (m[1]!.toLowerCase() === "ip" && m[3] !== undefined) return `${value}/${m[3]}`;
  return value.slice(0, 255);
}

/** An RDAP object path under a /rdap/ segment (any host). */
export function isRdapPathUnderRdap(path: string): boolean {
  return RDAP_UNDER_RDAP.test(path.slice(0, 2048));
}

/** An RDAP object path anywhere (used only on known RDAP hosts). */
export function isRdapObjectPath(path: string): boolean {
  return RDAP_OBJECT.test(path.slice(0, 2048));
}

/** URLs in a command line (http/https/whois schemes), as parsed URL objects. */
export function urlsIn(commandLine: string): URL[] {
  const out: URL[] = [];
  const re = /\b(?:https?|whois|rwhois):\/\/[^\s"'`<>|)]{1,2048}/gi;
  const text = commandLine.slice(0, 8192);
  for (let m = re.exec(text); m !== null && out.length < 16; m = re.exec(text)) {
    try {
      out.push(new URL(m[0]));
    } catch {
      // not a URL
    }
  }
  return out;
}

/** Suffix match against a set of domains: "mail.example.com" matches "example.com". */
export function matchesDomainSet(target: string, domains: ReadonlySet<string>): string | undefined {
  let name = target.toLowerCase();
  while (name !== "") {
    if (domains.has(name)) return name;
    const dot = name.indexOf(".");
    if (dot === -1) return undefined;
    name = name.slice(dot + 1);
  }
  return undefined;
}
