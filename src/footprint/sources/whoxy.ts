import type { ReverseField, ReverseResult, ReverseWhoisSource } from "./types.js";
import { asRecord, callApi, type ApiContext } from "./api.js";

export const WHOXY_DEFAULT_URL = "https://api.whoxy.com/";

/** Whoxy's reverse WHOIS parameter for each field it can search. */
const PARAMETER: Partial<Record<ReverseField, string>> = { email: "email", organization: "company", person: "name" };
/** Whoxy pages hold up to 100 results, and each page is a paid query. */
const PAGE_SIZE = 100;

/** Whoxy's Reverse WHOIS API (GET `?key=&reverse=whois&email=|company=|name=&page=`). */
export class WhoxySource implements ReverseWhoisSource {
  readonly name = "whoxy";
  readonly paid = true;
  readonly fields: ReadonlySet<ReverseField> = new Set(Object.keys(PARAMETER) as ReverseField[]);

  constructor(
    private readonly apiKey: string,
    private readonly ctx: ApiContext,
    private readonly url = WHOXY_DEFAULT_URL,
  ) {}

  async search(field: ReverseField, value: string, limit: number): Promise<ReverseResult> {
    const parameter = PARAMETER[field];
    if (!parameter) return { matches: [], total: 0, notes: [] };
    const matches: ReverseResult["matches"] = [];
    let total = 0;
    for (let page = 1; page <= Math.ceil(limit / PAGE_SIZE); page += 1) {
      const url = new URL(this.url);
      url.search = new URLSearchParams({ key: this.apiKey, reverse: "whois", [parameter]: value, page: String(page) }).toString();
      const body = asRecord(await callApi(this.name, { url: url.href, cacheKey: JSON.stringify({ parameter, value: value.toLowerCase(), page }), paid: true }, this.ctx));
      if (body?.status !== 1) {
        const reason = typeof body?.status_reason === "string" ? body.status_reason.slice(0, 200) : "no reason given";
        return { matches, total, notes: [`whoxy: ${reason}`] };
      }
      total = typeof body.total_results === "number" ? body.total_results : 0;
      if (total > limit) return { matches: [], total, notes: [`whoxy: ${total} domains share this ${field}; over the fan-out limit`] };
      const results = Array.isArray(body.search_result) ? body.search_result.slice(0, PAGE_SIZE) : [];
      for (const item of results) {
        const entry = asRecord(item);
        const domain = typeof entry?.domain_name === "string" ? entry.domain_name.toLowerCase() : undefined;
        if (!domain || !/^[a-z0-9.-]{1,253}$/.test(domain)) continue;
        const company = asRecord(entry?.registrant_contact)?.company_name;
        matches.push(typeof company === "string" ? { domain, source: this.name, registrantOrganization: company } : { domain, source: this.name });
      }
      const pages = typeof body.total_pages === "number" ? body.total_pages : 1;
      if (page >= pages) break;
    }
    return { matches, total: Math.max(total, matches.length), notes: [] };
  }
}
