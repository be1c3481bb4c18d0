/**
 * WHOIS text into entries: (section, key, value) in answer order. Recognizes
 * `Key: value`, `Key.....: value`, `[Key] value`, `a. [Key] value`, headings
 * (`Registrant:` or `Registrant` alone before an indented block), indented
 * continuation lines (multi-line values) and bare values under a heading.
 */
import { isTokenizerComment, isTokenizerCommentStart } from "./comments.js";
import { columnLabelEnd, hasWordOnBeforeDateStart, isDigit, isHostThenIpv6, isTrimmedAway, labelSlot, skipWhitespace, withoutLeaderDots, wordThenGap } from "./chars.js";

export interface Entry {
  /** Normalized heading this entry sits under ("" at top level). */
  section: string;
  /** Normalized key; "" for a bare value under a heading. */
  key: string;
  value: string;
  /** Continuation lines of a multi-line value (a shared empty list until the first one). */
  more: readonly string[];
  line: number;
  /** Blank-line separated block (RPSL object) the entry belongs to. */
  block: number;
}

const NO_MORE: readonly string[] = Object.freeze([]);

/**
 * Labels that open an RPSL-style object (normalized). A `source:` line ends its object (the RIPE Database's
 * attribute order puts it last: https://docs.db.ripe.net/RPSL-Object-Types/), so one of these labels right after it
 * opens the next object even when no blank line stands between them: nic.at prints its domain object and the
 * `personname:` objects of its contacts back to back (`… changed:` / `source: AT-DOM` / `personname: …`). Any
 * other label after `source:` stays in its block (AFRINIC's `parent:` after `source: AFRINIC # Filtered`, .ug's
 * `Updated:` after `Source: UG`).
 */
const OBJECT_OPENING_KEYS: ReadonlySet<string> = new Set([
  "personname", // nic.at's contact objects
  "person",
  "role",
  "organisation",
  "organization",
  "irt",
  "mntner",
  "domain",
  "inetnum",
  "inet6num",
  "aut num",
  "as block",
  "route",
  "route6",
  "key cert",
]);
/**
 * A person object's name label, which stays a field even with an empty value: nic.at prints `personname:` with
 * nothing after it for a contact that gave only an organization, and that line still opens its object (read as a
 * heading, the object's `organization:` would open a block of its own and read as the domain's holder).
 */
const PERSON_NAME_KEYS: ReadonlySet<string> = new Set(["personname", "person"]);

function addMore(entry: Entry, line: string): void {
  if (entry.more === NO_MORE) entry.more = [line];
  else (entry.more as string[]).push(line);
}

/** Lines longer than this are not WHOIS fields (junk, or an attack on the parser). */
const MAX_LINE = 1000;
const MAX_LINES = 20_000;
const MAX_KEY = 64;
/** A label with its gloss in parentheses (see splitAnyLayout) may run this far before its colon. */
const MAX_GLOSSED_KEY = 200;

const normalizedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;

/** Labels repeat across answers, so their normal forms are memoized (bounded). */
export function normalizeKey(key: string): string {
  const cached = normalizedKeys.get(key);
  if (cached !== undefined) return cached;
  // The normal form is worked out from a copy: a label already in normal form ("registrarurl") comes back
  // as the very string it was given, and the memo, the slot table and the label tables keep it.
  const owned = ownCopy(key);
  const normal = computeNormalKey(owned);
  if (normalizedKeys.size < MAX_CACHED_KEYS) normalizedKeys.set(owned, normal);
  return normal;
}

/**
 * A copy of `text` that holds no reference to the answer it was cut from. V8 cuts strings of 13 characters
 * or more as views into their parent, so a label kept as a cache key would keep its whole answer (up to
 * 1 MiB) alive for the life of the process; the concatenation is flattened into a fresh string by slice.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * Labels seen lately, in a fixed table indexed by their length and five of their characters (no hashing of
 * the whole label, no map probe): a label is compared with the one in its slot, and only a miss goes through
 * the memo above. Issue #13: the memo's hashing of each fresh label was ~4% of a batch. Bounded by size.
 */
const LABEL_SLOTS = 4096;
const slotLabels: string[] = new Array<string>(LABEL_SLOTS).fill("");
const slotNormals: string[] = new Array<string>(LABEL_SLOTS).fill("");
/** Per pair of slots, which of the two (0 or 1) was used last. */
const lastUsedInPair = new Uint8Array(LABEL_SLOTS / 2);

function normalizeKeyCached(key: string): string {
  const length = key.length;
  if (length === 0) return normalizeKey(key);
  // Two slots per label, a pair (the slot sampled characters pick, with its last bit cleared): labels that differ
  // only in a character the slot does not sample ("Domain Name" and "Domain name", "Created on" and "Created On")
  // both stay, where with one slot each they evicted each other at every answer of the registries that spell them
  // so (issue #13: misses over the corpus x20, 19,829 of 360,120 lookups with one slot, 9,305 with a pair).
  const pair = labelSlot(key, LABEL_SLOTS - 1) & ~1;
  if (slotLabels[pair] === key) {
    lastUsedInPair[pair >> 1] = 0;
    return slotNormals[pair] as string;
  }
  if (slotLabels[pair + 1] === key) {
    lastUsedInPair[pair >> 1] = 1;
    return slotNormals[pair + 1] as string;
  }
  const normal = normalizeKey(key);
  // The label takes the place of the one of its pair used less lately.
  const way = (lastUsedInPair[pair >> 1] as number) ^ 1;
  lastUsedInPair[pair >> 1] = way;
  slotLabels[pair + way] = ownCopy(key);
  slotNormals[pair + way] = normal;
  return normal;
}

function computeNormalKey(key: string): string {
  const whole = normalizeWhole(key);
  // Bilingual labels ("Nome de domínio / Domain Name", "Estado / Status", "Titular / Registrant") and labels
  // with a format hint ("Creation Date (dd/mm/yyyy)"): the first part the tables know stands for the label.
  // (Only a slash with spaces around it parts two languages: "State/Province" is one label.)
  if (!key.includes(" / ") && !key.includes("(")) return whole;
  if (isKnownLabel(whole) || isKnownHeading(whole)) return whole;
  const bare = key.includes("(") ? key.replace(/\([^()]*\)/g, " ") : key;
  for (const part of bare.split(" / ")) {
    const normal = normalizeWhole(part);
    if (normal !== "" && (isKnownLabel(normal) || isKnownHeading(normal))) return normal;
  }
  return whole;
}

function normalizeWhole(key: string): string {
  return key
    // "Owner's handle": the possessive is not part of the label.
    .replace(/['’]s\b/gi, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[\u2000-\u206f]/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}


/** More than `limit` words (a sentence, not a label)? Counted without splitting. */
export function hasMoreWordsThan(text: string, limit: number): boolean {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const space = text.charCodeAt(index) <= 0x20;
    if (!space && !inWord && ++words > limit) return true;
    inWord = !space;
  }
  return false;
}

interface Split {
  key: string;
  value: string;
}


/** Finds the key/value split of one line, or undefined when it has none. */
export function splitLine(raw: string): Split | undefined {
  return computeSplit(raw.trim()) ? { key: splitKey, value: splitValue } : undefined;
}

/**
 * The last split's key and value: computeSplit runs once per line, and handing its two strings back
 * through these (not a fresh object per line) spares the tokenizer an allocation per line (issue #13).
 */
let splitKey = "";
let splitValue = "";

/** The last split is a label the tables know followed by spaces, no colon (see splitAnyLayout). */
let splitByColumn = false;

function found(key: string, value: string): true {
  splitKey = key;
  splitValue = value;
  splitByColumn = false;
  return true;
}

/** The full split (every layout) of a trimmed line, for tests comparing it with the fast path: undefined when it has none. */
export function splitLineInFull(trimmed: string): Split | undefined {
  return splitAnyLayout(trimmed) ? { key: splitKey, value: splitValue } : undefined;
}

/**
 * Finds the key/value split of one line into splitKey/splitValue; false when it has none.
 * Most lines are "Label: value" — a colon within a label's length, a space after it, no tab in the label,
 * no "[", JPRS number or leader dots: those are split here directly, exactly as splitAnyLayout would
 * split them (property-tested). The rest go through splitAnyLayout. (Issue #13: the small hot function
 * is compiled once and cheaply; the long one, with its rare layouts, gets hot later, with their feedback.)
 */
function computeSplit(line: string): boolean {
  const colon = line.indexOf(":");
  // "Label: value", or "Label:" ending the line (a heading, or a field left empty) when no " on " could make it a dated label.
  if (colon > 0 && colon <= MAX_KEY && (colon + 1 < line.length ? line.charCodeAt(colon + 1) === 0x20 : !line.includes(" on "))) {
    const first = line.charCodeAt(0);
    const second = line.charCodeAt(1);
    const end = line.charCodeAt(colon - 1);
    if (first !== 0x5b && second !== 0x2e && second !== 0x20 && end !== 0x2e && end !== 0x20 && !isBefore(line.indexOf("\t"), colon) && (colon < 17 || !hasMoreWordsThan(line.slice(0, colon), 8))) {
      return found(line.slice(0, colon), line.slice(skipWhitespace(line, colon + 1)));
    }
  }
  return splitAnyLayout(line, colon);
}

/**
 * Whether a position found by indexOf lies before `end`. (A tab before the colon was looked for by a char loop over
 * the label; the builtin search of the whole line is faster, in-process A/B over the corpus x20, issue #13.)
 */
function isBefore(found: number, end: number): boolean {
  // (The comparison every line makes first: with `found !== -1` first, `found < end` ran only for a line holding a tab,
  // and optimized code compiled before one came deoptimized on it, for want of type feedback, issue #13.)
  return found < end && found !== -1;
}

/**
 * Every layout the tokenizer knows (see computeSplit for the common one). `lineColon` is the line's first colon,
 * which computeSplit has found already (a second search of every line that is not "Label: value" cost ~1% of a batch).
 */
function splitAnyLayout(line: string, lineColon = line.indexOf(":")): boolean {
  let trimmed = line;
  let colon = lineColon;
  // JPRS numbers its labels: "a. [Domain Name]".
  const second = trimmed.length > 1 ? trimmed.charCodeAt(1) : -1;
  if ((second === 0x2e || second === 0x20) && /^[a-z]\.?\s+\[/.test(trimmed)) {
    trimmed = trimmed.slice(trimmed.indexOf("["));
    colon = trimmed.indexOf(":");
  }
  // RWhois: "domain:Domain-Name:google.ma", "domain:Owner-Contact;I:221.google.ma".
  // (-1 past the end, where charCodeAt would give NaN: no comparison below tells them apart.)
  const afterColon = colon + 1 < trimmed.length ? trimmed.charCodeAt(colon + 1) : -1;
  if (colon > 0 && colon <= 21 && afterColon >= 0x41 && afterColon <= 0x5a) {
    const rwhois = /^([a-z][\w-]{0,20}):([A-Z][\w-]{0,40})(?:;[A-Z])?:(.*)$/.exec(trimmed);
    // An object's "ID" attribute (RFC 2167 §3.3, "network:ID:NETBLK-…") is named with its class ("network ID"), so it
    // feeds that object's handle and never a bare "ID" label of another layout.
    if (rwhois) return found(rwhois[2] === "ID" ? `${rwhois[1] ?? ""} ID` : (rwhois[2] ?? ""), (rwhois[3] ?? "").trim());
  }
  if (trimmed.charCodeAt(0) === 0x5b) {
    const close = trimmed.indexOf("]");
    if (close > 1 && close <= MAX_KEY) return found(trimmed.slice(1, close), trimmed.slice(close + 1).trim());
    return false;
  }
  // "Registrar URL        http://…", "Creation Date        2019-09-10T01:00:17Z": a label the tables know, then a run of two
  // spaces or more, no colon after the label (SK-NIC's "Domain-name         google.sk", issue #13 w25 column-no-colon).
  // Before the colon rules: the value's own colon (a URL's, a time's) is not the label's. Prose never starts with a known
  // label and two spaces; a label the tables do not know is never split off here.
  // Not where a colon after the label is followed by a space or ends the line ("Record Created         : …", "Domain  a:
  // b"): that is the colon's layout, as computeSplit's fast path reads it.
  const colonLayout = colon !== -1 && (colon + 1 === trimmed.length || afterColon === 0x20);
  // (The builtin search for two spaces first: most lines here, prose, hold none, and skip the label scan.)
  const labelLimit = colon === -1 ? MAX_KEY : Math.min(colon, MAX_KEY);
  const gap = colonLayout || !isBefore(trimmed.indexOf("  "), labelLimit) ? -1 : columnLabelEnd(trimmed, labelLimit);
  if (gap > 0) {
    const label = trimmed.slice(0, gap);
    if (!hasMoreWordsThan(label, 6) && isColumnLabel(normalizeKeyCached(label))) {
      found(label, trimmed.slice(skipWhitespace(trimmed, gap)));
      splitByColumn = true;
      return true;
    }
  }
  // Tabs and " on " count only before the colon and within a label's length.
  const labelEnd = Math.min(colon === -1 ? trimmed.length : colon, MAX_KEY + 1);
  // (A forward search: String.prototype.lastIndexOf with a position is a runtime call, not a builtin, and cost ~1.5% of a batch, issue #13.
  // A loop reading only the label's length was slower still than this builtin reading the whole line.)
  const firstTab = trimmed.indexOf("\t");
  const tab = firstTab !== -1 && firstTab < labelEnd ? firstTab : -1;
  // "Domain name<TAB>google.ch": a tab before any colon separates label and value.
  if (tab > 0 && tab <= MAX_KEY && (colon === -1 || tab < colon)) {
    const key = trimmed.slice(0, tab).trim();
    // "ns1.example.com<TAB>192.0.2.1" is a value line, not a label.
    if (/^[^\s]+\.[^\s]+$/.test(key) && !/^[A-Za-z ]+\.+$/.test(key)) return false;
    // .tr writes "NIC Handle<TAB><TAB>: value": the colon after the tabs is still the separator.
    if (!hasMoreWordsThan(key, 6)) return found(key, trimmed.slice(tab + 1).replace(/^[\s:]+/, "").trim());
  }
  // "Record created on 2000-08-29 (YYYY-MM-DD)", "Record expires on 2021-11-09 00:00:00 (UTC+8)": a label, "on", a date.
  // "Record last updated on Mon Apr 19 21:47:14 2010": a weekday may open the date.
  // (A "Label: value" line, its colon followed by a space, is never a "label on date" line.)
  // (Only a " on " followed by a digit or a weekday's capital can start the date pattern: lines without one skip it.)
  const on = trimmed.length <= 100 && (colon === -1 || afterColon !== 0x20) && hasWordOnBeforeDateStart(trimmed, labelEnd) ? / on (\d[\d./-]{5,}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},? [A-Z][a-z]{2})/.exec(trimmed) : null;
  if (on && on.index <= MAX_KEY && (colon === -1 || on.index < colon)) {
    return found(trimmed.slice(0, on.index + 3), trimmed.slice(on.index + 4));
  }
  // JWhoisServer (.dz): "Nom de domaine#. . . . . . . .google.dz": a hash, then dot leaders.
  const hash = colon === -1 || colon > MAX_KEY ? foundBefore(trimmed.indexOf("#."), labelEnd) : -1;
  if (hash > 0) return found(trimmed.slice(0, hash), trimmed.slice(hash + 1).replace(/^[.\s]+/, ""));
  // HKIRC "Company English Name (It should be the same as the registered/corporation name on your Business Register
  // Certificate or relevant documents): …": a known label, then its gloss in parentheses before the colon.
  if (colon > MAX_KEY && colon <= MAX_GLOSSED_KEY && trimmed.charCodeAt(colon - 1) === 0x29) {
    const open = trimmed.indexOf("(");
    const label = open > 0 && open <= MAX_KEY ? trimmed.slice(0, open).trim() : "";
    if (label !== "" && !hasMoreWordsThan(label, 4) && isContactFieldLabel(normalizeKey(label))) return found(label, trimmed.slice(skipWhitespace(trimmed, colon + 1)));
  }
  if (colon <= 0 || colon > MAX_KEY) {
    // "Domain-name         google.sk": a known one-word label, then a run of spaces (prose never starts so).
    // (The word first: it ends within a few characters of prose, where the search for "  " reads the whole line.)
    const gap = colon === -1 && wordThenGap(trimmed) && trimmed.includes("  ") ? /^([A-Za-z][\w-]*[A-Za-z])\s{2,}(\S.*)$/.exec(trimmed) : null;
    if (gap && (gap[1] ?? "").length <= MAX_KEY && isKnownLabel(normalizeKey(gap[1] ?? ""))) return found(gap[1] ?? "", gap[2] ?? "");
    return false;
  }
  // "ns2.example.net   2001:db8::1", "ns1.example.eu (2001:db8::53)": a name server and its IPv6 glue (EURid, DNS Belgium,
  // Nominet, EDUCAUSE under their name-server headings, issue #13) is a value line; the colon is the address's.
  if (isHostThenIpv6(trimmed, colon)) return false;
  const key = trimmed.slice(0, colon);
  // "http://…" or a time ("12:30") is a value, not a key.
  const first = key.charCodeAt(0);
  if (trimmed.startsWith("//", colon + 1) || (first >= 0x30 && first <= 0x39 && isDigit(afterColon) && /^[\d\s/.-]+$/.test(key))) return false;
  // (Nine words take at least 17 characters.)
  if (key.length >= 17 && hasMoreWordsThan(key, 8)) return false;
  // "created.....: 2001-01-01", "Expires on..............:": the leader dots are not the label.
  const end = key.charCodeAt(key.length - 1);
  const label = end === 0x2e || end === 0x20 ? withoutLeaderDots(key) : key;
  // The line is trimmed already: the value ends where it does, and starts after any whitespace.
  // "Registry WHOIS Server:: whois.example" (CoCCA): a doubled colon is still the one separator.
  const valueStart = afterColon === 0x3a && colon + 2 < trimmed.length && trimmed.charCodeAt(colon + 2) === 0x20 ? colon + 2 : colon + 1;
  return found(label, trimmed.slice(skipWhitespace(trimmed, valueStart)));
}

/**
 * RPSL attributes that name no record field but structure the answer (RFC 2622 §2-3; the RIPE Database's object
 * templates, https://docs.db.ripe.net/RPSL-Object-Types/): an object's handle, its source, its maintainer.
 */
const RPSL_STRUCTURE_KEYS: ReadonlySet<string> = new Set([
  "source", "mnt by", "changed", "remarks", "descr", "type",
  // A contact object's handle in each registry's spelling (rpsl.ts HANDLE_KEYS: RIPE "nic-hdl", registro.br "nic-hdl-br",
  // UANIC "nic-handle", "contact-id").
  "nic hdl", "nic hdl br", "nic handle", "contact id", "contato id",
]);

/**
 * A label written without a colon is split off its value only when the tables know it: a record's field ("Creation
 * Date"), a contact's ("organisation", "e-mail"), a role's ("admin-c", "Technical Contact") or an RPSL object's.
 */
function isColumnLabel(key: string): boolean {
  return isKnownColumnLabel(key) || OBJECT_OPENING_KEYS.has(key) || RPSL_STRUCTURE_KEYS.has(key);
}

/** `found` if it lies before `end`, else -1. */
function foundBefore(found: number, end: number): number {
  return found < end ? found : -1;
}

export function tokenize(text: string): Entry[] {
  const entries: Entry[] = [];
  let section = "";
  let sectionIndent = -1;
  let last: Entry | undefined;
  let lastIndent = 0;
  /** The last entry's line and label: where its value starts is worked out only when a continuation may follow. */
  let lastLineStart = 0;
  let lastKey = "";
  let lastValue = "";
  let block = 0;
  /** The last keyed line was `source:`, which ends an RPSL-style object (OBJECT_OPENING_KEYS). */
  let afterSource = false;
  /** The open heading's content is not indented: it runs to the next blank line. */
  let blankScoped = false;
  /** The open blank-scoped heading is followed by blank lines before its block (HKIRC): those do not end it. */
  let blockAwaited = false;
  const openSection = (key: string, indent: number, index: number, nextLineStart: number): void => {
    section = key;
    sectionIndent = indent;
    last = undefined;
    const nextIndent = contentIndent(text, nextLineStart, index + 1);
    blankScoped = nextIndent !== -1 && nextIndent <= indent;
    // HKIRC "Registrant Contact Information:", a blank line, then its unindented "Address:", "Email:" … lines: the
    // block after the blank line is the heading's. (Only a role's heading: the lines after a blank under "Reseller:" or
    // "Status Information:" are not theirs.)
    blockAwaited = false;
    if (nextIndent === -1 && isRoleHeading(key)) {
      const later = nextContentIndent(text, nextLineStart, index + 1);
      blankScoped = blockAwaited = later !== -1 && later <= indent;
    }
  };

  // Lines are walked by position (as split("\n", MAX_LINES) would cut them); only their trimmed text is copied out.
  let nextLineStart = 0;
  for (let index = 0; index < MAX_LINES && nextLineStart <= text.length; index += 1) {
    const lineStart = nextLineStart;
    const lineEnd = lineEndAt(text, lineStart);
    nextLineStart = lineEnd + 1;
    if (lineEnd - lineStart > MAX_LINE) continue;
    const contentStart = skipWhitespace(text, lineStart, lineEnd);
    if (contentStart === lineEnd) {
      last = undefined;
      afterSource = false;
      block += 1;
      if (blankScoped && !blockAwaited) {
        section = "";
        sectionIndent = -1;
        blankScoped = false;
      }
      continue;
    }
    if (isTokenizerCommentStart(text.charCodeAt(contentStart))) continue;
    blockAwaited = false;
    let contentEnd = lineEnd;
    while (isTrimmedAway(text.charCodeAt(contentEnd - 1))) contentEnd -= 1;
    const trimmed = text.slice(contentStart, contentEnd);
    const indent = contentStart - lineStart;
    if (isTokenizerComment(trimmed, indent)) {
      // KRNIC "[ Admin Contact Information ]": a bracketed line naming a known heading opens that section.
      const heading = trimmed.charCodeAt(0) === 0x5b ? bracketedHeading(trimmed) : undefined;
      if (heading !== undefined) openSection(heading, indent, index, nextLineStart);
      continue;
    }
    // Inside a role's block of bare lines (TWNIC "Administrative Contact:" over "Admin Person   admin@sample.tw"), a line
    // split by spaces alone is a field only when it starts with a contact field's own label ("Name    …"): a person's
    // name may well read as a role's label.
    const split = computeSplit(trimmed) && !(splitByColumn && section !== "" && indent > sectionIndent && isRoleHeading(section) && !isContactFieldLabel(normalizeKeyCached(splitKey)));
    const rawKey = splitKey;
    const rawValue = splitValue;

    // "Address : Bayraktar Is Merkezi / <indent> No:114 G-4": a deeper line whose "label" is glued to its value continues the value.
    if (split && last !== undefined && indent > lastIndent && last.value !== "" && isGluedColon(trimmed, rawKey) && !isKnownLabel(normalizeKey(rawKey))) {
      addMore(last, trimmed);
      continue;
    }
    // "Updated Date:" / "    2019-09-20T00:17:40Z" or "    Tue Apr 19 23:15:57 GMT 2002": under a label left empty, a
    // deeper line whose colon sits in a number (a time) or whose "label" starts with a digit is its value (no label's
    // colon; Nominet's value-below-label layout, w23 metamorphic tests).
    if (split && last !== undefined && last.value === "" && last.more === NO_MORE && indent > lastIndent && (isDigit(rawKey.charCodeAt(0)) || (isDigit(rawKey.charCodeAt(rawKey.length - 1)) && isDigit(rawValue.charCodeAt(0))))) {
      last.value = trimmed;
      continue;
    }
    if (split && rawKey !== "" && (rawKey.charCodeAt(0) > 0x20 || rawKey.trim() !== "")) {
      if (indent <= sectionIndent && !blankScoped) {
        section = "";
        sectionIndent = -1;
      }
      const key = normalizeKeyCached(rawKey);
      if (afterSource && OBJECT_OPENING_KEYS.has(key)) {
        // The next object, with no blank line before it: a block (and a heading's blank-scoped section) ends here.
        block += 1;
        if (blankScoped) {
          section = "";
          sectionIndent = -1;
          blankScoped = false;
        }
      }
      afterSource = key === "source";
      // JPNIC "Network Information: [ネットワーク情報]": a heading followed by its own name in brackets, the other language.
      // A bracketed field label left empty (JPNIC "[ネットワーク名]", JPRS "s. [Signing Key]") is that field, not a heading.
      if ((rawValue === "" || (rawValue.charCodeAt(0) === 0x5b && isBracketedTranslation(rawValue))) && !PERSON_NAME_KEYS.has(key) && (!looksLikeField(key) || isKnownHeading(key)) && !(rawValue === "" && (isEmptyBracketField(trimmed, key) || isEmptyRoleField(text, key, indent, index, nextLineStart)))) {
        // "Registrant:" / "Domain servers in listed order:" — a heading.
        openSection(key, indent, index, nextLineStart);
        continue;
      }
      last = { section, key, value: rawValue, more: NO_MORE, line: index + 1, block };
      entries.push(last);
      lastIndent = indent;
      lastLineStart = lineStart;
      lastKey = rawKey;
      lastValue = rawValue;
      continue;
    }

    // No key: a continuation, a heading, or a bare value under a heading.
    // "First registration date:" with its value on the very next line, not indented (.ch, .li): that line is the value.
    if (last !== undefined && last.value === "" && last.more.length === 0 && last.line === index && indent <= lastIndent) {
      last.value = trimmed;
      continue;
    }
    let continues = last !== undefined && indent > lastIndent;
    if (!continues && last !== undefined && indent > 0) {
      // (The label and value are both text of that line, so searching the answer from the line's start finds them there.)
      const valueColumn = text.indexOf(lastValue, text.indexOf(lastKey, lastLineStart) + lastKey.length) - lastLineStart;
      continues = valueColumn > 0 && indent >= valueColumn - 1;
    }
    if (continues && last) {
      if (last.value === "") last.value = trimmed;
      else addMore(last, trimmed);
      continue;
    }
    // A line ending a sentence ("… for detailed information.") is prose, never a heading.
    // Inside a heading's unindented block (.ch "Holder of domain name:" then its lines), only a line ending in a
    // colon opens the next heading: "Administrator Domain" there is a line of the holder's address.
    const insideBlock = blankScoped && section !== "" && trimmed.charCodeAt(trimmed.length - 1) !== 0x3a;
    // An e-mail address on a line of its own is a value, never a heading: "abuse@dotscot.net" in .scot's notice
    // is no abuse contact opening the disclaimer's next paragraph (w15).
    if (!insideBlock && trimmed.length <= 60 && trimmed.charCodeAt(trimmed.length - 1) !== 0x2e && (indent <= sectionIndent || sectionIndent === -1 || blankScoped) && !trimmed.includes("@")) {
      const nextIndent = nextContentIndent(text, nextLineStart, index + 1);
      if (nextIndent !== -1) {
        const indentedBlock = nextIndent > indent;
        // Short lines only, and the label table only when the block is not indented: prose stays cheap. (Seven words:
        // .kz registrars' "Organization or Person Using Domain Name".)
        if (indentedBlock || !hasMoreWordsThan(trimmed, 7)) {
          const heading = normalizeKey(trimmed.replace(/:$/, ""));
          if (indentedBlock || isKnownHeading(heading)) {
            openSection(heading, indent, index, nextLineStart);
            continue;
          }
        }
      }
    }
    // "Registrant" / "    Name" / "        Example Org": inside a section, a contact field's label on a line of its own
    // above a deeper block is that field, its value the block's lines (the section stays the role's).
    const fieldKey = section !== "" && indent > sectionIndent && trimmed.length <= 24 ? ownLineFieldLabel(text, trimmed, indent, nextLineStart, index) : undefined;
    if (fieldKey !== undefined) {
      last = { section, key: fieldKey, value: "", more: NO_MORE, line: index + 1, block };
      entries.push(last);
      lastIndent = indent;
      lastLineStart = lineStart;
      lastKey = trimmed;
      lastValue = "";
      continue;
    }
    entries.push({ section, key: "", value: trimmed, more: NO_MORE, line: index + 1, block });
    last = undefined;
  }
  return entries;
}

/** Where the line starting at `start` ends: its newline, or the end of the text. */
function lineEndAt(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline === -1 ? text.length : newline;
}

/** The indentation of line `index` starting at `start`, or -1 when it is blank or past the lines tokenize reads. */
function contentIndent(text: string, start: number, index: number): number {
  if (index >= MAX_LINES || start > text.length) return -1;
  const end = lineEndAt(text, start);
  const content = skipWhitespace(text, start, end);
  return content === end ? -1 : content - start;
}

/** The indentation of the first non-blank line among the (at most three) lines from `index`, or -1. */
function nextContentIndent(text: string, start: number, index: number): number {
  let lineStart = start;
  for (let line = index; line < index + 3 && line < MAX_LINES && lineStart <= text.length; line += 1) {
    const end = lineEndAt(text, lineStart);
    const content = skipWhitespace(text, lineStart, end);
    if (content < end) return content - lineStart;
    lineStart = end + 1;
  }
  return -1;
}

/** A bare line that is a contact field's label ("Name", "Address:") above a deeper block: its normal form, else undefined. */
function ownLineFieldLabel(text: string, trimmed: string, indent: number, nextLineStart: number, index: number): string | undefined {
  // (The next line deeper first: most bare lines in a section, name servers and address lines, are followed by one at
  // their own depth, and this rule then costs one scan of that line's indentation.)
  if (contentIndent(text, nextLineStart, index + 1) <= indent || hasMoreWordsThan(trimmed, 3)) return undefined;
  const key = normalizeKeyCached(trimmed.charCodeAt(trimmed.length - 1) === 0x3a ? trimmed.slice(0, -1) : trimmed);
  return isContactFieldLabel(key) ? key : undefined;
}

/** A short "[ Words ]" line whose words are a heading the tables know (KRNIC's sections), normalized; else undefined. */
function bracketedHeading(trimmed: string): string | undefined {
  if (trimmed.charCodeAt(0) !== 0x5b || trimmed.length > 60 || trimmed.indexOf("]") !== trimmed.length - 1) return undefined;
  const heading = normalizeKey(trimmed.slice(1, -1));
  return heading !== "" && isKnownHeading(heading) ? heading : undefined;
}

/**
 * An empty bracketed label that is a field, not a heading: JPRS/JPNIC's lettered lines ("n. [Technical Contact]",
 * "s. [Signing Key]": every lettered line is one field), and an unlettered one whose label the field tables know
 * ("[ネットワーク名]"; DENIC's "[Tech-C]" above its contact's lines stays a heading).
 */
function isEmptyBracketField(trimmed: string, key: string): boolean {
  if (trimmed.charCodeAt(1) === 0x2e && trimmed.charCodeAt(3) === 0x5b) return true;
  return trimmed.charCodeAt(0) === 0x5b && isKnownLabel(key) && !isKnownHeading(key);
}

/**
 * "Registrant organisation: " left empty, the next line at its own depth (NIC Chile prints it so for a person, then the
 * domain's dates): one field of the role left empty, not a heading whose section would run on to the next blank line and
 * take the fields below as the contact's ("Creation date:" read as the registrant's). Above one deeper line and no more
 * ("Registrant ID:" / "    H1062079": the value below its label, w23 metamorphic tests) it is that field too; above a
 * deeper block (Nominet's "Registrant's address:" and its lines) the label still heads the block.
 */
function isEmptyRoleField(text: string, key: string, indent: number, index: number, nextLineStart: number): boolean {
  if (contentIndent(text, nextLineStart, index + 1) <= indent) return isRoleField(key);
  return isKnownLabel(key) && contentIndent(text, lineEndAt(text, nextLineStart) + 1, index + 2) <= indent;
}

/** "[ネットワーク情報]": a whole value in brackets, no other bracket in it (a label's name in the registry's other language). */
function isBracketedTranslation(value: string): boolean {
  return value.charCodeAt(0) === 0x5b && value.indexOf("]") === value.length - 1 && value.length <= 40;
}

/** "No:114": the colon right after the key, and a value right after the colon. */
function isGluedColon(trimmed: string, key: string): boolean {
  const colon = trimmed.indexOf(":");
  if (colon !== key.length) return false;
  return colon + 1 < trimmed.length && trimmed.charCodeAt(colon + 1) > 0x20;
}

/** Keys that are fields even with an empty value (so "Fax:" does not open a section; nor ATI's numbered "address2…: "). */
function looksLikeField(key: string): boolean {
  return /\b(fax|facsimile|telefax|phone|email|e mail|name|organi[sz]ation|org|street|city|state|province|postal|zip|country|ext|url|date|id|dnssec|status|server|created|updated|expires?|changed|address)\d{0,2}\b/.test(key);
}

/** Headings worth opening even when their lines are not indented (.ch, .ee). */
export let isKnownHeading: (key: string) => boolean = () => false;
/** Labels known well enough to be split off their value by spaces alone (.sk). */
export let isKnownLabel: (key: string) => boolean = () => false;
/** A contact's field label with no role before it ("Name", "Address", "E-mail"). */
export let isContactFieldLabel: (key: string) => boolean = () => false;
/** A label the tables know well enough to split it off its value by spaces alone (classify.ts isColumnLabel). */
export let isKnownColumnLabel: (key: string) => boolean = () => false;
/** A role's field ("Registrant City", "Admin Organization"), not a label naming the role's contact ("Registrant", "Admin Contact"). */
export let isRoleField: (key: string) => boolean = () => false;
/** A heading over one role's contact ("Registrant Contact Information", "Technical Contact"). */
export let isRoleHeading: (key: string) => boolean = () => false;
export function setRecognizers(recognizers: { column: (key: string) => boolean; heading: (key: string) => boolean; label: (key: string) => boolean; contactField: (key: string) => boolean; roleField: (key: string) => boolean; roleHeading: (key: string) => boolean }): void {
  isKnownColumnLabel = recognizers.column;
  isKnownHeading = recognizers.heading;
  isKnownLabel = recognizers.label;
  isContactFieldLabel = recognizers.contactField;
  isRoleField = recognizers.roleField;
  isRoleHeading = recognizers.roleHeading;
}
