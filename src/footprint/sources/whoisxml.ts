import type { ReverseField, ReverseResult, ReverseWhoisSource } from "./types.js";
import { asRecord, callApi, domainList, type ApiContext } from "./api.js";

export const WHOISXML_DEFAULT_URL = "https://reverse-whois.whoisxmlapi.com/api/v2";

/**
 * WhoisXML API's Reverse WHOIS API v2 (POST JSON, `basicSearchTerms.include`).
 * A free `preview` first tells how many domains share the term; the paid
 * `purchase` runs only when that number is within the fan-out limit.
 */
export class WhoisXmlSource implements ReverseWhoisSource {
  readonly name = "whoisxml";
  readonly paid = true;
  readonly fields: ReadonlySet<ReverseField> = new Set<ReverseField>(["email", "organization", "person", "phone"]);

  constructor(
    private readonly apiKey: string,
    private readonly ctx: ApiContext,
    private readonly url = WHOISXML_DEFAULT_URL,
  ) {}

  async search(field: ReverseField, value: string, limit: number): Promise<ReverseResult> {
    const terms = { include: [value] };
    const request = (mode: "preview" | "purchase") => ({ apiKey: this.apiKey, searchType: "current", mode, punycode: true, basicSearchTerms: terms });
    const key = (mode: string): string => JSON.stringify({ mode, field, value: value.toLowerCase() });
    const preview = asRecord(await callApi(this.name, { url: this.url, method: "POST", body: request("preview"), cacheKey: key("preview"), paid: false }, this.ctx));
    const total = typeof preview?.domainsCount === "number" ? preview.domainsCount : 0;
    if (total === 0) return { matches: [], total: 0, notes: [] };
    if (total > limit) return { matches: [], total, notes: [`whoisxml: ${total} domains share this ${field}; over the fan-out limit, not purchased`] };
    const bought = asRecord(await callApi(this.name, { url: this.url, method: "POST", body: request("purchase"), cacheKey: key("purchase"), paid: true }, this.ctx));
    const domains = domainList(bought?.domainsList, limit);
    return { matches: domains.map((domain) => ({ domain, source: this.name })), total: Math.max(total, domains.length), notes: [] };
  }
}
