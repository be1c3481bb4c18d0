/**
 * Attacker-controlled values (server answers, log lines, uploads) become page text here: one string,
 * control and bidi characters stripped (the terminal's own table, util/sanitize), capped in length.
 * The page only ever puts the result in textContent. Links: only http(s) after URL parsing.
 * Pure (no DOM) so the node tests run it directly.
 */
import { stripControl } from "../../util/sanitize.js";

/** Longest string shown in a cell (raw answers have their own, larger cap). */
export const TEXT_LIMITS = { field: 2048, raw: 1024 * 1024 } as const;

export function displayText(value: unknown, max: number = TEXT_LIMITS.field): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") text = String(value);
  else if (value === null || value === undefined) text = "";
  else text = JSON.stringify(value) ?? "";
  const clean = stripControl(text);
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}

/** The URL as an href when it parses as absolute http: or https: (no credentials), else undefined. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > TEXT_LIMITS.field) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  return url.href;
}
