import type { WhoisRecord } from "../record/types.js";
import { parseRdap } from "./rdap/index.js";
import { parseWhoisText } from "./whois/index.js";

export { parseRdap, type RdapParseOptions } from "./rdap/index.js";
export { parseWhoisText, type WhoisParseOptions } from "./whois/index.js";
export { parseDate } from "./dates.js";
export { decodeBytes } from "./decode.js";

export interface ParseAnswerOptions {
  server?: string;
  url?: string;
  query?: string;
  /** auto: JSON → RDAP, anything else → WHOIS text. */
  format?: "auto" | "whois" | "rdap";
}

/** Parses a saved answer of either protocol. Never throws. */
export function parseAnswer(input: string | object, options: ParseAnswerOptions = {}): WhoisRecord {
  const { format = "auto", ...rest } = options;
  const common = {
    ...(rest.server !== undefined ? { server: rest.server } : {}),
    ...(rest.query !== undefined ? { query: rest.query } : {}),
  };
  if (typeof input !== "string") return parseRdap(input, { ...common, ...(rest.url !== undefined ? { url: rest.url } : {}) });
  if (format === "rdap" || (format === "auto" && /^\s*\{/.test(input))) {
    try {
      return parseRdap(JSON.parse(input) as unknown, { ...common, ...(rest.url !== undefined ? { url: rest.url } : {}) });
    } catch {
      if (format === "rdap") return { query: rest.query ?? "", kind: "domain", status: "unknown", source: { protocol: "rdap", server: rest.server ?? "unknown" } };
    }
  }
  return parseWhoisText(input, common);
}
