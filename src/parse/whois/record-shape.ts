import type { WhoisRecord } from "../../record/types.js";

/**
 * The record while an answer is read: every field present from the start (undefined until set), in the
 * order of the record's schema (shared/schema/record.md). Fields added in answer order gave records a
 * hidden class per layout, and every later read of record.kind, record.dates, record.domain… went
 * megamorphic (node --log-ic, issue #13). `publishedRecord` copies the set fields out in that order,
 * so every record lists its fields alike.
 */
export function draftRecord(query: string, server: string): WhoisRecord {
  return {
    query,
    kind: "domain",
    status: "unknown",
    source: { protocol: "whois", server },
    domain: undefined,
    registrar: undefined,
    dates: undefined,
    statuses: undefined,
    nameservers: undefined,
    dnssec: undefined,
    contacts: undefined,
    network: undefined,
    asn: undefined,
    referral: undefined,
    resources: undefined,
    chain: undefined,
    remarks: undefined,
    disagreements: undefined,
    notes: undefined,
    warnings: undefined,
    raw: undefined,
  } satisfies EveryField<WhoisRecord>;
}

/**
 * Every field of `T` written out: a draft that satisfies it names each field of its type, so a field added to
 * the schema later does not compile until the draft lists it (and test/parse/whois/record-shape.test.ts
 * fails until the published copies keep it).
 */
export type EveryField<T> = { [K in keyof Required<T>]: T[K] | undefined };

/** The draft's set fields only, in the schema's order. */
export function publishedRecord(draft: WhoisRecord): WhoisRecord {
  const out: WhoisRecord = { query: draft.query, kind: draft.kind, status: draft.status, source: draft.source };
  if (draft.domain !== undefined) out.domain = draft.domain;
  if (draft.registrar !== undefined) out.registrar = draft.registrar;
  if (draft.dates !== undefined) out.dates = draft.dates;
  if (draft.statuses !== undefined) out.statuses = draft.statuses;
  if (draft.nameservers !== undefined) out.nameservers = draft.nameservers;
  if (draft.dnssec !== undefined) out.dnssec = draft.dnssec;
  if (draft.contacts !== undefined) out.contacts = draft.contacts;
  if (draft.network !== undefined) out.network = draft.network;
  if (draft.asn !== undefined) out.asn = draft.asn;
  if (draft.referral !== undefined) out.referral = draft.referral;
  if (draft.resources !== undefined) out.resources = draft.resources;
  if (draft.chain !== undefined) out.chain = draft.chain;
  if (draft.remarks !== undefined) out.remarks = draft.remarks;
  if (draft.disagreements !== undefined) out.disagreements = draft.disagreements;
  if (draft.notes !== undefined) out.notes = draft.notes;
  if (draft.warnings !== undefined) out.warnings = draft.warnings;
  if (draft.raw !== undefined) out.raw = draft.raw;
  return out;
}
