/**
 * Damerau-Levenshtein distance (insertions, deletions, substitutions and transpositions of adjacent
 * characters, unrestricted: Lowrance & Wagner 1975) between two strings, counted in code points.
 */
export function damerauLevenshtein(a: string, b: string): number {
  // A shared prefix and suffix never change the distance: drop them first (look-alikes differ in a few
  // places), in UTF-16 units, never splitting a surrogate pair.
  let head = 0;
  while (head < a.length && head < b.length && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  if (head > 0 && isHighSurrogate(a.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(a.charCodeAt(a.length - tail))) tail--;
  const s = [...a.slice(head, a.length - tail)];
  const t = [...b.slice(head, b.length - tail)];
  const n = s.length;
  const m = t.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const max = n + m;
  const width = m + 2;
  const d = new Uint32Array((n + 2) * width);
  d[0] = max;
  for (let i = 0; i <= n; i++) {
    d[(i + 1) * width] = max;
    d[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= m; j++) {
    d[j + 1] = max;
    d[width + j + 1] = j;
  }
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    let lastMatchColumn = 0;
    for (let j = 1; j <= m; j++) {
      const k = lastRow.get(t[j - 1] ?? "") ?? 0;
      const l = lastMatchColumn;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      d[(i + 1) * width + j + 1] = Math.min(
        (d[i * width + j] ?? 0) + cost,
        (d[(i + 1) * width + j] ?? 0) + 1,
        (d[i * width + j + 1] ?? 0) + 1,
        (d[k * width + l] ?? 0) + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRow.set(s[i - 1] ?? "", i);
  }
  return d[(n + 1) * width + m + 1] ?? 0;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
