// Issue #13 (w23): layout transformations that keep an answer's meaning, each one a style a real registry prints.
// The metamorphic test (metamorphic.test.ts) parses an answer before and after each one and wants the same values.
// Sources: the registries named in `style` print that layout in the answers of ../shared/corpus (counted with grep
// over its whois/*.txt) or document it at the address given. Only "Label: value" lines are rewritten: a line is one
// when a short label (at most 6 words, no URL) stands before its first colon; banners and free text stay as they are.

export interface Metamorph {
  name: string;
  /** The registry style it mimics, with where that style is seen. */
  style: string;
  apply: (text: string) => string;
  /** Why the metamorphic test leaves this one out (docs/parsing.md says it too); the report script still runs it. */
  notInTest?: string;
}

interface LabelLine {
  indent: string;
  label: string;
  value: string;
}

const LABEL_LINE = /^([ \t]*)([A-Za-z][A-Za-z0-9 ._/()'-]{0,48}?)[ \t.]*:(?!\/\/)[ \t]*(.*)$/;

/** The line's label and value when it is a "Label: value" line (see the header). */
export function labelLine(line: string): LabelLine | undefined {
  const match = LABEL_LINE.exec(line);
  if (!match) return undefined;
  const label = (match[2] as string).replace(/[ .]+$/, "");
  const value = (match[3] as string).trimEnd();
  if (label === "" || label.split(" ").length > 6 || /https?$/i.test(label)) return undefined;
  // A time ("on 2017-12-08T22:51:30Z", "10:22:50"), a house number run on from an address line (.tr "No:114 G-4")
  // and RWhois's "domain:Created:20090324" are not a label's colon.
  if ((/\d$/.test(label) && /^\d/.test(value)) || /^[^:]*:\d/.test(line) || /^[\w-]+:[\w;-]+:/.test(line.trimStart())) return undefined;
  return { indent: match[1] as string, label, value };
}

const linesOf = (text: string): string[] => text.split(/\r?\n/);

function eachLabelLine(rewrite: (line: LabelLine) => string): (text: string) => string {
  return (text) => linesOf(text).map((line) => {
    const parsed = labelLine(line);
    return parsed ? rewrite(parsed) : line;
  }).join("\n");
}

/** camelCase labels ("registrantName") lose their word breaks when their case changes: no registry writes "REGISTRANTNAME". */
const hasCaseBreak = (label: string): boolean => /[a-z][A-Z]/.test(label);
const recase = (change: (label: string) => string) =>
  eachLabelLine(({ indent, label, value }) => `${indent}${hasCaseBreak(label) ? label : change(label)}: ${value}`.trimEnd());
const titleCase = (label: string): string => label.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, gap: string, first: string) => gap + first.toUpperCase());

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function redate(write: (year: string, month: string, day: string) => string): (text: string) => string {
  return eachLabelLine(({ indent, label, value }) => {
    const date = DATE_ONLY.exec(value);
    return `${indent}${label}: ${date ? write(date[1] as string, date[2] as string, date[3] as string) : value}`.trimEnd();
  });
}

/** Longest first: "Registrant Contact Name" is the "Registrant Contact:" heading's "Name". */
const ZULU = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;
/** A UTC date-time "…T…Z" rewritten, its instant kept (fractions of a second dropped: no assertion holds them). */
function retime(write: (date: string, time: string) => string): (text: string) => string {
  return eachLabelLine(({ indent, label, value }) => {
    const zulu = ZULU.exec(value);
    return zulu && !/\.\d/.test(value) ? `${indent}${label}: ${write(zulu[1] as string, zulu[2] as string)}` : `${indent}${label}: ${value}`.trimEnd();
  });
}

const ROLE_PREFIXES = ["Registrant Contact", "Admin Contact", "Technical Contact", "Tech Contact", "Billing Contact", "Registrant", "Admin", "Tech", "Billing"];
/**
 * Runs of "Registrant Name: …", "Registrant Email: …" become a "Registrant:" heading over indented "Name: …" lines.
 * Lines with no value stay ("Registrant Contact:" is already a heading), and so do numbered labels ("Tech 1 Name",
 * .nc "Registrant address 4"): the number belongs to the role or the line, which a heading's lines do not carry.
 */
function roleHeadings(text: string): string {
  const out: string[] = [];
  let open = "";
  for (const line of linesOf(text)) {
    const parsed = labelLine(line);
    const role = parsed && parsed.indent === "" && parsed.value !== "" && !/\d/.test(parsed.label) ? ROLE_PREFIXES.find((prefix) => parsed.label.startsWith(`${prefix} `)) : undefined;
    if (!parsed || !role) {
      open = "";
      out.push(line);
      continue;
    }
    if (open !== role) out.push(`${role}:`);
    open = role;
    out.push(`    ${parsed.label.slice(role.length + 1)}: ${parsed.value}`.trimEnd());
  }
  return out.join("\n");
}

const NAME_SERVER_LABEL = /^name ?servers?$|^nserver$/i;
/** Runs of "Name Server: ns1…" become a "Name servers:" heading over the hosts, one per indented line. */
function nameServerList(text: string): string {
  const out: string[] = [];
  let open = false;
  for (const line of linesOf(text)) {
    const parsed = labelLine(line);
    if (!parsed || !NAME_SERVER_LABEL.test(parsed.label) || parsed.value === "") {
      open = false;
      out.push(line);
      continue;
    }
    if (!open) out.push(`${parsed.indent}Name servers:`);
    open = true;
    out.push(`${parsed.indent}    ${parsed.value}`);
  }
  return out.join("\n");
}

const isStructured = (all: readonly string[]): boolean =>
  all.some((line) => /^\s+\S/.test(line) || labelLine(line)?.value === "" || /^(source|nic-hdl|person|role|mnt-by|changed):/i.test(line));

/**
 * A blank line after every field, in a flat answer only: where blank lines delimit structure (RPSL objects, RFC 2622
 * and the RIPE Database; a heading's block that runs to the next blank line, .ch, .kz; Nominet's and .it's sections),
 * adding one changes what the answer says. Flat: no indented line, no heading (a label with no value), no RPSL object.
 */
function blankLines(text: string): string {
  const all = linesOf(text);
  return isStructured(all) ? text : all.map((line) => (labelLine(line) ? `${line}\n` : line)).join("\n");
}

/** Runs of "Name Server: ns1…" become one "Name Server: ns1 ns2 …" line. */
function nameServersOneLine(text: string): string {
  const out: string[] = [];
  let open: number | undefined;
  for (const line of linesOf(text)) {
    const parsed = labelLine(line);
    if (!parsed || !NAME_SERVER_LABEL.test(parsed.label) || parsed.value === "" || /\s/.test(parsed.value)) {
      open = undefined;
      out.push(line);
    } else if (open === undefined) {
      open = out.push(line) - 1;
    } else out[open] += ` ${parsed.value}`;
  }
  return out.join("\n");
}

/** "Label: value" becomes "Label:" over its value indented 4 deeper, in a flat answer (see blankLines). */
function valueBelowLabel(text: string): string {
  const all = linesOf(text);
  if (isStructured(all)) return text;
  return all.map((line) => {
    const parsed = labelLine(line);
    return parsed && parsed.value !== "" ? `${parsed.label}:\n    ${parsed.value}` : line;
  }).join("\n");
}

const indentAll = (indent: string) => (text: string): string => linesOf(text).map((line) => (line === "" ? line : indent + line)).join("\n");

export const METAMORPHS: readonly Metamorph[] = [
  { name: "lf", style: "LF line ends (whois.verisign-grs.com and most servers: 468 of 766 corpus answers)", apply: (text) => linesOf(text).join("\n") },
  { name: "crlf", style: "CRLF line ends, as RFC 3912 §2 prescribes (298 corpus answers)", apply: (text) => linesOf(text).join("\r\n") },
  { name: "trailing-spaces", style: "spaces padding each line (fixed-width writers: whois.nic.uk, whois.educause.edu)", apply: (text) => linesOf(text).map((line) => (line === "" ? line : `${line}   `)).join("\n") },
  { name: "label-upper", style: "UPPER-CASE labels (NASK whois.dns.pl 'DOMAIN NAME:'; Verisign 'DNSSEC:')", apply: recase((label) => label.toUpperCase()) },
  { name: "label-lower", style: "lower-case labels (RIPE Database RPSL 'nic-hdl:', registro.br 'owner:', AFNIC 'holder-c:')", apply: recase((label) => label.toLowerCase()) },
  { name: "label-title", style: "Title Case labels (Verisign 'Registry Expiry Date:', CentralNic)", apply: recase(titleCase) },
  { name: "colon-no-space", style: "'Label:value' with no space (whois.centralnic.com, whois.nic.asia, whois.jprs.jp)", apply: eachLabelLine(({ indent, label, value }) => `${indent}${label}:${value}`) },
  { name: "colon-column", style: "'Label:' padded to a column (RIPE Database 'inetnum:        …', whois.nic.fr)", apply: eachLabelLine(({ indent, label, value }) => `${indent}${`${label}:`.padEnd(32)}${value}`.trimEnd()) },
  { name: "dot-leaders", style: "'Label.......: value' dot leaders (whois.nic.kz, whois.nic.tr, whois.fi)", apply: eachLabelLine(({ indent, label, value }) => `${indent}${label.padEnd(30, ".")}: ${value}`.trimEnd()) },
  { name: "tab-after-colon", style: "a tab after the colon (whois.pir.org, whois.afilias-grs.info; .be and .lt print tabs)", apply: eachLabelLine(({ indent, label, value }) => `${indent}${label}:\t${value}`.trimEnd()) },
  {
    name: "bracket-labels",
    // A heading ("Registrar:" over indented lines) keeps its colon: in this layout an empty "[Name Server]" is an empty field.
    style: "'[Label]   value' (JPRS whois.jprs.jp, TWNIC, whois.nic.lv); JPRS prints headings as 'Domain Information:'",
    apply: eachLabelLine(({ indent, label, value }) => (value === "" ? `${indent}${label}:` : `${indent}${`[${label}]`.padEnd(34)}${value}`)),
  },
  { name: "indent-2", style: "the whole answer indented 2 spaces (whois.educause.edu sections)", apply: indentAll("  ") },
  { name: "indent-4", style: "the whole answer indented 4 spaces (Nominet whois.nic.uk)", apply: indentAll("    ") },
  { name: "indent-tab", style: "the whole answer indented by a tab (whois.educause.edu, whois.nic.tr contact blocks)", apply: indentAll("\t") },
  {
    name: "value-below-label",
    style: "each label on a line of its own, its value indented below (Nominet whois.nic.uk 'Registrar:' / 'Relevant dates:' blocks)",
    apply: valueBelowLabel,
    notInTest: "unfinished: 10 of 796 answers still move (54 before w23): .fi, .nc, .se, KSRegistry and .gd role handles, co.ca's name servers, a heading over one line",
  },
  {
    name: "column-no-colon",
    // SK-NIC prints it ("Domain-name         google.sk", "Admin-telephone     …": 4 answers of ../shared/corpus, whois.sk-nic.sk).
    style: "'Label        value' columns without a colon (whois.sk-nic.sk 'Domain-name         google.sk'; the engine splits only labels its tables know)",
    apply: eachLabelLine(({ indent, label, value }) => (value === "" ? `${indent}${label}:` : `${indent}${label.padEnd(Math.max(32, label.length + 2))}${value}`)),
  },
  { name: "role-headings", style: "'Registrant:' on its own line over indented 'Name:' lines (Nominet 'Registrant:', EDUCAUSE 'Registrant:', whois.cira.ca 'Registrant:')", apply: roleHeadings },
  { name: "name-server-list", style: "'Name servers:' on its own line, one host per indented line (Nominet, whois.educause.edu, TWNIC 'Domain servers in listed order:')", apply: nameServerList },
  { name: "banner-percent", style: "a '%' banner before the answer (RIPE Database, DENIC, AFNIC)", apply: (text) => `% Copyright (c) Example Registry. All rights reserved.\n% Use of this data is subject to the terms of use.\n\n${text}` },
  { name: "banner-hash", style: "a '#' comment block before and after (ARIN, whois.nic.kz)", apply: (text) => `#\n# Terms of use: https://registry.example/terms\n#\n\n${text}\n\n# end of answer\n` },
  { name: "last-update-footer", style: "'>>> Last update of WHOIS database: … <<<' after the answer (Verisign, Afilias, CentralNic: ICANN's RDDS advisory)", apply: (text) => `${text}\n\n>>> Last update of WHOIS database: 2020-01-02T03:04:05Z <<<\n` },
  { name: "blank-lines", style: "a blank line after every field of a flat answer (whois.dns.be, whois.nic.it's registrant lines)", apply: blankLines },
  { name: "name-servers-one-line", style: "the name servers on one line, space separated (whois.nic.it 'Nameservers' as recalled; whois.ua 'nserver:')", apply: nameServersOneLine },
  { name: "date-day-first-dots", style: "date-only values as DD.MM.YYYY (whois.rnids.rs, whois.fi)", apply: redate((y, m, d) => `${d}.${m}.${y}`) },
  { name: "datetime-offset", style: "UTC date-times as 'YYYY-MM-DD HH:MM:SS +00:00' (whois.tld.ee; whois.ua prints '+02')", apply: retime((date, time) => `${date} ${time} +00:00`) },
  { name: "datetime-utc-word", style: "UTC date-times as 'YYYY-MM-DD HH:MM:SS UTC' (whois.nic.it prints the date and time with a space; CentralNic 'UTC')", apply: retime((date, time) => `${date} ${time} UTC`) },
  { name: "date-slashes", style: "date-only values as YYYY/MM/DD (whois.cira.ca, JPRS)", apply: redate((y, m, d) => `${y}/${m}/${d}`) },
  { name: "date-dots", style: "date-only values as YYYY.MM.DD (NASK whois.dns.pl, whois.tcinet.ru)", apply: redate((y, m, d) => `${y}.${m}.${d}`) },
  { name: "date-month-name", style: "date-only values as DD-Mon-YYYY (Nominet whois.nic.uk, whois.educause.edu, Afilias)", apply: redate((y, m, d) => `${d}-${MONTHS[Number(m) - 1] as string}-${y}`) },
];
