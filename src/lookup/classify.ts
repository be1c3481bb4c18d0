import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import { InvalidQueryError } from "../errors.js";
import { hasSpaceOrControl, isAllDigits, isDigit, isDigitsAndDots, isLdhName, isLowerLdhOrDots, withoutTrailingDot } from "../util/chars.js";
import { ipaddr, tldts } from "../util/cjs-deps.js";

/** ICANN section only: a registry answers for example.co.uk, not for a private suffix's customers. */
const TLDTS_OPTIONS = { allowPrivateDomains: false, extractHostname: false, validateHostname: false } as const;

/** Lower-case letters, digits, hyphens and dots only, no label starting with an IDNA prefix: its own A-label. */
function isPlainLowerAscii(name: string): boolean {
  return isLowerLdhOrDots(name) && !name.startsWith("xn--") && !name.includes(".xn--");
}

export type QueryKind = "domain" | "tld" | "ipv4" | "ipv6" | "cidr" | "asn" | "handle";

export interface ClassifiedQuery {
  /** What the user typed, trimmed. */
  input: string;
  kind: QueryKind;
  /** The value to look up: A-label domain, canonical IP/CIDR, "AS15169", upper-case handle. */
  value: string;
  /** Domains: the U-label form when it differs from value. */
  unicode?: string;
  /** Domains: the public suffix (ICANN section) the name sits under. */
  suffix?: string;
  /** ASNs: the number. */
  asn?: number;
  /** CIDRs: the prefix length; IPs inside a CIDR query use the network address as value. */
  prefixLength?: number;
  /** IP family for ipv4/ipv6/cidr. */
  family?: 4 | 6;
  /** Why value differs from input, for the user ("looked up at the registrable domain …"). */
  notes: string[];
}

const ASN_PATTERN = /^(?:AS)?(\d{1,20})$/i;
/**
 * An AS number as people paste it from reports and peering pages: "AS 64500", "as 64500", "ASN 64500", "ASN64500".
 * One space at most, nothing looser: a domain with spaces stays refused. Bounded digits, no nested quantifier.
 */
const PASTED_ASN_PATTERN = /^ASN? ?(\d{1,20})$/i;
/** asdot notation of a 4-byte AS number (RFC 5396): "AS3.0" is AS196608; GNU whois reads it too. The AS prefix is required. */
const ASDOT_PATTERN = /^AS(\d{1,5})\.(\d{1,5})$/i;
// Registry handles: letters/digits with at least one hyphen (NET-8-8-8-0-1, ORG-EXA1-RIPE, GOGL-ARIN).
const HANDLE_PATTERN = /^[A-Z0-9][A-Z0-9_]*(?:-[A-Z0-9_]+)+$/i;
/**
 * One label of letters and digits, with both: a registry handle with no `-SUFFIX` (LACNIC's persons "AMU2",
 * JPNIC's "SD1234JP"). No top-level domain holds a digit save an IDNA A-label ("xn--p1ai", which has hyphens),
 * so this is never a TLD; GNU whois takes it for a handle too ("No whois server is known for this kind of object").
 * All-digit labels are AS numbers (above); single labels without digits ("com", "google") stay TLDs.
 */
const SUFFIXLESS_HANDLE_PATTERN = /^(?=[A-Z0-9_]*[A-Z])(?=[A-Z0-9_]*\d)[A-Z0-9_]{2,64}$/i;
const MAX_ASN = 4_294_967_295;


/**
 * Turns anything a user types into a typed query, or throws InvalidQueryError
 * naming the problem. Pure: no network, no bootstrap.
 */
export function classifyQuery(raw: string): ClassifiedQuery {
  const input = raw.trim();
  if (input === "") throw new InvalidQueryError("empty query: give a domain, IP address, CIDR, AS number or handle");
  const pastedAsn = startsLikeAs(input) ? PASTED_ASN_PATTERN.exec(input) : null;
  if (pastedAsn && !ASN_PATTERN.test(input)) {
    const query = classifyAsn(input, pastedAsn[1] ?? "");
    return { ...query, notes: [`${input} is written as AS number ${query.value}`] };
  }
  if (hasSpaceOrControl(input)) {
    throw new InvalidQueryError(`query contains whitespace or control characters: ${JSON.stringify(input)}`);
  }
  if (input.length > MAX_PASTED) throw new InvalidQueryError(`query too long (${input.length} characters)`);
  // What is pasted from a report: each unwrapping leaves a shorter string, or (refanging) one with no mark left, so this ends.
  const inner = unwrapPasted(input);
  if (inner !== undefined) {
    const query = classifyQuery(inner.value);
    return { ...query, input, notes: [inner.note, ...query.notes] };
  }
  if (input.length > 253 + 1) throw new InvalidQueryError(`query too long (${input.length} characters)`);

  // (The pattern only runs on input that starts as an AS number can.)
  const first = input.charCodeAt(0);
  const asn = isDigit(first) || startsLikeAs(input) ? ASN_PATTERN.exec(input) : null;
  if (asn && (/^as/i.test(input) || !input.includes("."))) return classifyAsn(input, asn[1] ?? "");
  const asdot = startsLikeAs(input) ? ASDOT_PATTERN.exec(input) : null;
  if (asdot) return classifyAsdot(input, Number(asdot[1]), Number(asdot[2]));
  if (input.includes("/")) return classifyCidr(input);
  // (isIP runs a long IPv6 pattern: only for input that could be an address at all.)
  if ((input.includes(":") || isDigitsAndDots(input)) && isIP(input) !== 0) return classifyIp(input);
  if (!input.includes(".") && (HANDLE_PATTERN.test(input) || SUFFIXLESS_HANDLE_PATTERN.test(input))) {
    return { input, kind: "handle", value: input.toUpperCase(), notes: [] };
  }
  return classifyDomain(input);
}

/** The first letter is an "a": only such input may be an AS number written with its prefix. */
function startsLikeAs(input: string): boolean {
  return (input.charCodeAt(0) | 0x20) === 0x61;
}

/** A pasted URL may be this long (a phishing link's path and query); a name itself is held to 254 characters below. */
const MAX_PASTED = 2048;
const URL_SCHEME = /^(?:https?|ftp|wss?):\/\//i;

/**
 * Defanged indicators, as threat reports and IOC feeds print them so that no one clicks: each mark and what it
 * stands for (CyberChef's "Defang URL" and "Defang IP Addresses", the ioc-fanger tables, MISP and STIX exports).
 */
const DEFANG_MARKS: readonly [mark: string, fanged: string][] = [
  ["[.]", "."], ["(.)", "."], ["{.}", "."], ["[dot]", "."], ["(dot)", "."], ["{dot}", "."], ["\\.", "."],
  ["[:]", ":"], ["[://]", "://"], ["[/]", "/"],
  ["[@]", "@"], ["(@)", "@"], ["[at]", "@"], ["(at)", "@"], ["{at}", "@"],
];
const DEFANGED_SCHEMES: readonly [pattern: RegExp, scheme: string][] = [
  [/^h(?:xx|\*\*|XX)p(?=s?(?::|\[:))/i, "http"],
  [/^fxp(?=s?(?::|\[:))/i, "ftp"],
];

/** The indicator with its defang marks undone, or undefined when it carries none. */
function refang(input: string): string | undefined {
  let value = input;
  // (Both defanged schemes start with h or f: other input skips their patterns.)
  const first = input.charCodeAt(0) | 0x20;
  if (first === 0x68 || first === 0x66) for (const [pattern, scheme] of DEFANGED_SCHEMES) value = value.replace(pattern, scheme);
  if (value.includes("[") || value.includes("(") || value.includes("{") || value.includes("\\")) {
    const lower = value.toLowerCase();
    let out = "";
    for (let i = 0; i < value.length; ) {
      const mark = DEFANG_MARKS.find(([m]) => lower.startsWith(m, i));
      if (mark) {
        out += mark[1];
        i += mark[0].length;
      } else {
        out += value[i];
        i += 1;
      }
    }
    value = out;
  }
  return value === input ? undefined : value;
}

/**
 * What security engineers paste besides bare names, and the object inside it: a defanged indicator
 * (`evil[.]com`, `hxxps://evil[.]com/x`), a URL (its host), an e-mail address (its domain), a bracketed IPv6
 * literal, a wildcard name (`*.example.com`). Undefined for anything else.
 */
function unwrapPasted(input: string): { value: string; note: string } | undefined {
  const fanged = refang(input);
  // (Refanging leaves no mark behind, so the next round does not refang again.)
  if (fanged !== undefined) return { value: fanged, note: `${input} is defanged: read as ${fanged}` };
  if (URL_SCHEME.test(input)) {
    let host: string;
    try {
      host = new URL(input).hostname;
    } catch {
      throw new InvalidQueryError(`not a valid URL: ${input}`);
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
    if (host === "") throw new InvalidQueryError(`a URL without a host: ${input}`);
    return { value: host, note: `${input} is a URL: looked up its host ${host}` };
  }
  const at = input.indexOf("@");
  if (at > 0 && at === input.lastIndexOf("@") && !input.includes("/") && !input.includes(":")) {
    const domain = input.slice(at + 1);
    if (domain === "") throw new InvalidQueryError(`an e-mail address without a domain: ${input}`);
    return { value: domain, note: `${input} is an e-mail address: looked up its domain ${domain}` };
  }
  const host = hostOfSocketAddress(input);
  if (host !== undefined) return { value: host, note: `${input} is a host and port: looked up ${host}` };
  if (input.length > 2 && input.startsWith("[") && input.endsWith("]")) return { value: input.slice(1, -1), note: `${input}: looked up ${input.slice(1, -1)}` };
  if (input.length > 2 && input.startsWith("*.")) return { value: input.slice(2), note: `${input} is a wildcard name: looked up ${input.slice(2)}` };
  return undefined;
}

/**
 * The host of `host:port` as firewall and proxy logs, netstat and IOC feeds print a peer: `192.0.2.1:443`,
 * `evil.example:8443`, `[2001:db8::1]:443` (RFC 3986 §3.2.2–3.2.3; brackets around IPv6, RFC 5952 §6).
 * A bare IPv6 address is never one (its last group is no port): the host must hold a dot and no colon,
 * or be bracketed. Undefined for anything else.
 */
function hostOfSocketAddress(input: string): string | undefined {
  const colon = input.lastIndexOf(":");
  if (colon <= 0 || input.length - colon - 1 > 5) return undefined;
  const port = input.slice(colon + 1);
  if (!isAllDigits(port) || Number(port) > 65_535) return undefined;
  const host = input.slice(0, colon);
  if (host.length > 2 && host.startsWith("[") && host.endsWith("]")) return host.slice(1, -1);
  return host.includes(".") && !host.includes(":") && !host.includes("[") ? host : undefined;
}

function classifyAsdot(input: string, high: number, low: number): ClassifiedQuery {
  if (high > 65_535 || low > 65_535) throw new InvalidQueryError(`asdot AS number out of range (each part 0–65535): ${input}`);
  const asn = high * 65_536 + low;
  return { input, kind: "asn", value: `AS${asn}`, asn, notes: [`${input} in asdot notation (RFC 5396) is AS${asn}`] };
}

function classifyAsn(input: string, digits: string): ClassifiedQuery {
  const asn = Number(digits);
  if (!Number.isSafeInteger(asn) || asn > MAX_ASN) {
    throw new InvalidQueryError(`AS number out of range (0–${MAX_ASN}): ${input}`);
  }
  return { input, kind: "asn", value: `AS${asn}`, asn, notes: [] };
}

function classifyIp(input: string): ClassifiedQuery {
  const address = ipaddr.parse(input);
  const family = address.kind() === "ipv4" ? 4 : 6;
  // Dotted forms ipaddr.js accepts but nobody means (e.g. "1.2.3" or octal) are refused.
  if (family === 4 && !ipaddr.IPv4.isValidFourPartDecimal(input)) {
    throw new InvalidQueryError(`not a dotted-quad IPv4 address: ${input}`);
  }
  // "::ffff:192.0.2.1" (RFC 4291 §2.5.5.2, as dual-stack sockets and many logs write IPv4 peers) is that IPv4
  // address: asked of an RIR as IPv6 it names nobody's network.
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) {
    const ipv4 = address.toIPv4Address().toString();
    return { input, kind: "ipv4", value: ipv4, family: 4, notes: [`${input} is an IPv4-mapped IPv6 address: looked up ${ipv4}`] };
  }
  return { input, kind: family === 4 ? "ipv4" : "ipv6", value: address.toString(), family, notes: [] };
}

function classifyCidr(input: string): ClassifiedQuery {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(input);
  } catch {
    throw new InvalidQueryError(`not a valid CIDR block: ${input}`);
  }
  const [address, prefixLength] = parsed;
  // "::ffff:192.0.2.0/120" is the IPv4 block 192.0.2.0/24 (see classifyIp).
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefixLength >= 96) {
    const block = `${ipaddr.IPv4.networkAddressFromCIDR(`${address.toIPv4Address().toString()}/${prefixLength - 96}`).toString()}/${prefixLength - 96}`;
    return { input, kind: "cidr", value: block, prefixLength: prefixLength - 96, family: 4, notes: [`${input} is an IPv4-mapped IPv6 block: looked up ${block}`] };
  }
  const family = address.kind() === "ipv4" ? 4 : 6;
  if (family === 4 && !ipaddr.IPv4.isValidFourPartDecimal(input.split("/")[0] ?? "")) {
    throw new InvalidQueryError(`not a dotted-quad IPv4 CIDR: ${input}`);
  }
  const network =
    family === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(input).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(input).toString();
  const notes = network === address.toString() ? [] : [`host bits cleared: looked up ${network}/${prefixLength}`];
  return { input, kind: "cidr", value: `${network}/${prefixLength}`, prefixLength, family, notes };
}

function classifyDomain(input: string): ClassifiedQuery {
  const withoutDot = withoutTrailingDot(input);
  // Plain lower-case LDH names are their own A-label: skip the IDNA pass for them.
  const ascii = isPlainLowerAscii(withoutDot) ? withoutDot : domainToASCII(withoutDot);
  if (ascii === "") throw new InvalidQueryError(`not a valid domain name: ${input}`);
  if (ascii.length > 253) throw new InvalidQueryError(`domain name longer than 253 characters: ${input}`);
  if (!isLdhName(ascii)) {
    throw new InvalidQueryError(`not a valid domain name: ${input}`);
  }
  const notes: string[] = [];
  if (isAllDigits(ascii.slice(ascii.lastIndexOf(".") + 1))) {
    throw new InvalidQueryError(`not a domain name or IP address: ${input} (a top-level domain is never all digits)`);
  }
  if (!ascii.includes(".")) {
    return { input, kind: "tld", value: ascii, notes };
  }
  const parsed = tldts.parse(ascii, TLDTS_OPTIONS);
  const registrable = parsed.domain ?? undefined;
  const suffix = parsed.publicSuffix ?? undefined;
  if (registrable === undefined) {
    // The name is itself a public suffix (co.uk) — ask about it as is.
    return withUnicode({ input, kind: "domain", value: ascii, notes }, suffix);
  }
  if (registrable !== ascii) {
    notes.push(`${ascii} is a subdomain: looked up at its registrable domain ${registrable}`);
  }
  return withUnicode({ input, kind: "domain", value: registrable, notes }, suffix);
}

function withUnicode(query: ClassifiedQuery, suffix: string | undefined): ClassifiedQuery {
  const unicode = query.value.includes("xn--") ? domainToUnicode(query.value) : query.value;
  if (unicode !== "" && unicode !== query.value) query.unicode = unicode;
  if (suffix !== undefined) query.suffix = suffix;
  return query;
}

/** A handle with no `-SUFFIX` at all ("AMU2"): neither an RFC 8521 tag nor ARIN's OrgId habit says whose it is. */
export function isSuffixlessHandle(query: ClassifiedQuery): boolean {
  return query.kind === "handle" && !query.value.includes("-");
}

/** The top-level label of a domain query ("com" for example.com). */
export function tldOf(query: ClassifiedQuery): string {
  const labels = query.value.split(".");
  return labels[labels.length - 1] ?? query.value;
}
