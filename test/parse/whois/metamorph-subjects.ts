// Issue #13 (w23): the answers the metamorphic test transforms, and what of a record must not move under a
// transformation. Corpus answers (../shared/corpus, read in place) keep the values of the fields their expected file
// asserts (read through the scorer's own compareCase); the project's fixtures keep a fixed set of fields.
import { compareCase } from "../../../src/eval/compare.js";
import { corpusAvailable, loadCorpus } from "../../../src/eval/corpus.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { DNSSEC_ANSWERS } from "./dnssec-answers.js";
import type { Metamorph } from "./metamorphs.js";
import { W12_ANSWERS } from "./w12-answers.js";

export interface Subject {
  id: string;
  server?: string;
  query?: string;
  text: string;
  /** The values that must not move, as [field, value] pairs. */
  fingerprint: (record: WhoisRecord) => [string, unknown][];
}

function fixtureFingerprint(record: WhoisRecord): [string, unknown][] {
  return [
    ["status", record.status],
    ["domain", record.domain?.name],
    ["dates", record.dates],
    ["registrar", record.registrar?.name],
    ["nameservers", (record.nameservers ?? []).map((ns) => ns.name)],
    ["statuses", record.statuses],
    ["dnssec", record.dnssec],
    ["contacts", (record.contacts ?? []).map((c) => [c.roles, c.name, c.organization, c.email])],
  ];
}

export const corpusThere = corpusAvailable();

export function metamorphSubjects(): Subject[] {
  const corpus: Subject[] = corpusThere
    ? loadCorpus(undefined, ["whois"]).map((item) => ({
        id: item.id,
        ...(item.server !== "unknown" ? { server: item.server } : {}),
        ...(item.query ? { query: item.query } : {}),
        text: item.raw,
        fingerprint: (record) => compareCase(item.expected, record).map((result) => [result.field, result.actual]),
      }))
    : [];
  const fixtures: Subject[] = [...W12_ANSWERS, ...DNSSEC_ANSWERS].map((answer, index) => ({
    id: `fixture ${index} (${answer.server})`,
    server: answer.server,
    query: answer.query,
    text: answer.text,
    fingerprint: fixtureFingerprint,
  }));
  return [...corpus, ...fixtures];
}

export function parseSubject(subject: Subject, text: string): WhoisRecord {
  return parseWhoisText(text, { ...(subject.server ? { server: subject.server } : {}), ...(subject.query ? { query: subject.query } : {}) });
}

export interface Break {
  subject: string;
  metamorph: string;
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose value `metamorphs` (applied in order) moves in `subject`'s record. */
export function breaksOf(subject: Subject, metamorphs: readonly Metamorph[], baseline = subject.fingerprint(parseSubject(subject, subject.text))): Break[] {
  const text = metamorphs.reduce((current, metamorph) => metamorph.apply(current), subject.text);
  const after = subject.fingerprint(parseSubject(subject, text));
  const name = metamorphs.map((metamorph) => metamorph.name).join("+");
  const breaks: Break[] = [];
  baseline.forEach(([field, before], index) => {
    const moved = after[index]?.[1];
    if (JSON.stringify(before) !== JSON.stringify(moved)) breaks.push({ subject: subject.id, metamorph: name, field, before, after: moved });
  });
  return breaks;
}
