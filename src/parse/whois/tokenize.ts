/**
 * WHOIS text into entries: (section, key, value) in answer order. Recognizes
 * `Key: value`, `Key.....: value`, `[Key] value`, `a. [Key] value`, headings
 * (`Registrant:` or `Registrant` alone before an indented block), indented
 * continuation lines (multi-line values) and bare values under a heading.
 */
export interface Entry {
  /** Normalized heading this entry sits under ("" at top level). */
  section: string;
  /** Normalized key; "" for a bare value under a heading. */
  key: string;
  value: string;
  /** Continuation lines of a multi-line value. */
  more: string[];
  line: number;
  /** Blank-line separated block (RPSL object) the entry belongs to. */
  block: number;
}

/** Lines longer than this are not WHOIS fields (junk, or an attack on the parser). */
const MAX_LINE = 1000;
const MAX_LINES = 20_000;
const MAX_KEY = 64;

const normalizedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;

/** Labels repeat across answers, so their normal forms are memoized (bounded). */
export function normalizeKey(key: string): string {
  const cached = normalizedKeys.get(key);
  if (cached !== undefined) return cached;
  const normal = computeNormalKey(key);
  if (normalizedKeys.size < MAX_CACHED_KEYS) normalizedKeys.set(key, normal);
  return normal;
}

function computeNormalKey(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[\u2000-\u206f]/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function isComment(line: string, trimmed: string): boolean {
  const first = trimmed[0];
  if (first === "%" || first === "#") return true;
  if (first === ">" && line.startsWith(">>>")) return true;
  if (first === "-" && line.startsWith("--")) return true;
  return first === "[" && trimmed[1] === " " && trimmed.endsWith("]");
}

/** More than `limit` words (a sentence, not a label)? Counted without splitting. */
function hasMoreWordsThan(text: string, limit: number): boolean {
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

const proseLines = new Set<string>();
const MAX_CACHED_LINES = 20_000;

/**
 * Finds the key/value split of one line, or undefined when it has none.
 * Registries repeat the same prose (disclaimers, terms of use) in every
 * answer: lines found to have no label are remembered (bounded), so each
 * disclaimer is examined once. Lines with data are unique and always examined.
 */
export function splitLine(raw: string): Split | undefined {
  if (proseLines.has(raw)) return undefined;
  const split = computeSplit(raw);
  if (split === undefined && proseLines.size < MAX_CACHED_LINES && raw.length <= 300) proseLines.add(raw);
  return split;
}

function computeSplit(raw: string): Split | undefined {
  let trimmed = raw.trim();
  // JPRS numbers its labels: "a. [Domain Name]".
  if ((trimmed.charCodeAt(1) === 0x2e || trimmed.charCodeAt(1) === 0x20) && /^[a-z]\.?\s+\[/.test(trimmed)) trimmed = trimmed.slice(trimmed.indexOf("["));
  // RWhois: "domain:Domain-Name:google.ma", "domain:Owner-Contact;I:221.google.ma".
  const firstColon = trimmed.indexOf(":");
  const afterColon = trimmed.charCodeAt(firstColon + 1);
  if (firstColon > 0 && firstColon <= 21 && afterColon >= 0x41 && afterColon <= 0x5a) {
    const rwhois = /^[a-z][\w-]{0,20}:([A-Z][\w-]{0,40})(?:;[A-Z])?:(.*)$/.exec(trimmed);
    if (rwhois) return { key: rwhois[1] ?? "", value: (rwhois[2] ?? "").trim() };
  }
  if (trimmed.startsWith("[")) {
    const close = trimmed.indexOf("]");
    if (close > 1 && close <= MAX_KEY) return { key: trimmed.slice(1, close), value: trimmed.slice(close + 1).trim() };
    return undefined;
  }
  const colon = trimmed.indexOf(":");
  const tab = trimmed.indexOf("\t");
  // "Domain name<TAB>google.ch": a tab before any colon separates label and value.
  if (tab > 0 && tab <= MAX_KEY && (colon === -1 || tab < colon)) {
    const key = trimmed.slice(0, tab).trim();
    // "ns1.example.com<TAB>192.0.2.1" is a value line, not a label.
    if (/^[^\s]+\.[^\s]+$/.test(key) && !/^[A-Za-z ]+\.+$/.test(key)) return undefined;
    // .tr writes "NIC Handle<TAB><TAB>: value": the colon after the tabs is still the separator.
    if (!hasMoreWordsThan(key, 6)) return { key, value: trimmed.slice(tab + 1).replace(/^[\s:]+/, "").trim() };
  }
  // "Record created on 2000-08-29 (YYYY-MM-DD)", "Record expires on 2021-11-09 00:00:00 (UTC+8)": a label, "on", a date.
  const on = trimmed.length <= 100 ? / on (\d[\d./-]{5,})/.exec(trimmed) : null;
  if (on && on.index <= MAX_KEY && (colon === -1 || on.index < colon)) {
    return { key: trimmed.slice(0, on.index + 3), value: trimmed.slice(on.index + 4) };
  }
  if (colon <= 0 || colon > MAX_KEY) {
    // "Domain-name         google.sk": a known one-word label, then a run of spaces (prose never starts so).
    const gap = colon === -1 && trimmed.includes("  ") ? /^([A-Za-z][\w-]*[A-Za-z])\s{2,}(\S.*)$/.exec(trimmed) : null;
    if (gap && (gap[1] ?? "").length <= MAX_KEY && isKnownLabel(normalizeKey(gap[1] ?? ""))) return { key: gap[1] ?? "", value: gap[2] ?? "" };
    return undefined;
  }
  const key = trimmed.slice(0, colon);
  const after = trimmed.slice(colon + 1);
  // "http://…" or a time ("12:30") is a value, not a key.
  if (after.startsWith("//") || (/^[\d\s/.-]+$/.test(key) && /^\d/.test(after))) return undefined;
  if (hasMoreWordsThan(key, 8)) return undefined;
  return { key: key.replace(/\.{2,}\s*$/, "").replace(/\s*\.+$/, ""), value: after.trim() };
}

export function tokenize(text: string): Entry[] {
  const lines = text.split("\n", MAX_LINES);
  const entries: Entry[] = [];
  let section = "";
  let sectionIndent = -1;
  let last: Entry | undefined;
  let lastIndent = 0;
  let valueColumn = -1;
  let block = 0;
  /** The open heading's content is not indented: it runs to the next blank line. */
  let blankScoped = false;
  const openSection = (key: string, indent: number, index: number): void => {
    section = key;
    sectionIndent = indent;
    last = undefined;
    const next = lines[index + 1] ?? "";
    blankScoped = next.trim() !== "" && indentOf(next) <= indent;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? "";
    if (raw.length > MAX_LINE) continue;
    const trimmed = raw.trim();
    if (trimmed === "") {
      last = undefined;
      block += 1;
      if (blankScoped) {
        section = "";
        sectionIndent = -1;
        blankScoped = false;
      }
      continue;
    }
    if (isComment(raw, trimmed)) continue;
    const indent = raw.length - raw.trimStart().length;
    const split = splitLine(raw);

    if (split && split.key.trim() !== "") {
      if (indent <= sectionIndent && !blankScoped) {
        section = "";
        sectionIndent = -1;
      }
      const key = normalizeKey(split.key);
      if (split.value === "" && (!looksLikeField(key) || isKnownHeading(key))) {
        // "Registrant:" / "Domain servers in listed order:" — a heading.
        openSection(key, indent, index);
        continue;
      }
      last = { section, key, value: split.value, more: [], line: index + 1, block };
      entries.push(last);
      lastIndent = indent;
      valueColumn = raw.indexOf(split.value, raw.indexOf(split.key) + split.key.length);
      continue;
    }

    // No key: a continuation, a heading, or a bare value under a heading.
    const continues = last !== undefined && (indent > lastIndent || (valueColumn > 0 && indent >= valueColumn - 1));
    if (continues && last) {
      if (last.value === "") last.value = trimmed;
      else last.more.push(trimmed);
      continue;
    }
    if (trimmed.length <= 60 && (indent <= sectionIndent || sectionIndent === -1 || blankScoped)) {
      const next = nextContentLine(lines, index + 1);
      if (next !== undefined) {
        const indentedBlock = indentOf(next) > indent;
        // Short lines only, and the label table only when the block is not indented: prose stays cheap.
        if (indentedBlock || !hasMoreWordsThan(trimmed, 5)) {
          const heading = normalizeKey(trimmed.replace(/:$/, ""));
          if (indentedBlock || isKnownHeading(heading)) {
            openSection(heading, indent, index);
            continue;
          }
        }
      }
    }
    entries.push({ section, key: "", value: trimmed, more: [], line: index + 1, block });
    last = undefined;
  }
  return entries;
}

/** Keys that are fields even with an empty value (so "Fax:" does not open a section). */
function looksLikeField(key: string): boolean {
  return /\b(fax|phone|email|e mail|name|organi[sz]ation|org|street|city|state|province|postal|zip|country|ext|url|date|id|dnssec|status|server|created|updated|expires?|changed|address)\b/.test(key);
}

/** Headings worth opening even when their lines are not indented (.ch, .ee). */
export let isKnownHeading: (key: string) => boolean = () => false;
/** Labels known well enough to be split off their value by spaces alone (.sk). */
export let isKnownLabel: (key: string) => boolean = () => false;
export function setRecognizers(recognizers: { heading: (key: string) => boolean; label: (key: string) => boolean }): void {
  isKnownHeading = recognizers.heading;
  isKnownLabel = recognizers.label;
}

function nextContentLine(lines: string[], from: number): string | undefined {
  for (let index = from; index < lines.length && index < from + 3; index += 1) {
    const line = lines[index] ?? "";
    if (line.trim() !== "") return line;
  }
  return undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
