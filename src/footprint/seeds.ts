import { InvalidQueryError } from "../errors.js";
import { classifyQuery } from "../lookup/index.js";
import type { NodeType } from "./types.js";
import { hasControlCharacter } from "../util/chars.js";
import { ownValue } from "../util/own.js";

export interface Seed {
  type: NodeType;
  value: string;
}

/** Prefixes that force a seed's kind, for values that look like something else (`ns:ns1.example.com`). */
const PREFIXES: Record<string, NodeType> = {
  domain: "domain", email: "email", org: "organization", organization: "organization", person: "person", name: "person",
  phone: "phone", ip: "ip", cidr: "network", net: "network", network: "network", asn: "asn", as: "asn", ns: "nameserver",
  nameserver: "nameserver", handle: "handle", mx: "mailserver",
};

/**
 * What a seed is: `type:value` when prefixed; otherwise an email (has @), a phone
 * (+digits), whatever the lookup classifier says (domain, IP, CIDR, ASN, handle),
 * or, for free text with spaces, an organisation.
 */
export function parseSeed(text: string): Seed {
  const value = text.trim();
  // Said outright: stripped of them for the message, "e\x1b[2Jx.com" read as a plain name nobody could tell apart.
  if (hasControlCharacter(value)) throw new InvalidQueryError(`seed contains control characters: ${JSON.stringify(value)}`);
  const prefix = /^([a-z]+):(?!\/\/)(.+)$/i.exec(value);
  const forced = prefix ? ownValue(PREFIXES, (prefix[1] ?? "").toLowerCase()) : undefined;
  if (forced && prefix?.[2]) return { type: forced, value: prefix[2].trim() };
  if (value === "") throw new InvalidQueryError("empty seed");
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return { type: "email", value };
  const classified = classify(value);
  if (classified && classified.type !== "domain" && classified.type !== "handle") return classified;
  if (/^\+?[\d\s().-]{7,}$/.test(value) && /\d{5,}/.test(value.replace(/\D/g, ""))) return { type: "phone", value };
  if (/\s/.test(value)) return { type: "organization", value };
  if (classified) return classified;
  throw new InvalidQueryError(`cannot tell what seed "${value}" is; prefix it with one of ${Object.keys(PREFIXES).join(", ")} (e.g. org:"Acme Widgets")`);
}

const BY_QUERY_KIND: Record<string, NodeType> = { domain: "domain", ipv4: "ip", ipv6: "ip", cidr: "network", asn: "asn", handle: "handle" };

function classify(value: string): Seed | undefined {
  try {
    const query = classifyQuery(value);
    const type = BY_QUERY_KIND[query.kind];
    return type ? { type, value: query.value } : undefined;
  } catch {
    return undefined;
  }
}
