/** Row buffer reused across calls (the distance runs once per permutation). */
let table = new Int32Array(0);

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
  const s = codePoints(a, head, a.length - tail);
  const t = codePoints(b, head, b.length - tail);
  const n = s.length;
  const m = t.length;
  // Most look-alikes differ in one place: one character against none or one other is one edit.
  if (n <= 1 && m <= 1) return Math.max(n, m);
  if (n === 0) return m;
  if (m === 0) return n;
  const max = n + m;
  const width = m + 2;
  const size = (n + 2) * width;
  if (table.length < size) table = new Int32Array(size * 2);
  const d = table;
  d[0] = max;
  for (let i = 0; i <= n; i++) {
    d[(i + 1) * width] = max;
    d[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= m; j++) {
    d[j + 1] = max;
    d[width + j + 1] = j;
  }
  for (let i = 1; i <= n; i++) {
    let lastMatchColumn = 0;
    const si = s[i - 1] ?? 0;
    for (let j = 1; j <= m; j++) {
      const tj = t[j - 1] ?? 0;
      // Last row above i whose character is t[j-1] (a scan: the cores are short).
      let k = i - 1;
      while (k > 0 && s[k - 1] !== tj) k--;
      const l = lastMatchColumn;
      const cost = si === tj ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      d[(i + 1) * width + j + 1] = Math.min(
        (d[i * width + j] ?? 0) + cost,
        (d[(i + 1) * width + j] ?? 0) + 1,
        (d[i * width + j + 1] ?? 0) + 1,
        (d[k * width + l] ?? 0) + (i - k - 1) + 1 + (j - l - 1),
      );
    }
  }
  return d[(n + 1) * width + m + 1] ?? 0;
}

/** Code points of text[from, to), reusing one of two buffers (the distance holds two at a time). */
const buffers: [number[], number[]] = [[], []];
let flip = 0;
function codePoints(text: string, from: number, to: number): number[] {
  flip ^= 1;
  const out = buffers[flip] as number[];
  out.length = 0;
  for (let i = from; i < to; i++) {
    const code = text.codePointAt(i) ?? 0;
    out.push(code);
    if (code > 0xffff) i++;
  }
  return out;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
