import { domainToASCII } from "node:url";
import type { Nameserver } from "../../record/types.js";
import { isRedactedValue } from "../privacy.js";
import { withoutTrailingDot } from "../../util/chars.js";
import { isHostName } from "./chars.js";
import { tldts } from "../../util/cjs-deps.js";
import { RECORD_LIMITS, UniqueList } from "../limits.js";

/** The record's name servers by name (one lookup per line, however long the list; capped). */
export type NameserverList = UniqueList<Nameserver>;

export function nameserverList(): NameserverList {
  return new UniqueList<Nameserver>(RECORD_LIMITS.nameservers);
}

/** "NS1GOOG0.SER" (.my's host handle) is no host name: a name server's name ends in a delegated TLD. */
function hasKnownTld(name: string): boolean {
  const lastDot = name.lastIndexOf(".");
  const secondDot = name.lastIndexOf(".", lastDot - 1);
  const tail = name.slice(secondDot + 1);
  let known = knownTlds.get(tail);
  if (known === undefined) {
    known = SPECIAL_USE_TLDS.has(name.slice(lastDot + 1)) || tldts.parse(secondDot === -1 ? `x.${tail}` : tail, { allowPrivateDomains: false }).isIcann === true;
    if (knownTlds.size < 5000) knownTlds.set(tail, known);
  }
  return known;
}
const knownTlds = new Map<string, boolean>();
/** RFC 2606 / 6761 names: not delegated, but real in test setups and private networks. */
const SPECIAL_USE_TLDS = new Set(["test", "example", "invalid", "localhost", "local", "internal", "arpa", "onion", "lan", "intranet", "corp", "home"]);

const SIMPLE_HOST = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/**
 * Adds the name server(s) a line names to the list: bullets and brackets dropped, zone-file "NS" style,
 * several hosts on one line, glue addresses after the name. `domain` (the record's own name) is never
 * its own name server (.dk's "DNS:" repeats it).
 */
export function addNameserver(list: NameserverList, domain: string | undefined, line: string): void {
  // A bare host name (the usual case) is one token: no array, no closure (the same steps as below for one token, issue #13).
  if (SIMPLE_HOST.test(line)) {
    if (line === "NS") return;
    const name = withoutTrailingDot(line.toLowerCase());
    if (name === "" || !isHostName(name) || !name.includes(".") || isRedactedValue(line) || !hasKnownTld(name) || name === domain) return;
    list.add(name, nameserverNamed);
    return;
  }
  // "- ns1.example.net": a list bullet is not part of the name.
  let tokens = line.replace(/^\s*[-*•]\s+/, "").replace(/[()[\]]/g, " ").split(/[\s,]+/).filter(Boolean);
  // Zone-file style "example.pt NS ns1.example.net.": the server follows "NS".
  const ns = tokens.indexOf("NS");
  if (ns !== -1 && tokens[ns + 1] !== undefined) tokens = tokens.slice(ns + 1);
  const first = tokens.shift();
  const name = first === undefined ? undefined : asciiHost(withoutTrailingDot(first.toLowerCase()));
  if (!name || !isHostName(name) || !name.includes(".") || isRedactedValue(line) || !hasKnownTld(name)) return;
  if (name === domain) return;
  const server = list.add(name, nameserverNamed);
  for (const token of tokens) {
    // "NS1.GOOGLE.COM   NS2.GOOGLE.COM" on one line (.sg): each host is a server of its own.
    if (/[a-z]/i.test(token) && !token.includes(":") && isHostName(token) && token.includes(".")) {
      addNameserver(list, domain, token);
      continue;
    }
    if (server) addAddress(server, token);
  }
}

/**
 * A host name written in Unicode (NIC Chile "Name server: ns.ñandú.cl (192.0.2.5)") as its A-label, the form RDAP's
 * ldhName and every ASCII host name here take; a name IDNA refuses stays as it is (and is no host name).
 */
function asciiHost(name: string): string {
  let ascii = true;
  for (let index = 0; index < name.length && ascii; index += 1) ascii = name.charCodeAt(index) < 0x80;
  if (ascii || name.length > 253) return name;
  const converted = domainToASCII(name);
  return converted === "" ? name : converted;
}

/** The list's new entry for a name (UniqueList.add passes the key: no closure per line). */
function nameserverNamed(name: string): Nameserver {
  return { name };
}

/** A glue address of the server, at most RECORD_LIMITS.glue per family and each once. */
function addAddress(server: Nameserver, token: string): void {
  const family = /^\d{1,3}(\.\d{1,3}){3}$/.test(token) ? "ipv4" : token.includes(":") && /^[0-9a-f:.]+$/i.test(token) ? "ipv6" : undefined;
  if (family === undefined) return;
  const address = family === "ipv6" ? token.toLowerCase() : token;
  const list = (server[family] ??= []);
  if (list.length < RECORD_LIMITS.glue && !list.includes(address)) list.push(address);
}

/** Glue ("Name Server IP: 192.0.2.1") for the name server named just before; nothing to attach it to otherwise (or when that one was over the cap). */
export function addGlue(list: NameserverList, value: string): void {
  const server = list.last;
  if (server === undefined) return;
  for (const token of value.split(/[\s,]+/)) addAddress(server, token);
}
