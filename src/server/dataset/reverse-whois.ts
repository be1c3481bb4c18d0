import { DOMAINS, type SandboxContact, type SandboxDomain } from "./domains.js";

/**
 * What the world's commercial reverse-WHOIS services know: the published
 * (non-privacy) contacts of every domain. Answers follow the providers'
 * documented formats; the key "sandbox-key" is the only one accepted.
 */
export const SANDBOX_API_KEY = "sandbox-key";

export type ContactField = "email" | "organization" | "name" | "phone";

function contactsOf(domain: SandboxDomain): SandboxContact[] {
  if (domain.privacy) return [];
  return [domain.registrant, domain.admin, domain.tech].filter((c): c is SandboxContact => c !== undefined);
}

const normalize = (value: string): string => value.normalize("NFKC").toLowerCase().trim();

/** Domains whose published contacts carry the term: in one field (exact) or, without a field, anywhere (substring). */
export function reverseSearch(term: string, field?: ContactField): SandboxDomain[] {
  const wanted = normalize(term);
  if (wanted.length < 3) return [];
  return DOMAINS.filter((domain) =>
    contactsOf(domain).some((contact) => {
      if (field) return normalize(contact[field] ?? "") === wanted;
      return [contact.email, contact.organization, contact.name, contact.phone].some((value) => normalize(value).includes(wanted));
    }),
  );
}

/** WhoisXML Reverse WHOIS API v2: POST JSON {apiKey, mode, basicSearchTerms: {include}}. */
export function whoisXmlReply(body: unknown): { status: number; body: unknown } {
  const request = (body ?? {}) as { apiKey?: unknown; mode?: unknown; basicSearchTerms?: { include?: unknown } };
  if (request.apiKey !== SANDBOX_API_KEY) return { status: 403, body: { code: 403, messages: "Access restricted. Check credits balance or enter the correct API key." } };
  const include = Array.isArray(request.basicSearchTerms?.include) ? request.basicSearchTerms.include.filter((t): t is string => typeof t === "string") : [];
  if (include.length === 0 || include.length > 4) return { status: 422, body: { code: 422, messages: "basicSearchTerms.include: 1 to 4 terms required" } };
  const found = DOMAINS.filter((domain) => include.every((term) => reverseSearch(term).includes(domain)));
  if (request.mode === "preview") return { status: 200, body: { domainsCount: found.length } };
  return { status: 200, body: { nextPageSearchAfter: null, domainsCount: found.length, domainsList: found.map((d) => d.name) } };
}

const WHOXY_FIELDS: Record<string, ContactField> = { email: "email", company: "organization", name: "name" };

/** Whoxy Reverse WHOIS API: GET ?key=&reverse=whois&email=|company=|name=&page=. */
export function whoxyReply(query: URLSearchParams): { status: number; body: unknown } {
  if (query.get("key") !== SANDBOX_API_KEY) return { status: 200, body: { status: 0, status_reason: "Invalid API Key" } };
  if (query.get("reverse") !== "whois") return { status: 200, body: { status: 0, status_reason: "Unsupported request" } };
  const parameter = Object.keys(WHOXY_FIELDS).find((name) => query.has(name));
  if (!parameter) return { status: 200, body: { status: 0, status_reason: "Search term missing" } };
  const field = WHOXY_FIELDS[parameter] as ContactField;
  const found = reverseSearch(query.get(parameter) ?? "", field === "organization" ? undefined : field).filter(
    (domain) => field !== "organization" || contactsOf(domain).some((c) => normalize(c.organization).includes(normalize(query.get(parameter) ?? ""))),
  );
  const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
  const slice = found.slice((page - 1) * 100, page * 100);
  return {
    status: 200,
    body: {
      status: 1, status_reason: "Successful", total_results: found.length, total_pages: Math.max(1, Math.ceil(found.length / 100)), current_page: page,
      search_result: slice.map((domain, index) => ({
        num: (page - 1) * 100 + index + 1, domain_name: domain.name, query_time: "2026-11-25 00:00:00",
        create_date: domain.created.slice(0, 10), update_date: domain.updated.slice(0, 10), expiry_date: domain.expires.slice(0, 10), domain_registered: "yes",
        registrant_contact: { full_name: domain.registrant?.name, company_name: domain.registrant?.organization, email_address: domain.registrant?.email },
      })),
    },
  };
}

export const REVERSE_API_HOSTS = ["reverse-whois.whoisxmlapi.com", "api.whoxy.com"] as const;
