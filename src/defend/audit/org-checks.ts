/** Checks that need more than one record: dangling delegations and the organisation's odd ones out. */
import type { WhoisRecord } from "../../record/types.js";
import { NS_DOMAIN_EXPIRY_DAYS, type CheckId } from "./checks.js";
import { daysUntil, providerOf } from "./domain-checks.js";
import { finding, originOf } from "./finding.js";
import type { AuditInput, Finding } from "./types.js";

/** The registrable domains an audited record's name servers live under, other than the domain itself. */
export function foreignProviders(domain: string, record: WhoisRecord): Map<string, string[]> {
  const byProvider = new Map<string, string[]>();
  for (const ns of record.nameservers ?? []) {
    const name = ns.name.toLowerCase();
    const provider = providerOf(name);
    if (provider === domain) continue;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), name]);
  }
  return byProvider;
}

function verdict(input: AuditInput | undefined, asOf: Date): { id: CheckId; why: string } | undefined {
  const record = input?.record;
  if (!record || input?.error) return { id: "WL-AUDIT-NS-DOMAIN-UNVERIFIED", why: input?.error ? `its lookup failed (${input.error.code}: ${input.error.message})` : "it was not looked up" };
  const by = `per ${record.source.server} over ${record.source.protocol}`;
  if (record.status === "available") return { id: "WL-AUDIT-NS-DANGLING", why: `it is not registered (${by})` };
  if (record.status !== "registered") return { id: "WL-AUDIT-NS-DOMAIN-UNVERIFIED", why: `its lookup ended ${record.status} (${by})` };
  const days = daysUntil(record.dates?.expires, asOf);
  if (days !== undefined && days <= NS_DOMAIN_EXPIRY_DAYS) {
    return { id: "WL-AUDIT-NS-DOMAIN-EXPIRING", why: days < 0 ? `it expired on ${record.dates?.expires ?? ""} (${by})` : `it expires in ${days} day(s), ${record.dates?.expires ?? ""} (${by})` };
  }
  return undefined;
}

/** Dangling delegation: each name server's registrable domain, as looked up in `nsDomains`. */
export function delegationFindings(inputs: readonly AuditInput[], nsDomains: ReadonlyMap<string, AuditInput>, asOf: Date): Finding[] {
  const out: Finding[] = [];
  for (const input of inputs) {
    if (input.record?.status !== "registered") continue;
    for (const [provider, names] of foreignProviders(input.domain, input.record)) {
      const found = verdict(nsDomains.get(provider), asOf);
      if (found) out.push(finding(found.id, originOf(input.domain, input.record), "nameservers", names.join(" "), `name server ${names.join(", ")} is under ${provider}: ${found.why}`));
    }
  }
  return out;
}

/** The most common key, or undefined when all agree or no key is more common than every other (nothing to differ from). */
function usual(keys: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  if (counts.size < 2) return undefined;
  const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return first && second && first[1] > second[1] ? first[0] : undefined;
}

function oddOnesOut(inputs: readonly AuditInput[], id: CheckId, field: string, keyOf: (record: WhoisRecord) => { key: string; shown: string } | undefined, what: string): Finding[] {
  const keyed = inputs.flatMap((input) => {
    const key = input.record?.status === "registered" ? keyOf(input.record) : undefined;
    return key && input.record ? [{ input, record: input.record, ...key }] : [];
  });
  const majority = usual(keyed.map((k) => k.key));
  if (majority === undefined) return [];
  const shownMajority = keyed.find((k) => k.key === majority)?.shown ?? majority;
  const share = keyed.filter((k) => k.key === majority).length;
  return keyed
    .filter((k) => k.key !== majority)
    .map((k) => finding(id, originOf(k.input.domain, k.record), field, k.shown, `${what} ${k.shown}, not the organisation's usual ${shownMajority} (${share} of ${keyed.length} domains)`));
}

/** Registrar and name-server set compared across the audited domains. */
export function organisationFindings(inputs: readonly AuditInput[]): Finding[] {
  return [
    ...oddOnesOut(inputs, "WL-AUDIT-ORG-REGISTRAR-MIXED", "registrar", (record) => {
      const registrar = record.registrar;
      const key = registrar?.ianaId ?? registrar?.name?.toLowerCase();
      return key === undefined ? undefined : { key, shown: registrar?.name ?? `IANA ${key}` };
    }, "registrar"),
    ...oddOnesOut(inputs, "WL-AUDIT-ORG-NS-MIXED", "nameservers", (record) => {
      const names = (record.nameservers ?? []).map((ns) => ns.name.toLowerCase()).sort();
      return names.length === 0 ? undefined : { key: names.join(" "), shown: names.join(" ") };
    }, "name servers"),
  ];
}
