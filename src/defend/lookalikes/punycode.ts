/**
 * Punycode (RFC 3492) encoding of one label, for names made of characters already known to be valid
 * IDNA that map to themselves (the fuzzers' glyph tables are filtered through node:url's domainToASCII
 * when they load). Hand-written because node:url's domainToASCII re-runs the whole UTS #46 pipeline
 * on each of ~10⁵ names per domain (a quarter of the generation time), and Node's own punycode module
 * is deprecated (DEP0040). test/defend/lookalikes checks every permutation against domainToASCII.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;

function digit(d: number): string {
  // 0..25 → a..z, 26..35 → 0..9
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

function adapt(delta: number, points: number, first: boolean): number {
  let k = 0;
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

/** The Punycode of a label's code points (without the "xn--" prefix). */
export function punycodeLabel(label: string): string {
  const input: number[] = [];
  for (const char of label) input.push(char.codePointAt(0) ?? 0);
  let output = "";
  for (const code of input) if (code < 0x80) output += String.fromCharCode(code);
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < input.length) {
    let m = Number.MAX_SAFE_INTEGER;
    for (const code of input) if (code >= n && code < m) m = code;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const code of input) {
      if (code < n) delta++;
      if (code === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

const ASCII_LABEL = /^[\x00-\x7f]*$/;
/** RFC 1035 §2.3.1 host-name label: letters, digits, inner hyphens, at most 63. */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The ASCII form of a name whose characters are all known-valid and self-mapping (each non-ASCII label
 * as xn--Punycode), or undefined if a label breaks the host-name rules: LDH, at most 63 characters,
 * no "??--" (RFC 5891 §4.2.3.1; "xn--" only when `aceChecked`: the caller decoded it already), a last
 * label of two or more; the name at most 253.
 */
export function encodeCheckedName(unicode: string, aceChecked = false): string | undefined {
  let out = "";
  let start = 0;
  let labels = 0;
  let last = "";
  for (let i = 0; i <= unicode.length; i++) {
    if (i < unicode.length && unicode.charCodeAt(i) !== 0x2e) continue;
    const label = unicode.slice(start, i);
    let ascii: string;
    if (ASCII_LABEL.test(label)) {
      if (!LDH_LABEL.test(label) || (label.charCodeAt(2) === 0x2d && label.charCodeAt(3) === 0x2d && !(aceChecked && label.startsWith("xn--")))) return undefined;
      ascii = label;
    } else {
      if (label === "") return undefined;
      ascii = `xn--${punycodeLabel(label)}`;
      if (ascii.length > 63) return undefined;
    }
    out += labels === 0 ? ascii : `.${ascii}`;
    labels++;
    last = ascii;
    start = i + 1;
  }
  return labels < 2 || last.length < 2 || out.length > 253 ? undefined : out;
}
