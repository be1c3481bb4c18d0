import { getDomain } from "tldts";
import { isPrivacyService, isRedactedValue } from "../parse/privacy.js";
import {
  FREE_EMAIL_DOMAINS, LEGAL_FORMS, MIN_ORGANIZATION_LENGTH, PARKING_LABELS, PARKING_NAMESERVERS, PLACEHOLDER_VALUES,
  SHARED_DNS_PREFIXES, SHARED_DNS_PROVIDERS, SHARED_MAIL_PROVIDERS,
} from "./stoplists.js";
import type { NodeType } from "./types.js";

const PLACEHOLDERS = new Set(PLACEHOLDER_VALUES);
const LEGAL = new Set(LEGAL_FORMS);
const FREE_EMAIL = new Set(FREE_EMAIL_DOMAINS);

/** The registrable domain of a host name (public suffix list), or the last two labels for private TLDs. */
export function registrableDomain(host: string): string {
  const clean = host.toLowerCase().replace(/\.$/, "");
  return getDomain(clean, { allowPrivateDomains: false }) ?? clean.split(".").slice(-2).join(".");
}

function inList(host: string, list: readonly string[], registrable = registrableDomain(host)): boolean {
  return list.some((entry) => registrable === entry || host.toLowerCase().endsWith(`.${entry}`));
}

export function isSharedDnsHost(host: string): boolean {
  const registrable = registrableDomain(host);
  return inList(host, SHARED_DNS_PROVIDERS, registrable) || SHARED_DNS_PREFIXES.some((prefix) => registrable.startsWith(prefix));
}

export function isParkingNameserver(host: string): boolean {
  const labels = host.toLowerCase().split(".");
  return inList(host, PARKING_NAMESERVERS) || labels.slice(0, -2).some((label) => PARKING_LABELS.includes(label));
}

export function isSharedMailHost(host: string): boolean {
  return inList(host, SHARED_MAIL_PROVIDERS);
}

export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  return at > 0 ? email.slice(at + 1).toLowerCase().replace(/\.$/, "") : undefined;
}

export function isFreeEmailDomain(domain: string): boolean {
  return FREE_EMAIL.has(domain.toLowerCase());
}

/**
 * Why a value must not become a node (or be pivoted on): a redaction marker,
 * a privacy service, a placeholder, or too short to mean anything. Undefined = usable.
 */
export function unusableReason(type: NodeType, value: string): string | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  if (text === "") return "empty";
  if (PLACEHOLDERS.has(lower)) return "placeholder value";
  if (isRedactedValue(text)) return "redacted";
  if (isPrivacyService(text)) return "privacy/proxy service";
  if (type === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return "not an email address";
  if (type === "email" && isPrivacyService(emailDomain(text)?.replace(/[.-]/g, " ") ?? "")) return "privacy/proxy service";
  if (type === "organization" && organizationTokens(text).join(" ").length < MIN_ORGANIZATION_LENGTH) return "too short to identify an organisation";
  if (type === "phone" && text.replace(/\D/g, "").length < 7) return "too short to identify a phone";
  if (type === "person" && !/\s/.test(text)) return "a single word is not a person's name";
  return undefined;
}

/** An organisation name as comparable words: lower case, accents folded, legal forms dropped. */
export function organizationTokens(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "" && !LEGAL.has(word));
}

/**
 * Who the seeds belong to: the organisation names and email domains read from
 * the seed records. A found record "matches" when it names the same organisation
 * (one name's words contain the other's: "Acme Widgets Inc." ~ "Acme Widgets
 * Europe B.V.") or uses a mailbox at one of the organisation's domains.
 */
export class Identity {
  private readonly organizations: string[][] = [];
  private readonly emailDomains = new Set<string>();

  addOrganization(name: string): void {
    if (unusableReason("organization", name)) return;
    const tokens = organizationTokens(name);
    if (!this.organizations.some((known) => known.join(" ") === tokens.join(" "))) this.organizations.push(tokens);
  }

  addEmail(email: string): void {
    const domain = emailDomain(email);
    if (domain && !isFreeEmailDomain(domain) && !unusableReason("email", email)) this.emailDomains.add(registrableDomain(domain));
  }

  addDomain(domain: string): void {
    this.emailDomains.add(registrableDomain(domain));
  }

  get hasOrganizations(): boolean {
    return this.organizations.length > 0;
  }

  get known(): boolean {
    return this.organizations.length > 0 || this.emailDomains.size > 0;
  }

  matchesOrganization(name: string): boolean {
    if (unusableReason("organization", name)) return false;
    const tokens = new Set(organizationTokens(name));
    return this.organizations.some((known) => {
      const [small, large] = known.length <= tokens.size ? [known, tokens] : [[...tokens], new Set(known)];
      // One name's words inside the other's; a single word only matches a single word ("Globex" ~ "Globex Corp").
      const enough = small.length >= 2 || (small.length === 1 && large.size === 1);
      return enough && small.join(" ").length >= MIN_ORGANIZATION_LENGTH && small.every((word) => large.has(word));
    });
  }

  matchesEmail(email: string): boolean {
    const domain = emailDomain(email);
    return domain !== undefined && this.emailDomains.has(registrableDomain(domain));
  }

  describe(): { organizations: string[]; emailDomains: string[] } {
    return { organizations: this.organizations.map((tokens) => tokens.join(" ")), emailDomains: [...this.emailDomains] };
  }
}
