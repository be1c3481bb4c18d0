/**
 * The normalized record: the contract described in shared/schema/record.md.
 * Every WHOIS text and RDAP JSON answer becomes one of these. A field the answer
 * does not state is absent (never an empty string or a guess).
 */

export type RecordKind = "domain" | "ip" | "asn" | "entity" | "nameserver";

export type RecordStatus =
  | "registered"
  | "available"
  | "reserved"
  | "throttled"
  | "invalid"
  | "unknown";

export type Protocol = "whois" | "rdap";

export interface RecordSource {
  protocol: Protocol;
  /** Host that answered (RDAP: host of the URL). */
  server: string;
  /** RDAP only. */
  url?: string;
  /** ISO 8601 UTC; absent when parsing a file. */
  fetchedAt?: string;
}

export interface DomainInfo {
  /** A-label, lowercase, no trailing dot. */
  name: string;
  /** Only when it differs from name. */
  unicodeName?: string;
  /** Registry object id (ROID / RDAP handle). */
  handle?: string;
}

export interface RegistrarInfo {
  name?: string;
  /** IANA Registrar ID, digits only. */
  ianaId?: string;
  handle?: string;
  url?: string;
  whoisServer?: string;
  rdapUrl?: string;
  abuseEmail?: string;
  abusePhone?: string;
}

export interface RecordDates {
  created?: string;
  updated?: string;
  expires?: string;
}

export interface Nameserver {
  /** Lowercase, no trailing dot. */
  name: string;
  ipv4?: string[];
  ipv6?: string[];
}

export type ContactRole =
  | "registrant"
  | "administrative"
  | "technical"
  | "billing"
  | "abuse"
  | "registrar"
  | "reseller"
  | "noc"
  | "other";

export const CONTACT_ROLES: readonly ContactRole[] = [
  "registrant",
  "administrative",
  "technical",
  "billing",
  "abuse",
  "registrar",
  "reseller",
  "noc",
  "other",
];

/** Contact fields that can be reported as withheld. */
export type ContactField =
  | "handle"
  | "name"
  | "organization"
  | "email"
  | "phone"
  | "fax"
  | "street"
  | "city"
  | "state"
  | "postalCode"
  | "country"
  | "countryCode";

export interface Contact {
  roles: ContactRole[];
  handle?: string;
  name?: string;
  organization?: string;
  email?: string;
  phone?: string;
  fax?: string;
  street?: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  /** ISO 3166-1 alpha-2 when known. */
  countryCode?: string;
  created?: string;
  updated?: string;
  /** Fields the server withheld ("REDACTED FOR PRIVACY", RFC 9537, ...). */
  redacted?: ContactField[];
  /** The contact is a privacy or proxy service. */
  privacyProxy?: boolean;
}

export interface NetworkInfo {
  handle?: string;
  name?: string;
  type?: string;
  startAddress?: string;
  endAddress?: string;
  cidrs?: string[];
  country?: string;
  parentHandle?: string;
  organization?: string;
}

export interface AsnInfo {
  handle?: string;
  name?: string;
  start?: number;
  end?: number;
  country?: string;
}

export interface ReferralInfo {
  server?: string;
  url?: string;
}

/**
 * Something the answer did not say but the reader must know, such as WL_WARN_TRUNCATED (the answer was
 * cut off). Codes are listed in src/errors.ts (WARNING_CODES) and docs/errors.md.
 */
export interface RecordWarning {
  code: string;
  message: string;
  /** The server whose answer it concerns. */
  server?: string;
}

export interface ChainHop {
  protocol: Protocol;
  server: string;
  url?: string;
  /** The query string sent on this hop (WHOIS) or the path (RDAP). */
  query?: string;
  status: RecordStatus | "error";
  error?: { code: string; message: string };
  durationMs?: number;
  /** Sanitized raw answer, only with --raw. */
  raw?: string;
  /** This hop's answer is usable but flawed (e.g. WL_WARN_TRUNCATED). */
  warnings?: RecordWarning[];
}

/** A value on which registry and registrar disagree: both kept with their source. */
export interface Disagreement {
  field: string;
  values: { source: string; value: unknown }[];
}

export interface WhoisRecord {
  query: string;
  kind: RecordKind;
  status: RecordStatus;
  source: RecordSource;
  domain?: DomainInfo;
  registrar?: RegistrarInfo;
  dates?: RecordDates;
  statuses?: string[];
  nameservers?: Nameserver[];
  dnssec?: "signed" | "unsigned";
  contacts?: Contact[];
  network?: NetworkInfo;
  asn?: AsnInfo;
  referral?: ReferralInfo;
  /** Entities only: the networks and AS numbers the registry lists for the organisation (RFC 9083 §5.1). */
  resources?: { networks?: NetworkInfo[]; autnums?: AsnInfo[] };
  chain?: ChainHop[];
  remarks?: string[];
  /** Registry vs registrar disagreements (lookups only). */
  disagreements?: Disagreement[];
  /** Notes the parser or the lookup made (e.g. "looked up at registrable domain"). */
  notes?: string[];
  /** Warnings about answers the record was built from (e.g. WL_WARN_TRUNCATED: a partial answer). */
  warnings?: RecordWarning[];
  raw?: string;
}
