/**
 * Character tests that stand in for small regular expressions on hot paths, each exactly equal
 * to the pattern in its comment (property-tested). A loop of lookups runs with cold instruction
 * caches, where every distinct pattern touched costs more than its matching.
 */

/** ECMAScript WhiteSpace and LineTerminator: exactly what trim() removes and /\s/ matches. */
export function isTrimmedAway(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** text.search(/\s/) */
export function firstWhitespace(text: string): number {
  for (let index = 0; index < text.length; index += 1) if (isTrimmedAway(text.charCodeAt(index))) return index;
  return -1;
}

/** /^\d+$/ */
export function isAllDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) if (!isDigit(text.charCodeAt(index))) return false;
  return true;
}

/** /[\s\u0000-\u001f\u007f]/.test(text): whitespace or a control character anywhere. */
export function hasSpaceOrControl(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x1f || code === 0x7f || isTrimmedAway(code)) return true;
  }
  return false;
}

/** /^[\d.]+$/ */
export function isDigitsAndDots(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x2e && !isDigit(code)) return false;
  }
  return true;
}

/** /^[a-z0-9.-]+$/ */
export function isLowerLdhOrDots(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!((code >= 0x61 && code <= 0x7a) || isDigit(code) || code === 0x2e || code === 0x2d)) return false;
  }
  return true;
}

/**
 * /^(?:L\.)*L$/ with L = /[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?/: dot-separated labels of 1–63
 * lower-case letters, digits, underscores and inner hyphens.
 */
export function isLdhName(text: string): boolean {
  let labelStart = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index === text.length ? 0x2e : text.charCodeAt(index);
    if (code === 0x2e) {
      const length = index - labelStart;
      if (length < 1 || length > 63 || text.charCodeAt(index - 1) === 0x2d) return false;
      labelStart = index + 1;
    } else if (code === 0x2d) {
      if (index === labelStart) return false;
    } else if (!((code >= 0x61 && code <= 0x7a) || isDigit(code) || code === 0x5f)) {
      return false;
    }
  }
  return true;
}

/** The name without one trailing dot ("example.com." is example.com). */
export function withoutTrailingDot(name: string): string {
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/** A server's host as names compare: trimmed, lower case, an IPv6 literal without its brackets, no trailing root dot ("Whois.Example." is whois.example). */
export function normalizeHost(host: string): string {
  return withoutTrailingDot(host.trim().toLowerCase().replace(/^\[|\]$/g, ""));
}

/** A C0 or C1 control character or DEL (tab and newline included): user-typed values that must hold none (a seed, a watch term). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
