import { domainToASCII, domainToUnicode } from "node:url";
import type { ContactRole, Nameserver, WhoisRecord } from "../../record/types.js";
import { stripControl } from "../../util/sanitize.js";
import { parseDate } from "../dates.js";
import { isRedactedValue } from "../privacy.js";
import { CONTACT_FIELD_ALIASES, FIELD_ALIASES, splitRole, type ContactFieldTarget, type FieldTarget } from "./aliases.js";
import { assignContactField, ContactBuilder } from "./contacts.js";
import { applyFreeformContact } from "./freeform.js";
import { applyCidr, applyRange } from "./network.js";
import { AVAILABLE_PHRASES, containsAny, INVALID_PHRASES, RESERVED_PHRASES, STRONG_THROTTLED_PHRASES, THROTTLED_PHRASES } from "./phrases.js";
import { collectObjects, resolveReferences } from "./rpsl.js";
import { setRecognizers, tokenize, type Entry } from "./tokenize.js";

export interface WhoisParseOptions {
  /** The server that answered: recorded as source.server. */
  server?: string;
  /** What was asked. */
  query?: string;
}

setRecognizers({
  heading: (key) => {
    const target = FIELD_ALIASES.get(key);
    if (target === "nameserver" || target === "status" || key === "registrar") return true;
    const role = splitRole(key);
    return role !== undefined && role.rest.split(" ").length <= 2;
  },
  label: (key) => {
    if (FIELD_ALIASES.has(key)) return true;
    const role = splitRole(key);
    return role !== undefined && role.rest !== "" && CONTACT_FIELD_ALIASES.has(role.rest);
  },
});

/** Answers beyond this are parsed only this far (the transport caps them anyway). */
const MAX_TEXT = 1024 * 1024;

/** Parses a port-43 answer into the normalized record. Never throws. */
export function parseWhoisText(text: string, options: WhoisParseOptions = {}): WhoisRecord {
  const base: WhoisRecord = {
    query: options.query ?? "",
    kind: "domain",
    status: "unknown",
    source: { protocol: "whois", server: options.server ?? "unknown" },
  };
  try {
    return parse(typeof text === "string" ? text : String(text), options, base);
  } catch {
    return base;
  }
}

const STATUS_WORDS_AVAILABLE = new Set(["free", "available", "not registered", "no object found", "unassigned", "disponible", "libre"]);

function parse(input: string, options: WhoisParseOptions, record: WhoisRecord): WhoisRecord {
  const text = stripControl(input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input);
  const entries = tokenize(dropHostObjectBlocks(text));
  const contacts = new ContactBuilder();
  const state: State = { record, contacts, nameservers: [], statuses: [], freeform: new Map(), server: options.server?.toLowerCase(), query: options.query?.trim().toLowerCase().replace(/\.$/, "") };

  for (const entry of entries) applyEntry(state, entry);
  for (const [role, lines] of state.freeform) if (!contacts.has(role) || lines.length >= 2) applyFreeformContact(contacts, role, lines);
  resolveReferences(contacts, collectObjects(entries));

  finish(state);
  record.status = decideStatus(state, text);
  // A not-found or reserved answer is still about the domain that was asked.
  if (record.kind === "domain" && record.domain === undefined && options.query && record.status !== "registered" && record.status !== "unknown") {
    const asked = normalizeDomain(options.query);
    if (asked) record.domain = asked;
  }
  if (record.query === "") record.query = record.domain?.name ?? "";
  return record;
}

interface State {
  /** The role named by the last "Owner: …"-style line, for unprefixed fields after it in the same block. */
  roleContext?: { role: ContactRole; block: number };
  record: WhoisRecord;
  contacts: ContactBuilder;
  nameservers: Nameserver[];
  statuses: string[];
  /** Bare lines under a role heading, interpreted at the end (see freeform.ts). */
  freeform: Map<ContactRole, string[]>;
  server: string | undefined;
  /** The query, lower case without a trailing dot: lets a TLD answer ("domain: GOOGLE") name its one-label domain. */
  query: string | undefined;
}

function applyEntry(state: State, entry: Entry): void {
  const value = entry.more.length === 0 ? entry.value : [entry.value, ...entry.more].join("\n").trim();
  const sectionTarget = FIELD_ALIASES.get(entry.section);
  if (entry.key === "") {
    if (sectionTarget === "nameserver") applyField(state, "nameserver", entry.value);
    else if (sectionTarget === "status") applyField(state, "status", entry.value);
    else if (entry.section === "registrar" && state.record.registrar?.name === undefined) applyField(state, "registrar.name", entry.value);
    else {
      const role = entry.section === "" ? undefined : splitRole(entry.section);
      if (role && role.rest.split(" ").length <= 2) {
        const lines = state.freeform.get(role.role) ?? [];
        if (lines.length < 12) lines.push(entry.value);
        state.freeform.set(role.role, lines);
      }
    }
    return;
  }
  if ((entry.section === "domain" || entry.section === "domain information") && entry.key === "name") return applyField(state, "domain.name", value);
  if (entry.section === "registrar" || entry.section === "sponsoring registrar") {
    const registrarField = REGISTRAR_SECTION.get(entry.key);
    if (registrarField) return applyField(state, registrarField, value);
  }
  const sectionRole = entry.section === "" ? undefined : splitRole(entry.section);
  if (sectionRole && sectionRole.rest.split(" ").length <= 2) {
    const field = CONTACT_FIELD_ALIASES.get(entry.key);
    if (field) return setContact(state, sectionRole.role, field, entry);
  }
  const target = FIELD_ALIASES.get(entry.key) ?? FIELD_ALIASES.get(withoutNumbers(entry.key));
  // "Owner:" names a network's holder in RIR answers but a domain's registrant elsewhere.
  const networkOnly = target === "network.organization" && state.record.network === undefined && state.record.kind === "domain";
  if (target && !networkOnly) return applyField(state, target, value, entry);
  if (state.roleContext && state.roleContext.block === entry.block) {
    const field = CONTACT_FIELD_ALIASES.get(entry.key);
    if (field) return setContact(state, state.roleContext.role, field, entry);
  }
  const prefixed = splitRole(entry.key) ?? (entry.key.startsWith("registry ") ? splitRole(entry.key.slice(9)) : undefined);
  if (prefixed) {
    if (prefixed.rest === "" || prefixed.rest === "c" || prefixed.rest === "contact" || prefixed.rest === "handle" || prefixed.rest === "id") {
      state.roleContext = { role: prefixed.role, block: entry.block };
      return referOrName(state, prefixed.role, entry.value, prefixed.rest !== "" && prefixed.rest !== "contact");
    }
    const field =
      CONTACT_FIELD_ALIASES.get(prefixed.rest) ??
      CONTACT_FIELD_ALIASES.get(prefixed.rest.replace(/^contact /, "")) ??
      CONTACT_FIELD_ALIASES.get(withoutNumbers(prefixed.rest));
    if (field) setContact(state, prefixed.role, field, entry);
  }
}

/** "Name Server 3", "ns1 hostname", "Registrant Street2": the label without its counter. */
function withoutNumbers(key: string): string {
  return /\d/.test(key) ? key.replace(/\d+/g, " ").replace(/\s+/g, " ").trim() : key;
}

const REGISTRAR_SECTION = new Map<string, FieldTarget>([
  ["organization", "registrar.name"],
  ["organisation", "registrar.name"],
  ["name", "registrar.name"],
  ["registrar name", "registrar.name"],
  ["web", "registrar.url"],
  ["url", "registrar.url"],
  ["website", "registrar.url"],
  ["www", "registrar.url"],
  ["whois server", "registrar.whoisServer"],
  ["iana id", "registrar.ianaId"],
  ["id", "registrar.ianaId"],
  ["handle", "registrar.handle"],
  ["email", "registrar.abuseEmail"],
]);

function setContact(state: State, role: ContactRole, field: ContactFieldTarget, entry: Entry): void {
  if (field === "street") {
    for (const line of [entry.value, ...entry.more]) state.contacts.set(role, "street", line);
    return;
  }
  state.contacts.set(role, field, [entry.value, ...entry.more].join(" "));
}

/** "Admin-C: XY123-RIPE" names a handle to resolve; "[Registrant] Google Inc." names the contact. */
function referOrName(state: State, role: ContactRole, value: string, explicitHandle: boolean): void {
  const trimmed = value.trim();
  if (trimmed === "") return;
  const looksLikeHandle = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(trimmed) && (explicitHandle || /\d/.test(trimmed) || /-/.test(trimmed));
  if (looksLikeHandle) {
    if (!state.contacts.references.has(role)) state.contacts.references.set(role, trimmed);
    state.contacts.set(role, "handle", trimmed);
  } else {
    state.contacts.set(role, "name", trimmed);
  }
}

function applyField(state: State, target: FieldTarget, rawValue: string, entry?: Entry): void {
  const value = rawValue.trim();
  const record = state.record;
  if (value === "") return;
  switch (target) {
    case "domain.name": {
      const name = normalizeDomain(value) ?? singleLabelQuery(state, value);
      if (name && record.domain === undefined) record.domain = name;
      return;
    }
    case "domain.handle":
      if (record.domain) record.domain.handle ??= value;
      else pendingHandle.set(record, value);
      return;
    case "dates.created":
    case "dates.updated":
    case "dates.expires": {
      const key = target.slice(6) as "created" | "updated" | "expires";
      const date = parseDate(value.split("\n")[0] ?? value);
      if (date && record.dates?.[key] === undefined) (record.dates ??= {})[key] = date;
      return;
    }
    case "registrar.name": {
      if (isRedactedValue(value) || record.registrar?.name !== undefined) return;
      const line = value.split("\n")[0] ?? value;
      // "MarkMonitor Inc. (R37-LROR)", "Tuonome IT (380)": the registry's id for the registrar.
      const withId = /^(.*\S)\s*(?:\(([A-Za-z0-9][\w-]{0,30})\)|\[Tag = ([\w.-]{1,40})\])$/.exec(line);
      const registrar = (record.registrar ??= {});
      registrar.name = withId?.[1] ?? line;
      const id = withId?.[2] ?? withId?.[3];
      if (id !== undefined) {
        if (/^\d+$/.test(id)) registrar.ianaId ??= id;
        else registrar.handle ??= id;
      }
      return;
    }
    case "registrar.ianaId":
      if (/^\d+$/.test(value)) (record.registrar ??= {}).ianaId ??= value;
      else (record.registrar ??= {}).handle ??= value;
      return;
    case "registrar.handle":
      (record.registrar ??= {}).handle ??= value;
      return;
    case "registrar.url":
      if (/^(https?:\/\/|www\.)|^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(value)) (record.registrar ??= {}).url ??= value;
      return;
    case "registrar.whoisServer": {
      const host = value.replace(/^whois:\/\//i, "").replace(/\/$/, "").toLowerCase();
      if (!/^[a-z0-9.-]+(:\d+)?$/.test(host)) return;
      (record.registrar ??= {}).whoisServer ??= host;
      if (host !== state.server) record.referral ??= { server: host };
      return;
    }
    case "registrar.abuseEmail":
      (record.registrar ??= {}).abuseEmail ??= value;
      return;
    case "registrar.abusePhone":
      (record.registrar ??= {}).abusePhone ??= value;
      return;
    case "nameserver":
      for (const line of value.split("\n")) addNameserver(state, line);
      return;
    case "status":
      for (const line of value.split("\n")) addStatuses(state, line);
      return;
    case "dnssec": {
      const word = value.toLowerCase();
      if (/^(signed|yes|true|active|signeddelegation|signed delegation)/.test(word) || /ds data|^\d+ \d+ \d+/.test(word)) record.dnssec = "signed";
      else if (/^(unsigned|no|false|inactive|not signed|unsigned delegation|none)/.test(word)) record.dnssec ??= "unsigned";
      return;
    }
    case "referral": {
      const host = value.replace(/^(r?whois):\/\//i, (scheme) => (scheme.toLowerCase().startsWith("rwhois") ? scheme : "")).replace(/\/$/, "");
      record.referral ??= { server: host };
      return;
    }
    case "network.range":
      applyRange((record.network ??= {}), value);
      if (entry) record.network.handle ??= value.replace(/\s+/g, " ");
      record.kind = "ip";
      return;
    case "network.cidr":
      applyCidr((record.network ??= {}), value);
      record.kind = record.kind === "asn" ? "asn" : "ip";
      return;
    case "network.name":
      (record.network ??= {}).name ??= value;
      return;
    case "network.handle":
      (record.network ??= {}).handle = value;
      return;
    case "network.parent": {
      const handle = /\(([^)]+)\)/.exec(value)?.[1] ?? value;
      (record.network ??= {}).parentHandle ??= handle.trim();
      return;
    }
    case "network.type":
      (record.network ??= {}).type ??= value;
      return;
    case "network.organization":
      if (record.network || record.kind !== "domain") (record.network ??= {}).organization ??= value.split("\n")[0];
      return;
    case "network.country":
      if (record.network && /^[A-Za-z]{2}$/.test(value)) record.network.country ??= value.toUpperCase();
      else if (record.asn && /^[A-Za-z]{2}$/.test(value)) record.asn.country ??= value.toUpperCase();
      return;
    case "asn.number": {
      const number = Number(/\d+/.exec(value)?.[0]);
      if (!Number.isInteger(number)) return;
      record.asn ??= {};
      record.asn.handle ??= `AS${number}`;
      record.asn.start ??= number;
      record.asn.end ??= number;
      if (record.kind !== "ip") record.kind = "asn";
      return;
    }
    case "asn.name":
      (record.asn ??= {}).name ??= value;
      return;
    case "asn.handle":
      (record.asn ??= {}).handle ??= value;
      return;
    case "contact.ref":
      return;
  }
}

const pendingHandle = new WeakMap<WhoisRecord, string>();

/**
 * Thin registries (Verisign) list name-server host objects matching the query
 * ("Server Name: GOOGLE.COM.EVIL.EXAMPLE" + its registrar) before the domain
 * record itself; those paragraphs describe other objects, so they are dropped
 * when the answer also has a "Domain Name:" record.
 */
function dropHostObjectBlocks(text: string): string {
  // A plain substring test first: the multi-line pattern is only worth running on the rare answers that qualify.
  if (!text.includes("Server Name:") || !/^\s*Server Name:/im.test(text) || !/^\s*Domain Name:/im.test(text)) return text;
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split("\n")) {
    if (line.trim() === "") skipping = false;
    else if (/^\s*Server Name:/i.test(line)) skipping = true;
    if (!skipping) kept.push(line);
  }
  return kept.join("\n");
}

function singleLabelQuery(state: State, value: string): { name: string } | undefined {
  const label = value.trim().toLowerCase();
  return label === state.query && /^[a-z0-9-]{1,63}$/.test(label) ? { name: label } : undefined;
}

function normalizeDomain(value: string): { name: string; unicodeName?: string } | undefined {
  const candidate = value.split(/\s+/)[0]?.replace(/\.$/, "") ?? "";
  if (!candidate.includes(".") || candidate.length > 253) return undefined;
  const ascii = domainToASCII(candidate.toLowerCase());
  if (ascii === "") return undefined;
  const unicode = domainToUnicode(ascii);
  return unicode !== "" && unicode !== ascii ? { name: ascii, unicodeName: unicode } : { name: ascii };
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62}\.)*[a-z0-9_-]{1,63}\.?$/i;

function addNameserver(state: State, line: string): void {
  // "- ns1.example.net": a list bullet is not part of the name.
  let tokens = line.replace(/^\s*[-*•]\s+/, "").replace(/[()[\]]/g, " ").split(/[\s,]+/).filter(Boolean);
  // Zone-file style "example.pt NS ns1.example.net.": the server follows "NS".
  const ns = tokens.findIndex((token) => token === "NS");
  if (ns !== -1 && tokens[ns + 1] !== undefined) tokens = tokens.slice(ns + 1);
  const name = tokens.shift()?.toLowerCase().replace(/\.$/, "");
  if (!name || !HOSTNAME.test(name) || !name.includes(".") || isRedactedValue(line)) return;
  // .dk's "DNS:" repeats the domain itself.
  if (name === state.record.domain?.name) return;
  let server = state.nameservers.find((ns) => ns.name === name);
  if (!server) {
    server = { name };
    state.nameservers.push(server);
  }
  for (const token of tokens) {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(token)) (server.ipv4 ??= []).push(token);
    else if (token.includes(":") && /^[0-9a-f:.]+$/i.test(token)) (server.ipv6 ??= []).push(token.toLowerCase());
  }
}

function addStatuses(state: State, line: string): void {
  const cleaned = line.replace(/\s*https?:\/\/\S+/g, "").replace(/\s*\(.*?\)\s*$/, "").trim();
  if (cleaned === "") return;
  const parts = /,/.test(cleaned) && !/\s/.test(cleaned.replace(/,\s*/g, ",")) ? cleaned.split(/,\s*/) : [cleaned];
  for (const part of parts) if (part && !state.statuses.includes(part)) state.statuses.push(part);
}

function finish(state: State): void {
  const { record } = state;
  const handle = pendingHandle.get(record);
  if (handle && record.domain) record.domain.handle ??= handle;
  if (state.nameservers.length > 0) record.nameservers = state.nameservers;
  if (state.statuses.length > 0) record.statuses = state.statuses;
  const contacts = state.contacts.build();
  if (contacts.length > 0) record.contacts = contacts;
  if (record.network && record.network.organization === undefined) {
    const owner = contacts.find((c) => c.roles.includes("registrant"));
    if (owner?.organization ?? owner?.name) record.network.organization = (owner.organization ?? owner.name) as string;
  }
  if (record.kind !== "domain") delete record.domain;
}

function decideStatus(state: State, text: string): WhoisRecord["status"] {
  const { record } = state;
  const statusWords = state.statuses.map((s) => s.toLowerCase());
  if (statusWords.some((s) => STATUS_WORDS_AVAILABLE.has(s))) return "available";
  const strong =
    record.dates?.created !== undefined ||
    record.dates?.expires !== undefined ||
    state.nameservers.length > 0 ||
    record.registrar?.name !== undefined ||
    record.network !== undefined ||
    record.asn !== undefined;
  if (strong) return "registered";
  // Line-anchored phrases ("\navailable\n") need a newline on both ends of the answer.
  const lower = `\n${text.toLowerCase().replace(/\r/g, "")}\n`;
  if (containsAny(lower, STRONG_THROTTLED_PHRASES)) return "throttled";
  // Order matters: reserved and not-found answers often carry disclaimers that
  // mention query limits ("do not send too many queries"); a refusal rarely says "not found".
  if (containsAny(lower, RESERVED_PHRASES)) return "reserved";
  if (containsAny(lower, AVAILABLE_PHRASES)) return "available";
  // registro.br "Query rate limit exceeded. Reduced information.": a partial record is still a record.
  if (record.domain !== undefined && (record.contacts?.length ?? 0) > 0) return "registered";
  if (containsAny(lower, THROTTLED_PHRASES)) return "throttled";
  if (containsAny(lower, INVALID_PHRASES)) return "invalid";
  if (record.domain !== undefined || (record.contacts?.length ?? 0) > 0 || state.statuses.length > 0) return "registered";
  if (record.referral?.server) return "registered";
  return "unknown";
}

export { tokenize } from "./tokenize.js";
export { assignContactField };
