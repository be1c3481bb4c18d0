/** The attributes a reverse-WHOIS source can search by. */
export type ReverseField = "email" | "organization" | "person" | "phone" | "nameserver";

export interface ReverseMatch {
  domain: string;
  /** Which source found it ("store", "whoisxml", "whoxy"). */
  source: string;
  /** The registrant organisation the source reports, when it does (used to tell shared attributes). */
  registrantOrganization?: string;
}

export interface ReverseResult {
  matches: ReverseMatch[];
  /** How many domains the source says share the attribute (may exceed matches when capped). */
  total: number;
  notes: string[];
}

/** One reverse-WHOIS provider. The local store is one; commercial APIs are others. */
export interface ReverseWhoisSource {
  readonly name: string;
  /** Paid sources are asked only through the cache, and only when the free ones found nothing new. */
  readonly paid: boolean;
  readonly fields: ReadonlySet<ReverseField>;
  /** Up to `limit` domains; `total` tells whether there were more. */
  search(field: ReverseField, value: string, limit: number): Promise<ReverseResult>;
}
