/**
 * Every in-answer referral of an RWhois answer (RFC 2167 §3.3.11, `%referral rwhois://host:port/auth-area=…`; a
 * `whois://` URL is allowed there too), in answer order, each once: an answer may name one server per delegated
 * sub-block, or the same block at several servers. The lookup ranks them against its question and tries the next
 * when one fails (lookup/rwhois-referrals.ts). No imports: the lookup reads these lines without loading the parser.
 */

/** At most this many `%referral` lines are read from one answer (attacker-controlled: the rest are ignored). */
export const RWHOIS_REFERRALS_READ = 32;

export function rwhoisReferrals(text: string): string[] {
  const found: string[] = [];
  if (!text.includes("%referral")) return found;
  // Line by line with an anchored, bounded pattern: no backtracking over the answer.
  for (const line of text.split("\n")) {
    if (!line.startsWith("%referral")) continue;
    const referral = /^%referral[ \t]+((?:r?whois):\/\/[^\s]{1,300})/i.exec(line)?.[1];
    if (referral !== undefined && !found.includes(referral)) found.push(referral);
    if (found.length >= RWHOIS_REFERRALS_READ) break;
  }
  return found;
}
