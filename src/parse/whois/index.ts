import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import type { Contact, ContactRole, WhoisRecord } from "../../record/types.js";
import { stripControl, stripControlKeepCrlf } from "../../util/sanitize.js";
import { parseDate } from "../dates.js";
import { isRedactedValue } from "../privacy.js";
import { splitRole, type ContactFieldTarget, type FieldTarget } from "./aliases.js";
import { keyInfo, sectionInfo } from "./classify.js";
import { assignContactField, ContactBuilder } from "./contacts.js";
import { applyFreeformContact } from "./freeform.js";
import { addGlue, addNameserver, nameserverList, type NameserverList } from "./nameservers.js";
import { limitNote, RECORD_LIMITS, UniqueList } from "../limits.js";
import { applyCidr, applyRange } from "./network.js";
import { refusesOwnZone } from "./zone-refusal.js";
import { domainBlockHolderField } from "./domain-block-holder.js";
import { AVAILABLE_PHRASES, ERROR_FIELD_PHRASES, INVALID_PHRASES, phraseScanner, RESERVED_PHRASES, STRONG_INVALID_PHRASES, STRONG_THROTTLED_PHRASES, THROTTLED_PHRASES } from "./phrases.js";
import { parenthesizedExpiry, statusDate, statusMeaning, weakStatusMeaning } from "./status-words.js";
import { phraseHaystack, statusPositions } from "./status-positions.js";
import { freeformNames, SERVER_PROFILES, type ServerProfile } from "./profiles.js";
import { dropHostObjectBlocks, repeatedRecordStart } from "./records.js";
import { applyRegistrarAbuseSection, applyRegistrarObject } from "./registrar-object.js";
import { mostSpecificNetwork, opensNetwork } from "./nested-networks.js";
import { DOMAIN_HOLDER_LABELS, domainHolder, numberHolder, pocContact, rangeHandle, resourceRemarks, TYPE_IN_CAPITALS, abuseCommentMailbox, withAbuseMailbox, sectionField, settleAsnHolder, withHolder } from "./number-holder.js";
import { draftRecord, publishedRecord } from "./record-shape.js";
import { numberQueryKind } from "./number-query.js";
import { applyRwhoisObjects, rwhoisReferral } from "./rwhois-objects.js";
import { CONTEXT_CLASSES, collectObjects, withoutRpslComment, entityObject, resolveNamedObjects, resolveReferences } from "./rpsl.js";
import { withoutTrailingDot } from "../../util/chars.js";
import { firstWhitespace, isAllDigits, isHostAndPort, isPlainAsciiName, startsWithHttpScheme, startsWithIgnoringCase } from "./chars.js";
import { hasMoreWordsThan, normalizeKey, tokenize, type Entry } from "./tokenize.js";
import { ownValue } from "../../util/own.js";

export interface WhoisParseOptions {
  /** The server that answered: recorded as source.server. */
  server?: string;
  /** What was asked. */
  query?: string;
}

/** Answers beyond this are parsed only this far (the transport caps them anyway). */
const MAX_TEXT = 1024 * 1024;

/** Parses a port-43 answer into the normalized record. Never throws. */
export function parseWhoisText(text: string, options: WhoisParseOptions = {}): WhoisRecord {
  // (Options from JavaScript callers may hold null or a non-string: they count as absent, as undefined does,
  // instead of throwing inside the parser and leaving the record empty.)
  const query = typeof options.query === "string" ? options.query : undefined;
  const server = typeof options.server === "string" ? options.server : undefined;
  const own = query === options.query && server === options.server ? options : { query, server };
  let record = draftRecord(query ?? "", server ?? "unknown");
  try {
    const nested = parse(typeof text === "string" ? text : String(text), own, record);
    // An answer holding nested networks is read again as its most specific one (nested-networks.ts): rare,
    // so every other answer pays for no extra pass over its entries.
    if (nested !== undefined) {
      record = draftRecord(query ?? "", server ?? "unknown");
      parse(nested.text, own, record, mostSpecificNetwork(nested.entries));
    }
  } catch {
    // What was read before the failure stays.
  }
  return publishedRecord(record);
}

/**
 * Reads the answer into `record`. Without `given` entries, an answer found to hold a second network range in
 * another block stops after its entries are applied and returns its text and entries, to be read again.
 */
function parse(input: string, options: WhoisParseOptions, record: WhoisRecord, given?: Entry[]): { text: string; entries: Entry[] } | undefined {
  // Lines are trimmed as they are read, so CRLF answers need no rewriting.
  const text = given === undefined ? stripControlKeepCrlf(input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input) : input;
  const entries = given ?? tokenize(dropHostObjectBlocks(text));
  const contacts = new ContactBuilder();
  const server = options.server?.toLowerCase();
  // Every field of the state is set here, in one order: fields added later in answer order gave the state
  // a different hidden class per answer layout, and the property reads in applyEntry went megamorphic (issue #13).
  const state: State = {
    listsClosed: false,
    profile: server === undefined ? undefined : SERVER_PROFILES.get(server),
    positions: undefined,
    domainBlock: undefined,
    lastBlock: undefined,
    handleBlock: undefined,
    networkBlock: undefined,
    contextBlock: undefined,
    asnBlock: undefined,
    rangeBlock: undefined,
    nestedNetworks: false,
    rwhois: false,
    firstOfBlock: false,
    holderLabel: false,
    referenceBlock: undefined,
    roleContext: undefined,
    record,
    contacts,
    nameservers: nameserverList(),
    statuses: new UniqueList<string>(RECORD_LIMITS.statuses),
    freeform: undefined,
    freeformFirst: undefined,
    streetEnd: undefined,
    blockHolder: undefined,
    server,
    query: options.query === undefined ? undefined : withoutTrailingDot(options.query.trim().toLowerCase()),
  };

  // A registrar's answer quoting the registry's thin record first: the later, fuller record wins; the
  // thin one only fills what the full one lacks (its name server and status lists are not merged in).
  // IANA's record of the TLD quoted first is about another object: nothing of it is kept.
  const { start: repeat, sameObject } = repeatedRecordStart(entries);
  if (repeat > 0) {
    for (let index = repeat; index < entries.length; index += 1) applyEntry(state, entries[index] as Entry);
    state.listsClosed = true;
    if (sameObject) for (let index = 0; index < repeat; index += 1) applyEntry(state, entries[index] as Entry);
  } else {
    for (const entry of entries) applyEntry(state, entry);
  }
  if (given === undefined && state.nestedNetworks) return { text, entries };
  // (One bare line beside keyed fields names the contact only when it came first, right under the heading, and the keyed
  // fields name nobody: DNS.PT "Entidade Gestora / Billing Contact", then "EPAG Domainservices GmbH", then "Email: …".
  // A "label: value" line too long to read as a label, HKIRC's "Holder English Name (It should be the same as …):  JACK
  // BI", gives its value.)
  if (state.freeform) {
    for (const [role, lines] of state.freeform) {
      if (!contacts.has(role) || lines.length >= 2) applyFreeformContact(contacts, role, lines, freeformNames(state.profile, role));
      else if (state.freeformFirst?.has(role) === true && !contacts.named(role) && lines[0] !== undefined) applyFreeformContact(contacts, role, [valueAfterLabel(lines[0])], freeformNames(state.profile, role));
    }
  }
  // Handles name contacts defined elsewhere in the answer: look for those objects only when some were named.
  // A role named by a one-word name only may name an object too (SK-NIC "Registrant: Google", then "Contact: Google").
  // registro.br's domain holder (owner/ownerid) is RDAP's registrant entity; owner-c names a contact of its own, whose
  // role is settled against the holder in finish (withHolder): the registrant lines read so far are the holder's.
  const ownerHolder = state.holderLabel && record.kind === "domain" && record.domain !== undefined ? domainHolder(entries) : undefined;
  if (ownerHolder !== undefined) contacts.forget("registrant");
  // The domain block's holder is its administrative contact too (RIPN's "administrator") unless the answer names one
  // (ISOC-IL's domain object prints the holder's phone and e-mail beside "admin-c:").
  if (state.blockHolder !== undefined && !contacts.has("administrative") && !contacts.references.has("administrative")) {
    for (const [field, value] of state.blockHolder) contacts.set("administrative", field, value);
  }
  const named = contacts.nameOnlyRoles();
  if (contacts.hasReferences() || named.length > 0) {
    const objects = collectObjects(entries);
    resolveReferences(contacts, objects);
    if (named.length > 0) resolveNamedObjects(contacts, named, objects);
  }

  applyRegistrarObject(record, entries, state.domainBlock);
  // A number resource's holder (or an entity answer's): RDAP's registrant entity (number-holder.ts).
  // (A domain answer with no domain in it is a not-found answer when a domain was asked: no holder to look for.)
  const numberOrEntity = record.kind !== "domain" || (record.domain === undefined && state.query?.includes(".") !== true);
  const holder = numberOrEntity ? settleAsnHolder(record, numberHolder(entries)) : ownerHolder;
  finish(state, holder, numberOrEntity ? entries : undefined);
  // A network's or AS number's own free-text lines, RDAP's remarks of the object (number-holder.ts resourceRemarks).
  const resourceBlock = record.kind === "ip" ? state.networkBlock : record.kind === "asn" ? state.asnBlock : undefined;
  if (record.kind === "ip" || record.kind === "asn") {
    const mailbox = abuseCommentMailbox(text);
    if (mailbox !== undefined) record.contacts = withAbuseMailbox(record.contacts, mailbox);
  }
  if (resourceBlock !== undefined && record.remarks === undefined) {
    const remarks = resourceRemarks(entries, resourceBlock);
    if (remarks.length > 0) record.remarks = remarks;
  }
  // (Only bare lines under an abuse heading can be a registrar's abuse section: other answers skip the pass.)
  if (state.freeform?.has("abuse") === true) applyRegistrarAbuseSection(record, entries);
  record.status = decideStatus(state, text, mayHaveLead(entries[0]));
  if (state.profile?.keysOrUnsigned === true && record.status === "registered" && record.kind === "domain" && record.domain !== undefined) record.dnssec ??= "unsigned";
  if (record.status === "unknown") record.notes = withNote(record.notes, unknownReason(entries, text));
  // An answer naming no object to an address or AS number query is about that address or number (number-query.ts).
  if (record.kind === "domain" && record.domain === undefined && options.query && record.status !== "registered") {
    const numberKind = numberQueryKind(options.query);
    if (numberKind !== undefined) record.kind = numberKind;
  }
  // A not-found or reserved answer is still about the domain that was asked.
  if (record.kind === "domain" && record.domain === undefined && options.query && record.status !== "registered" && record.status !== "unknown") {
    const asked = normalizeDomain(options.query);
    if (asked) record.domain = asked;
  }
  // A registered record that names its domain only in a sentence (.pf "Informations about 'example.pf' :"): the name
  // asked, when the answer holds it as a whole name (so a registry's answer about another object is not given it).
  if (record.kind === "domain" && record.domain === undefined && options.query && record.status === "registered") {
    const asked = normalizeDomain(options.query);
    if (asked && namesDomain(text, asked.name)) record.domain = asked;
  }
  if (record.query === "") record.query = record.domain?.name ?? "";
  // RWhois (RFC 2167): the objects read together, ID references resolved (rwhois-objects.ts); the in-answer referral
  // (%referral, §3.3.11) is the answer's own and wins over a ReferralServer line. Only an answer that opened with
  // the RWhois banner or held a network object line pays for it.
  if (state.rwhois || text.startsWith("%rwhois")) {
    if (state.rwhois) applyRwhoisObjects(record, text, options.query);
    const inAnswer = rwhoisReferral(text);
    if (inAnswer !== undefined) record.referral = { server: stripControl(inAnswer) };
  }
}

/**
 * The notes with `note` added. (A spread of `notes ?? []` built its array from a literal whose map the optimized
 * `parse` checked: the first answer left unknown deoptimized it, a recompile of the parser's largest unit, issue #13.)
 */
function withNote(notes: string[] | undefined, note: string): string[] {
  return notes === undefined ? [note] : [...notes, note];
}

/** Whether `text` holds `name` (lower case) as a whole domain name, not inside a longer one. */
function namesDomain(text: string, name: string): boolean {
  const lower = text.length > 65_536 ? text.slice(0, 65_536).toLowerCase() : text.toLowerCase();
  for (let at = lower.indexOf(name); at !== -1; at = lower.indexOf(name, at + 1)) {
    const before = at === 0 ? "" : lower.charAt(at - 1);
    const after = lower.charAt(at + name.length);
    if (!/[a-z0-9.-]/.test(before) && (after === "" || !/[a-z0-9-]/.test(after))) return true;
  }
  return false;
}

interface State {
  /** The fuller record has been read: the thin one's lists are not merged into it. */
  listsClosed: boolean;
  profile: ServerProfile | undefined;
  /** How many lines of each positional label were seen (see profiles.ts). */
  positions: Map<string, number> | undefined;
  /** The blank-line block holding the domain's own record. */
  domainBlock: number | undefined;
  lastBlock: number | undefined;
  /** The block of the last contact-handle line (`nic-hdl`…): a contact object, whose status lines (AFNIC `eppstatus: associated`) are the contact's. */
  handleBlock: number | undefined;
  /** The block of an object printed as the asked one's context (rpsl.ts CONTEXT_CLASSES: RIPE's "as-block"): its dates are not the record's. */
  contextBlock: number | undefined;
  /** The block of the AS number's own line (RPSL aut-num, ARIN ASNumber). */
  asnBlock: number | undefined;
  /** The block of the network object's range line (RPSL inetnum): its `status:` is the network's type too. */
  networkBlock: number | undefined;
  /** The first block holding a line that opens a network (nested-networks.ts opensNetwork). */
  rangeBlock: number | undefined;
  /** A second block opens a network: the answer may hold nested networks (see parseWhoisText). */
  nestedNetworks: boolean;
  /** An RWhois network object's line was read (`network:IP-Network:`, `network:ID:`): the answer is read as objects too. */
  rwhois: boolean;
  /** The entry being applied is the first of its blank-line block. */
  firstOfBlock: boolean;
  /** The block whose handle references name the record's contacts (the first one that names any). */
  referenceBlock: number | undefined;
  /** A label of a layout that names a domain's holder apart (registro.br's `ownerid`, number-holder.ts DOMAIN_HOLDER_LABELS) was read. */
  holderLabel: boolean;
  /** The role named by the last "Owner: …"-style line, for unprefixed fields after it in the same block. */
  roleContext: { role: ContactRole; block: number } | undefined;
  record: WhoisRecord;
  contacts: ContactBuilder;
  nameservers: NameserverList;
  statuses: UniqueList<string>;
  /** Bare lines under a role heading, interpreted at the end (see freeform.ts). */
  freeform: Map<ContactRole, string[]> | undefined;
  /** Roles whose block opened with a bare line, before any keyed field of theirs. */
  freeformFirst: Set<ContactRole> | undefined;
  /** The line where a role section's keyed address ("Address:  North Castle Drive") ends, and its role (see applyEntry). */
  streetEnd: { line: number; role: ContactRole } | undefined;
  /** The holder's fields read from the domain's own block (domain-block-holder.ts), for its administrative role. */
  blockHolder: [ContactFieldTarget, string][] | undefined;
  server: string | undefined;
  /** The query, lower case without a trailing dot: lets a TLD answer ("domain: GOOGLE") name its one-label domain. */
  query: string | undefined;
}

function applyEntry(state: State, entry: Entry): void {
  const record = state.record;
  const previousBlock = state.lastBlock;
  state.lastBlock = entry.block;
  state.firstOfBlock = previousBlock !== entry.block;
  if (state.firstOfBlock && CONTEXT_CLASSES.has(entry.key)) state.contextBlock = entry.block;
  const section = sectionInfo(entry.section);
  if (entry.key === "") {
    if (section.target === "nameserver") applyField(state, "nameserver", entry.value);
    else if (section.target === "status") applyField(state, "status", entry.value);
    else if (section.registrar) applyRegistrarLine(state, entry.value);
    else if (section.role !== undefined) {
      // HKIRC "Address:  North Castle Drive" then "Armonk" and "NY 10504-1785" at the label's own depth: the lines right
      // under a keyed address continue it (as a deeper line would), they do not start the block's free-form name lines.
      // (A block that opened with free-form lines, SaudiNIC's name line above "Address:", stays free-form: its lines are
      // read together, city and country by their shape.)
      if (state.streetEnd !== undefined && state.streetEnd.line === entry.line - 1 && state.streetEnd.role === section.role && state.freeform?.has(section.role) !== true) {
        state.contacts.set(section.role, "street", entry.value);
        state.streetEnd.line = entry.line;
      } else {
        if (state.freeform?.has(section.role) !== true && !state.contacts.has(section.role)) (state.freeformFirst ??= new Set()).add(section.role);
        addFreeformLine(state, section.role, entry.value);
      }
    }
    // "Domain name:" / "First registration date:" on a line of their own, the value on the next (.ch, .li, .uk):
    // a heading that names a single-valued field takes its first bare line as the value.
    else if (section.target !== undefined && SINGLE_VALUED_HEADINGS.has(section.target)) applyField(state, section.target, entry.value);
    return;
  }
  const info = keyInfo(entry.key);
  if (info.handleKey) state.handleBlock = entry.block;
  if (info.objectReference !== undefined) return referToObject(state, info.objectReference, entry);
  const value = entry.more.length === 0 ? entry.value : joinedValue(entry, "\n").trim();
  const scoped = sectionField(entry.section, entry.key);
  if (scoped !== undefined) return applyField(state, scoped, value, entry);
  if ((entry.section === "domain" || entry.section === "domain information") && entry.key === "name") return applyField(state, "domain.name", value);
  // ATI (.tn) "DNS servers" over "Name................: ns1.example.tn.": a name under a name-server heading is a server's.
  if (entry.key === "name" && section.target === "nameserver") return applyField(state, "nameserver", value);
  if (info.registrarField !== undefined && section.registrar) return applyField(state, info.registrarField, value);
  const holder = state.profile?.holderByPosition;
  const positional = holder ? ownValue(holder, entry.key) : undefined;
  if (positional && entry.section === "" && entry.block === state.domainBlock) {
    const positions = (state.positions ??= new Map());
    const seen = positions.get(entry.key) ?? 0;
    positions.set(entry.key, seen + 1);
    const field = positional[Math.min(seen, positional.length - 1)];
    if (field && (seen < positional.length || field === "street")) state.contacts.set("registrant", field, value);
    return;
  }
  // RIPE-style domain objects (.hr) describe their holder in "descr:" lines: a free-form registrant.
  // (Reverse-DNS objects' descr describes the delegation, not a holder.)
  if (entry.key === "descr" && entry.section === "" && entry.block === state.domainBlock && record.kind === "domain" && record.domain?.name.endsWith(".arpa") !== true) {
    addFreeformLine(state, "registrant", value);
    return;
  }
  // RIPN's domain object (.ru, .su, .рф, and the registries on its software) names its holder in the domain's own block
  // with unprefixed RPSL contact labels ("org:", "person:", "phone:", "e-mail:", "fax-no:"): RIPN's "administrator of the
  // domain" is the holder, so registrant and administrative contact at once (domain-block-holder.ts).
  if (entry.section === "" && entry.block === state.domainBlock && record.kind === "domain" && info.target === undefined && info.prefixed === undefined) {
    const holderField = domainBlockHolderField(entry.key, value, record.domain?.name);
    if (holderField !== undefined) {
      // (SWHOISD's "FAX No:                   :      +1.6505550100": the label's second colon is not the number's.)
      const holderValue = value.startsWith(":") ? value.slice(1).trim() : value;
      if (holderValue !== "") {
        state.contacts.set("registrant", holderField, holderValue);
        (state.blockHolder ??= []).push([holderField, holderValue]);
      }
      return;
    }
  }
  if (section.role !== undefined && info.contactField !== undefined) return setContact(state, section.role, section.address && entry.key === "code" ? "postalCode" : info.contactField, entry);
  const target = info.target;
  // "Owner:" names a network's holder in RIR answers but a domain's registrant elsewhere.
  const networkOnly = target === "network.organization" && state.record.network === undefined && state.record.kind === "domain";
  if (target && !networkOnly) return applyField(state, target, value, entry);
  if (state.roleContext && state.roleContext.block === entry.block && info.contactField !== undefined) {
    return setContact(state, state.roleContext.role, info.contactField, entry);
  }
  // IANA "contact: administrative" opens that role's contact for the rest of the block.
  if (entry.key === "contact" || entry.key === "contact type") {
    const named = splitRole(normalizeKey(entry.value));
    if (named && (named.rest === "" || named.rest === "contact")) {
      state.roleContext = { role: named.role, block: entry.block };
      return;
    }
  }
  // IANA "organisation: North Atlantic Treaty Organization" opening a block of a domain answer: the holder (RIPE's are handles).
  if ((entry.key === "organisation" || entry.key === "organization") && record.kind === "domain" && /\s/.test(entry.value.trim()) && state.firstOfBlock === true) {
    state.roleContext = { role: "registrant", block: entry.block };
    return setContact(state, "registrant", "organization", entry);
  }
  const prefixed = info.prefixed;
  if (prefixed) {
    if (info.reference) {
      // ("Owner: Example Inc." then unprefixed "Address:" lines: the role stays in context. An RPSL "-c" line only names
      // a handle: registro.br's "abuse-c:" above "owner:"/"responsible:" does not make those lines the abuse contact's.)
      if (!entry.key.endsWith(" c")) state.roleContext = { role: prefixed.role, block: entry.block };
      return referOrName(state, prefixed.role, entry.value, info.explicitHandle, entry.block);
    }
    // ("Registrant Contact Name:" beside "Registrant: Example Pty Ltd" names the person there: contacts.ts setPrefixedName.)
    if (info.prefixedField === "name") state.contacts.setPrefixedName(prefixed.role, entry.more.length === 0 ? entry.value : joinedValue(entry, " "));
    else if (info.prefixedField) setContact(state, prefixed.role, info.prefixedField, entry);
  } else if (DOMAIN_HOLDER_LABELS.has(entry.key)) state.holderLabel = true;
}

/** The entry's value and its continuation lines, joined by `separator` (`[value, ...more].join`, without the array). */
function joinedValue(entry: Entry, separator: string): string {
  let value = entry.value;
  for (const line of entry.more) value += separator + line;
  return value;
}

/** Field headings whose bare line below is the value (a list heading such as "Name servers:" is handled apart). */
const SINGLE_VALUED_HEADINGS: ReadonlySet<FieldTarget> = new Set<FieldTarget>(["domain.name", "domain.handle", "dates.created", "dates.updated", "dates.expires", "dnssec", "registrar.url", "registrar.whoisServer"]);

/**
 * A bare line of a "Registrar:" block (.pl, .nl, small ccTLD registries print the registrar as an address block):
 * the first line is its name, a web address its URL; street, phone and e-mail lines describe its office (no record field).
 */
function applyRegistrarLine(state: State, line: string): void {
  const registrar = state.record.registrar;
  if (registrar?.name === undefined) return applyField(state, "registrar.name", line);
  if (registrar.url === undefined && !line.includes("@") && !/\s/.test(line) && /^(https?:\/\/|www\.)/i.test(line)) registrar.url = line;
}

/** The value of a "label: value" line read as a bare line (its label too long for one), else the line. */
function valueAfterLabel(line: string): string {
  const at = line.lastIndexOf(": ");
  const value = at > 0 ? line.slice(at + 2).trim() : "";
  return value === "" ? line : value;
}

function addFreeformLine(state: State, role: ContactRole, line: string): void {
  const freeform = (state.freeform ??= new Map());
  const lines = freeform.get(role) ?? [];
  if (lines.length < 12) lines.push(line);
  freeform.set(role, lines);
}

/**
 * "MarkMonitor Inc. (R37-LROR)", "Tuonome IT (380)", "… [Tag = EXAMPLE]": a name and the registry's id for it. An id in
 * brackets holds a digit: words in brackets are part of the name ("MarkMonitor, Inc (TLDs)", "Example (Asia) Ltd").
 */
const REGISTRAR_WITH_ID = /^(.*\S)\s*(?:\(((?=[A-Za-z-]{0,30}\d)[A-Za-z0-9][\w-]{0,30})\)|\[Tag = ([\w.-]{1,40})\])$/;

/**
 * "Name(http://…)", "Name ( https://… )", "(주)Example(http://…)": a registrar's name followed by its web address in
 * the last brackets of the line (the name may hold brackets of its own: KISA's "(주)" for a company). Undefined unless
 * the bracket holds one web address and something stands before it. Hand-written, no pattern: property-tested.
 */
export function registrarWithUrl(line: string): { name: string; url: string } | undefined {
  if (!line.endsWith(")")) return undefined;
  const open = line.lastIndexOf("(");
  if (open <= 0) return undefined;
  const url = line.slice(open + 1, -1).trim();
  if (url.length > 200 || !startsWithHttpScheme(url) || url.length <= (url[4] === "s" || url[4] === "S" ? 8 : 7) || /[\s()]/.test(url)) return undefined;
  const name = line.slice(0, open).trim();
  return name === "" ? undefined : { name, url };
}

/** How DNSSEC fields say signed or not (lower-cased value starts with one). */
const DNSSEC_SIGNED = ["signed", "yes", "true", "active", "signeddelegation", "signed delegation", "서명"];
const DNSSEC_UNSIGNED = ["unsigned", "no", "false", "inactive", "not signed", "unsigned delegation", "none",
  // KISA's Korean answer: "미서명" (unsigned); "서명" (signed) is in DNSSEC_SIGNED.
  "미서명"];

function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return true;
  return false;
}

/** Upper-case letters, digits and dashes, at least one dash, no spaces or dots: a handle, not a name. */
const REGISTRAR_HANDLE = /^(?=[A-Z0-9-]*-)[A-Z0-9][A-Z0-9-]{2,40}$/;

function setContact(state: State, role: ContactRole, field: ContactFieldTarget, entry: Entry): void {
  if (field === "street") {
    state.contacts.set(role, "street", entry.value);
    for (const line of entry.more) state.contacts.set(role, "street", line);
    state.streetEnd = { line: entry.line + entry.more.length, role };
    return;
  }
  state.contacts.set(role, field, entry.more.length === 0 ? entry.value : joinedValue(entry, " "));
}

/**
 * A bare e-mail address (no brackets: .hm's "ROS00074(john@example.com)" is a handle and its mailbox, kept as written).
 * One "@" with text before it and a dot inside the part after it; checked without a pattern that could backtrack.
 */
function isMailbox(value: string): boolean {
  const at = value.indexOf("@");
  if (at <= 0 || value.indexOf("@", at + 1) !== -1 || /[\s()<>]/.test(value)) return false;
  const dot = value.indexOf(".", at + 2);
  return dot !== -1 && dot < value.length - 1;
}

/** "mnt-irt: IRT-EXAMPLE-AU" in the record's own block: the irt object, when the answer holds it, is a contact (rpsl.ts OBJECT_REFERENCES). */
function referToObject(state: State, role: ContactRole, entry: Entry): void {
  if (state.referenceBlock !== undefined && entry.block !== state.referenceBlock) return;
  const handle = entry.value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(handle)) return;
  state.contacts.objectReferences.add(`${role} ${handle.toUpperCase()}`, () => [role, handle]);
}

/** "Admin-C: XY123-RIPE" names a handle to resolve; "[Registrant] Google Inc." names the contact. */
function referOrName(state: State, role: ContactRole, value: string, explicitHandle: boolean, block: number): void {
  const trimmed = value.trim();
  // "admin-contact: https://www.nic.ru/whois": where to ask, not a contact.
  if (trimmed === "" || startsWithHttpScheme(trimmed)) return;
  // (FRED handles may hold a colon, not at the end: "registrant: SB:EXAMPLE-1".)
  const looksLikeHandle = /^[A-Za-z0-9][A-Za-z0-9_.:-]*[A-Za-z0-9_.-]$|^[A-Za-z0-9]$/.test(trimmed) && (explicitHandle || /\d/.test(trimmed) || /-/.test(trimmed));
  if (looksLikeHandle) {
    const known = state.contacts.references.get(role);
    if (known === undefined) {
      state.contacts.references.set(role, trimmed);
      state.referenceBlock ??= block;
    } else if (known.toUpperCase() !== trimmed.toUpperCase()) {
      // Only the record's own block lists further contacts; handles inside contact objects are theirs.
      if (block !== state.referenceBlock) return;
      state.contacts.moreReferences.add(`${role} ${trimmed.toUpperCase()}`, () => [role, trimmed]);
      return;
    }
    state.contacts.set(role, "handle", trimmed);
  } else if (isMailbox(trimmed)) {
    // JPNIC "[Abuse] abuse@example.jp", "Abuse contact: abuse@…": a role given only as its mailbox.
    state.contacts.set(role, "email", trimmed);
  } else {
    state.contacts.setNameFromRoleLine(role, trimmed);
  }
}

/** What a field's value does to the record, one handler per target (data, not a chain of cases). */
type FieldHandler = (record: WhoisRecord, value: string, state: State, entry: Entry | undefined, target: FieldTarget) => void;

function applyField(state: State, target: FieldTarget, rawValue: string, entry?: Entry): void {
  const value = rawValue.trim();
  if (value === "") return;
  FIELD_HANDLERS[target](state.record, value, state, entry, target);
}

function applyDate(record: WhoisRecord, value: string, state: State, entry: Entry | undefined, target: FieldTarget): void {
  const key = DATE_FIELDS[target as keyof typeof DATE_FIELDS];
  if (entry !== undefined && entry.block === state.contextBlock) return;
  // The first date read wins: a later one (RPSL's every "changed:" line, each contact's dates) is not parsed at all.
  if (record.dates?.[key] !== undefined) return;
  const newline = value.indexOf("\n");
  const date = parseDate(newline === -1 ? value : value.slice(0, newline), state.profile?.monthFirstDates === true);
  if (date) (record.dates ??= {})[key] = date;
}

const FIELD_HANDLERS: Readonly<Record<FieldTarget, FieldHandler>> = {
  "domain.name": (record, value, state, entry) => {
    const name = normalizeDomain(value) ?? singleLabelQuery(state, value);
    if (name && record.domain === undefined) {
      record.domain = name;
      if (entry) state.domainBlock = entry.block;
    }
  },
  "domain.handle": (record, value) => {
    if (record.domain) record.domain.handle ??= value;
    else pendingHandle.set(record, value);
  },
  "dates.created": applyDate,
  "dates.updated": applyDate,
  "dates.expires": applyDate,
  "registrar.name": (record, value) => {
    if (isRedactedValue(value) || record.registrar?.name !== undefined) return;
    const newline = value.indexOf("\n");
    const line = newline === -1 ? value : value.slice(0, newline);
    // "MarkMonitor Inc. (R37-LROR)", "Tuonome IT (380)": the registry's id for the registrar.
    const registrar = (record.registrar ??= {});
    // "Example Registrar(http://www.registrar.kr)" (KISA), "Example GmbH ( https://nic.at/registrar/123 )" (nic.at): name and web address.
    const withUrl = registrarWithUrl(line);
    if (withUrl !== undefined) {
      registrar.name = withUrl.name;
      registrar.url ??= withUrl.url;
      return;
    }
    const withId = line.endsWith(")") || line.endsWith("]") ? REGISTRAR_WITH_ID.exec(line) : null;
    // "registrar: RU-CENTER-REG-RIPN", "REG-TZNIC": a registry handle in place of a name (kept as both).
    if (withId === null && line.includes("-") && REGISTRAR_HANDLE.test(line)) registrar.handle ??= line;
    registrar.name = withId?.[1] ?? line;
    const id = withId?.[2] ?? withId?.[3];
    if (id !== undefined) {
      if (isAllDigits(id)) registrar.ianaId ??= id;
      else registrar.handle ??= id;
    }
  },
  "registrar.ianaId": (record, value) => {
    if (isAllDigits(value)) (record.registrar ??= {}).ianaId ??= value;
    else (record.registrar ??= {}).handle ??= value;
  },
  "registrar.handle": (record, value) => {
    (record.registrar ??= {}).handle ??= value;
  },
  "registrar.url": (record, value) => {
    if (startsWithHttpScheme(value) || /^(https?:\/\/|www\.)|^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(value)) (record.registrar ??= {}).url ??= value;
  },
  "registrar.whoisServer": (record, value, state) => {
    const withoutScheme = startsWithIgnoringCase(value, "whois://", 0) ? value.slice(8) : value;
    const host = (withoutScheme.endsWith("/") ? withoutScheme.slice(0, -1) : withoutScheme).toLowerCase();
    if (!isHostAndPort(host)) return;
    (record.registrar ??= {}).whoisServer ??= host;
    if (host !== state.server) record.referral ??= { server: host };
  },
  "registrar.abuseEmail": (record, value) => {
    (record.registrar ??= {}).abuseEmail ??= value;
  },
  "registrar.abusePhone": (record, value) => {
    (record.registrar ??= {}).abusePhone ??= value;
  },
  "nameserver.address": (_record, value, state) => {
    addGlue(state.nameservers, value);
  },
  "nameserver": (record, value, state) => {
    if (state.listsClosed && state.nameservers.length > 0) return;
    if (!value.includes("\n")) addNameserver(state.nameservers, record.domain?.name, value);
    else for (const line of value.split("\n")) addNameserver(state.nameservers, record.domain?.name, line);
  },
  "status": (record, value, state, entry) => {
    if (state.listsClosed && state.statuses.length > 0) return;
    if (state.handleBlock !== undefined && state.handleBlock === state.lastBlock) return;
    // RWhois (RFC 2167) "network:State:VA": a network's "State" is its holder's address, not a status (RIPN's domain "state:" is one).
    if (entry?.key === "state" && record.network !== undefined) return;
    // RPSL inetnum/inet6num "status: ASSIGNED PA" is what RIPE's, APNIC's and AFRINIC's RDAP give as the network's
    // type (ARIN's NetType is that field over port 43): the same field over both protocols.
    if (record.network !== undefined && entry !== undefined && entry.block === state.networkBlock) record.network.type ??= value.trim();
    // .ua "OK-UNTIL 20140903121852": the status carries the expiry date.
    const until = value.includes("-") ? /-until\s+(\S+)/i.exec(value) : null;
    if (until?.[1]) {
      const date = parseDate(until[1]);
      if (date) (record.dates ??= {}).expires ??= date;
    }
    // .tm "Status : Expires 14-Jun-2028": a status line that is the expiry date (STATUS_DATE_PREFIXES), not a status.
    const dated = statusDate(value);
    if (dated !== undefined) {
      (record.dates ??= {}).expires ??= dated;
      return;
    }
    // JPRS "[State] Connected (2017/03/31)": the state, and its expiry date in parentheses (status-words.ts).
    const dateInParentheses = value.includes("(") ? parenthesizedExpiry(value.trim()) : undefined;
    if (dateInParentheses !== undefined) (record.dates ??= {}).expires ??= dateInParentheses;
    if (!value.includes("\n")) addStatuses(state, value);
    else for (const line of value.split("\n")) addStatuses(state, line);
  },
  "dnssec": (record, value) => {
    const word = value.toLowerCase();
    if (startsWithAny(word, DNSSEC_SIGNED) || /ds data|^\d+ \d+ \d+/.test(word)) record.dnssec = "signed";
    else if (startsWithAny(word, DNSSEC_UNSIGNED)) record.dnssec ??= "unsigned";
    // SWITCH (.ch/.li) "DNSSEC:Y"/"DNSSEC:N": one letter, matched whole.
    else if (word === "y") record.dnssec = "signed";
    else if (word === "n") record.dnssec ??= "unsigned";
  },
  // A DS or DNSKEY record (or a link to the object holding them) stated for the domain: it is signed, whatever a
  // generic "DNSSEC:" line of the same answer says (a key list is the stronger statement). A placeholder is not data.
  "dnssec.data": (record, value) => {
    const word = value.toLowerCase();
    if (word === "-" || word === "n/a" || startsWithAny(word, DNSSEC_UNSIGNED)) return;
    record.dnssec = "signed";
  },
  "referral": (record, value) => {
    const host = value.replace(/^(r?whois):\/\//i, (scheme) => (scheme.toLowerCase().startsWith("rwhois") ? scheme : "")).replace(/\/$/, "");
    record.referral ??= { server: host };
  },
  "network.range": (record, value, state, entry) => {
    // An AS number's answer that goes on to list its holder's blocks (registro.br's and LACNIC's "aut-num:" object, then
    // "inetnum:" lines): the record stays the AS number's, those blocks are not the network asked about.
    if (record.kind === "asn" && !hasRange(record.network)) return;
    // "IPv4 address: 192.0.2.10" right under a name server (KazNIC's newer layout) is that server's glue, not a
    // network: KRNIC's "IPv4 Address" of an IP answer is a range, and comes before any name server.
    if (record.network === undefined && state.nameservers.length > 0 && isIP(value.trim()) !== 0) return addGlue(state.nameservers, value);
    applyRange((record.network ??= {}), value);
    if (entry) {
      if (entry.key === "ip network") state.rwhois = true;
      // (By the rule mostSpecificNetwork weighs networks by: an answer it would leave as it is is not read twice.)
      if (opensNetwork(entry)) {
        if (state.rangeBlock === undefined) state.rangeBlock = entry.block;
        else if (entry.block !== state.rangeBlock) state.nestedNetworks = true;
      }
      state.networkBlock ??= entry.block;
    }
    if (entry) record.network.handle ??= rangeHandle(value);
    record.kind = "ip";
  },
  "network.cidr": (record, value) => {
    if (record.kind === "asn" && !hasRange(record.network)) return;
    applyCidr((record.network ??= {}), value);
    record.kind = record.kind === "asn" ? "asn" : "ip";
  },
  "network.name": (record, value) => {
    (record.network ??= {}).name ??= value;
  },
  "network.handle": (record, value, state, entry) => {
    (record.network ??= {}).handle = value;
    if (entry?.key === "network id") state.rwhois = true;
  },
  "network.parent": (record, value) => {
    // ARIN "Parent: NET192 (NET-192-0-0-0-0)": the handle in brackets; a top-level net's "Parent: ()" names none (its RDAP
    // network has no parentHandle).
    const inBrackets = value.includes("(") ? /\(([^)]*)\)/.exec(value) : null;
    const handle = (inBrackets ? (inBrackets[1] as string) : value).trim();
    if (handle !== "") (record.network ??= {}).parentHandle ??= handle;
  },
  "network.type": (record, value, _state, entry) => {
    (record.network ??= {}).type ??= entry !== undefined && TYPE_IN_CAPITALS.has(entry.key) ? value.toUpperCase() : value;
  },
  "network.organization": (record, value) => {
    if (record.network || record.kind !== "domain") (record.network ??= {}).organization ??= value.split("\n")[0];
  },
  "network.country": (record, rawValue) => {
    const value = rawValue.includes("#") ? withoutRpslComment(rawValue) : rawValue;
    if (record.network && /^[A-Za-z]{2}$/.test(value)) record.network.country ??= value.toUpperCase();
    else if (record.asn && /^[A-Za-z]{2}$/.test(value)) record.asn.country ??= value.toUpperCase();
  },
  "asn.number": (record, value, state, entry) => {
    const number = Number(/\d+/.exec(value)?.[0]);
    if (!Number.isInteger(number)) return;
    if (entry !== undefined) state.asnBlock ??= entry.block;
    record.asn ??= {};
    record.asn.handle ??= `AS${number}`;
    record.asn.start ??= number;
    record.asn.end ??= number;
    if (record.kind !== "ip") record.kind = "asn";
  },
  "asn.name": (record, value) => {
    (record.asn ??= {}).name ??= value;
  },
  "asn.handle": (record, value) => {
    (record.asn ??= {}).handle ??= value;
  },
  "contact.ref": () => {
    // Handle references are resolved with the contacts (rpsl.ts).
  },
};

/** A network already has its block (a range or a CIDR), not only the holder's name or country. */
function hasRange(network: WhoisRecord["network"]): boolean {
  return network?.startAddress !== undefined || network?.cidrs !== undefined;
}

const pendingHandle = new WeakMap<WhoisRecord, string>();

const DATE_FIELDS = { "dates.created": "created", "dates.updated": "updated", "dates.expires": "expires" } as const;

function singleLabelQuery(state: State, value: string): { name: string } | undefined {
  const label = value.trim().toLowerCase();
  return label === state.query && /^[a-z0-9-]{1,63}$/.test(label) ? { name: label } : undefined;
}

function normalizeDomain(value: string): { name: string; unicodeName?: string } | undefined {
  const space = firstWhitespace(value);
  const candidate = withoutTrailingDot(space === -1 ? value : value.slice(0, space));
  if (!candidate.includes(".") || candidate.length > 253) return undefined;
  // Plain ASCII names (most answers) are their own A-label: no IDNA pass needed.
  if (isPlainAsciiName(candidate) && !candidate.includes("xn--")) return { name: candidate.toLowerCase() };
  const ascii = domainToASCII(candidate.toLowerCase());
  if (ascii === "") return undefined;
  const unicode = domainToUnicode(ascii);
  return unicode !== "" && unicode !== ascii ? { name: ascii, unicodeName: unicode } : { name: ascii };
}

function addStatuses(state: State, line: string): void {
  let cleaned = line;
  if (cleaned.includes("http")) cleaned = cleaned.replace(/\s*https?:\/\/\S+/g, "");
  if (cleaned.includes("(")) cleaned = cleaned.replace(/\s*\(.*?\)\s*$/, "");
  cleaned = cleaned.trim();
  if (cleaned === "") return;
  // KazNIC "ok - Normal state.", "clientTransferProhibited - status prohibits domain transfer without documents": one
  // status word, then a sentence explaining it (ends with a full stop, or more than three words). The word is the status,
  // as RDAP gives it (a dash with no gloss after it, "clientRenewProhibited -", is dropped too); "Registered - Pending
  // Delete" is not a word and its gloss, and stays whole.
  if (cleaned.includes(" - ") || cleaned.endsWith(" -")) cleaned = withoutGloss(cleaned);
  // "clientHold,serverHold", "REGISTERED, DELEGATED", "Client Updates Prohibited, Client Transfer Prohibited" (.tm):
  // a list, when every part is a short phrase (a sentence with a comma stays one status).
  const parts = cleaned.includes(",") ? statusList(cleaned) : [cleaned];
  for (const part of parts) if (part) state.statuses.add(part, () => part);
}

function withoutGloss(value: string): string {
  const found = value.indexOf(" - ");
  const dash = found === -1 ? value.length - 2 : found;
  const word = value.slice(0, dash).trim();
  const gloss = value.slice(dash + 2).trim();
  if (word === "" || firstWhitespace(word) !== -1) return value;
  return gloss === "" || gloss.endsWith(".") || hasMoreWordsThan(gloss, 3) ? word : value;
}

function statusList(value: string): string[] {
  const parts = value.split(",").map((part) => part.trim());
  return parts.every((part) => part !== "" && part.length <= 40 && !hasMoreWordsThan(part, 4)) ? parts : [value];
}

/** `entries`: given for a number resource's or an entity's answer, whose POC layout may be all it holds. */
function finish(state: State, holder: Contact | undefined, entries: readonly Entry[] | undefined): void {
  const { record } = state;
  const handle = pendingHandle.get(record);
  if (handle && record.domain) record.domain.handle ??= handle;
  if (state.nameservers.length > 0) record.nameservers = state.nameservers.items;
  if (state.statuses.length > 0) record.statuses = state.statuses.items;
  // (Notes only when a list was cut: the common answer allocates nothing here.)
  if (state.nameservers.dropped > 0 || state.statuses.dropped > 0 || state.contacts.moreReferences.dropped > 0 || state.contacts.droppedStreetLines > 0) {
    const notes = [limitNote("name servers", state.nameservers), limitNote("statuses", state.statuses), limitNote("further contact handles", state.contacts.moreReferences)].filter((note): note is string => note !== undefined);
    if (state.contacts.droppedStreetLines > 0) notes.push(`street lines: kept the first ${RECORD_LIMITS.streetLines} of a contact, left out ${state.contacts.droppedStreetLines} more (record limit)`);
    record.notes = [...(record.notes ?? []), ...notes];
  }
  let contacts = withHolder(state.contacts.build(), holder);
  if (entries !== undefined && record.domain === undefined && record.network === undefined && record.asn === undefined) contacts = entityContacts(record, contacts, entries);
  if (contacts.length > 0) record.contacts = contacts;
  if (record.network && record.network.organization === undefined) {
    let owner: Contact | undefined;
    for (const contact of contacts) {
      if (contact.roles.includes("registrant")) {
        owner = contact;
        break;
      }
    }
    if (owner?.organization ?? owner?.name) record.network.organization = (owner.organization ?? owner.name) as string;
  }
  if (record.kind !== "domain") record.domain = undefined;
}

/**
 * An entity answer, RDAP's /entity/{handle} over port 43: ARIN's POC answer (nothing but the contact it describes), or
 * an RPSL person/role/organisation/mntner/irt object answered for a handle (rpsl.ts entityObject). The entity comes
 * first, without roles; the contacts its object names by handle (admin-c, abuse-c) stay; a contact the object's own
 * lines made (org-name read as a registrant) is the entity itself. The record is the entity's.
 */
function entityContacts(record: WhoisRecord, contacts: Contact[], entries: readonly Entry[]): Contact[] {
  const entity = contacts.length === 0 ? (pocContact(entries) ?? entityObject(entries)) : entityObject(entries);
  if (entity === undefined) return contacts;
  record.kind = "entity";
  const named = entity.name ?? entity.organization;
  // (FRED's `org:` names the entity's organisation: read as an RPSL org reference, it is the entity itself too.)
  const rest = contacts.filter((contact) => (contact.handle === undefined || contact.handle !== entity.organization) && (contact.handle !== undefined || named === undefined || (contact.name !== named && contact.organization !== named)));
  return [entity, ...rest];
}

/** The status phrase lists, scanned in one pass; each list's bit in the result (see phraseScanner). */
const scanStatusPhrases = phraseScanner([STRONG_THROTTLED_PHRASES, STRONG_INVALID_PHRASES, RESERVED_PHRASES, AVAILABLE_PHRASES, THROTTLED_PHRASES, INVALID_PHRASES, ERROR_FIELD_PHRASES]);
const [STRONG_THROTTLED, STRONG_INVALID, RESERVED, AVAILABLE, THROTTLED, INVALID, ERROR_FIELD] = [1, 2, 4, 8, 16, 32, 64];

const NO_STATUSES: readonly string[] = [];

/**
 * Whether the answer may open with a lead sentence (status-positions.ts leadSentence): its first entry is a bare line, a
 * line under a heading, or a "label" no registry writes (more than four words, a first digit: "Domain x.example not
 * found: …"). An answer whose first entry is a plain field ("Domain Name:", after comment lines) has none: its first
 * lines are not read again (issue #13: most answers are records).
 */
function mayHaveLead(first: Entry | undefined): boolean {
  if (first === undefined || first.key === "" || first.section !== "") return true;
  const key = first.key;
  const code = key.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return true;
  let spaces = 0;
  for (let index = 0; index < key.length; index += 1) if (key.charCodeAt(index) === 0x20 && ++spaces > 3) return true;
  return false;
}

function decideStatus(state: State, text: string, mayLead: boolean): WhoisRecord["status"] {
  const { record } = state;
  // The registry's own word for the object ("Status: free", "Stato: RESERVED", "Status: invalid") says it outright.
  for (const status of state.statuses.items) {
    const meaning = statusMeaning(status);
    if (meaning !== undefined) return meaning;
  }
  const strong =
    record.dates?.created !== undefined ||
    record.dates?.expires !== undefined ||
    state.nameservers.length > 0 ||
    record.registrar?.name !== undefined ||
    record.network !== undefined ||
    record.asn !== undefined;
  // The lead sentence still decides (status-positions.ts: the first short unlabelled paragraph before the record): a
  // registry may print a reservation's own name servers or creation date under "Domain reserved", or a registrar line
  // under "Domain not found.". Only the answer's first lines are read, up to its first labelled line.
  if (strong) return (mayLead ? phraseStatus(scanStatusPhrases(statusPositions(text, NO_STATUSES))) : undefined) ?? "registered";
  // A domain with its contacts, or an entity answer's object (a registro.br record reduced under its rate-limit notice,
  // SK-NIC's, an RPSL role): the fields identify a registered object. A phrase decides only where a status stands, the
  // lead sentence or a status value (status-positions.ts): never the notices, terms of use and footers around the record.
  if ((record.domain !== undefined || record.kind === "entity") && (record.contacts?.length ?? 0) > 0) {
    return phraseStatus(scanStatusPhrases(statusPositions(text, state.statuses.items))) ?? "registered";
  }
  // Line-anchored phrases ("\navailable\n") need a newline on both ends of the answer and of each line.
  const lower = phraseHaystack(text);
  const found = scanStatusPhrases(lower);
  const phrased = phraseStatus(found);
  if (phrased !== undefined) return phrased;
  if ((found & THROTTLED) !== 0) return "throttled";
  if ((found & INVALID) !== 0) return refusesOwnZone(lower, state.query, state.server) ? "available" : "invalid";
  // A weak status word ("Blocked") decides only for an answer with no contacts either (status-words.ts).
  if ((record.contacts?.length ?? 0) === 0) {
    for (const status of state.statuses.items) {
      const meaning = weakStatusMeaning(status);
      if (meaning !== undefined) return meaning;
    }
  }
  if (record.domain !== undefined || (record.contacts?.length ?? 0) > 0 || state.statuses.length > 0) return "registered";
  if (record.referral?.server) return "registered";
  return "unknown";
}

/**
 * What the phrases found say outright. Order matters: a refusal specific enough (STRONG_*) wins; reserved and not-found
 * answers often carry disclaimers that mention query limits ("do not send too many queries"), a refusal rarely says
 * "not found". Plain throttle and invalid phrases do not decide here: beside a record's fields they are its notices.
 */
function phraseStatus(found: number): WhoisRecord["status"] | undefined {
  if ((found & STRONG_THROTTLED) !== 0) return "throttled";
  if ((found & STRONG_INVALID) !== 0) return "invalid";
  // A labelled error field (CIRA "Error message:") refuses the query; reserved or available words there give the reason
  // ("… is not available for registration" holds both), a throttle wording still decides (phrases.ts ERROR_FIELD_PHRASES).
  if ((found & ERROR_FIELD) !== 0 && (found & THROTTLED) === 0) return "invalid";
  if ((found & RESERVED) !== 0) return "reserved";
  if ((found & AVAILABLE) !== 0) return "available";
  return undefined;
}

/** Why an answer stayed `unknown`, for record.notes and eval:corpus (labels and line shortened, control characters already gone). */
function unknownReason(entries: readonly Entry[], text: string): string {
  if (text.trim() === "") return "status unknown: empty answer";
  const labels: string[] = [];
  for (const entry of entries) {
    if (entry.key !== "" && !labels.includes(entry.key)) labels.push(entry.key.slice(0, 40));
    if (labels.length === 3) break;
  }
  const lines = text.split("\n", 50).map((line) => line.trim()).filter((line) => line !== "");
  const firstLine = lines.find((line) => !line.startsWith("%") && !line.startsWith("#")) ?? lines[0] ?? "";
  const seen = labels.length > 0 ? `labels read but none that identifies the object (${labels.map((label) => `"${label}"`).join(", ")})` : "no labelled field";
  return `status unknown: ${seen}, and no known not-found, reserved, throttled or invalid wording (first line: "${firstLine.slice(0, 80)}")`;
}

export { tokenize } from "./tokenize.js";
export { assignContactField };
