/** RFC 9082 §3.2 searches over sorted name lists, bounded so a search never walks the whole dataset. */

/** Names a search examines at most (those sharing the pattern's literal head, in order). */
export const SEARCH_SCAN = 10_000;

/** RFC 9082 §4.1 partial match: a trailing "*" matches any suffix of the label; at most one "*". */
function partialMatcher(pattern: string): ((name: string) => boolean) | undefined {
  const star = pattern.indexOf("*");
  if (star === -1) return (name) => name === pattern;
  if (star !== pattern.lastIndexOf("*")) return undefined;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return (name) => name.length >= head.length + tail.length && name.startsWith(head) && name.endsWith(tail);
}

/**
 * The names in `sorted` matching an RFC 9082 partial-match pattern: only those sharing its literal head
 * are walked (binary search to the first), at most SEARCH_SCAN of them. Undefined: the pattern is refused
 * (it must start with 2 literal characters — a bare "*" would dump the dataset — and hold at most one *).
 */
export function searchSorted(sorted: readonly string[], pattern: string, limit: number): string[] | undefined {
  const lowered = pattern.toLowerCase().replace(/\.$/, "");
  if (!/^[a-z0-9-]{2}/.test(lowered)) return undefined;
  const match = partialMatcher(lowered);
  if (!match) return undefined;
  const star = lowered.indexOf("*");
  const head = star === -1 ? lowered : lowered.slice(0, star);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? "") < head) low = mid + 1;
    else high = mid;
  }
  const out: string[] = [];
  const end = Math.min(sorted.length, low + SEARCH_SCAN);
  for (let i = low; i < end && out.length < limit; i += 1) {
    const name = sorted[i] ?? "";
    if (!name.startsWith(head)) break;
    if (match(name)) out.push(name);
  }
  return out;
}
