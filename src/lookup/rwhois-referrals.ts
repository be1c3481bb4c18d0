import { ipaddr } from "../util/cjs-deps.js";
import type { ClassifiedQuery } from "./classify.js";
import { parseReferralTarget } from "./routes.js";

/**
 * An RWhois answer may name several servers (RFC 2167 §3.3.11: one `%referral` per delegated sub-block, or the same
 * block at several servers). They are tried in this order, the next when one fails (refused, unreachable, no record):
 * first those whose auth-area holds the question, most specific first: the queried address or block inside an
 * auth-area block, the queried domain at or under an auth-area name (RFC 2167: an auth-area is a hierarchical
 * space, an IP network or a domain, `a.com` holding `x.a.com`); then those whose auth-area says nothing about it (none, or a name for an
 * address question), in answer order. A referral whose auth-area is a block of the same family, or a name for a
 * domain question, that does not hold the question is about another customer: never asked.
 */

/** Most referrals of one answer that are tried (each also counts against --max-referrals). */
export const RWHOIS_REFERRALS_TRIED = 4;

interface Ranked {
  referral: string;
  /** The auth-area's prefix length when it holds the question; -1 when it says nothing about it. */
  specificity: number;
  order: number;
}

/** The referrals worth asking about `query`, best first, at most RWHOIS_REFERRALS_TRIED. */
export function rankRwhoisReferrals(referrals: readonly string[], query: ClassifiedQuery): string[] {
  const asked = questionRange(query);
  const askedName = query.kind === "domain" ? query.value.toLowerCase() : undefined;
  const ranked: Ranked[] = [];
  referrals.forEach((referral, order) => {
    const area = parseReferralTarget(referral)?.authArea;
    if (askedName !== undefined && area !== undefined && isDomainArea(area)) {
      const name = area.endsWith(".") ? area.slice(0, -1) : area;
      if (askedName === name || askedName.endsWith(`.${name}`)) ranked.push({ referral, specificity: name.split(".").length, order });
      return;
    }
    const block = area === undefined ? undefined : parseBlock(area);
    if (asked === undefined || block === undefined || block.family !== asked.family) {
      ranked.push({ referral, specificity: -1, order });
      return;
    }
    if (block.low <= asked.low && asked.high <= block.high) ranked.push({ referral, specificity: block.length, order });
  });
  ranked.sort((a, b) => b.specificity - a.specificity || a.order - b.order);
  return ranked.slice(0, RWHOIS_REFERRALS_TRIED).map((entry) => entry.referral);
}

/** An auth-area that names a domain ("a.com"), not a block: letters, digits, hyphens and dots, not all digits and dots. */
function isDomainArea(area: string): boolean {
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?$/.test(area) && /[a-z-]/.test(area);
}

interface Block {
  family: 4 | 6;
  low: bigint;
  high: bigint;
  length: number;
}

function questionRange(query: ClassifiedQuery): Block | undefined {
  if (query.kind === "ipv4" || query.kind === "ipv6") return parseBlock(query.value);
  if (query.kind === "cidr") return parseBlock(query.value);
  return undefined;
}

/** "192.0.2.0/24", "2001:db8::/32" or a bare address (its own /32 or /128). */
function parseBlock(text: string): Block | undefined {
  const [address = "", lengthText] = text.split("/");
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  const family = parsed.kind() === "ipv4" ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  if (lengthText !== undefined && !/^\d{1,3}$/.test(lengthText)) return undefined;
  const length = lengthText === undefined ? bits : Number(lengthText);
  if (length > bits) return undefined;
  let value = 0n;
  for (const byte of parsed.toByteArray()) value = (value << 8n) | BigInt(byte);
  const hostBits = BigInt(bits - length);
  const low = (value >> hostBits) << hostBits;
  return { family, low, high: low + (1n << hostBits) - 1n, length };
}
