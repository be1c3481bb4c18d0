/**
 * Typed errors with stable codes. Callers match on `code`, never on the message.
 * Every code is documented in docs/errors.md; test/errors.test.ts fails when the
 * table, the docs and the classes disagree.
 */

export const ERROR_CODES = {
  WL_ERR_INVALID_QUERY: "The query is not a domain, IP address, CIDR, AS number or handle.",
  WL_ERR_INVALID_OPTION: "An option has a value that cannot be used.",
  WL_ERR_NO_SERVER: "No RDAP or WHOIS server is known for the query.",
  WL_ERR_TIMEOUT: "A hop or the whole lookup ran past its time limit.",
  WL_ERR_CONNECT: "The server could not be reached (refused, reset, DNS failure).",
  WL_ERR_TOO_LARGE: "The answer exceeded the size cap (RDAP; a port-43 answer is kept, cut at the cap, with WL_WARN_TRUNCATED).",
  WL_ERR_PRIVATE_ADDRESS: "A referral, link or redirect pointed at a private, loopback or link-local address, or at a name that resolved to one.",
  WL_ERR_REFERRAL_LOOP: "Referrals looped back to a server already asked.",
  WL_ERR_TOO_MANY_HOPS: "More referral hops than the limit allows.",
  WL_ERR_PROTOCOL: "The server answered with something that is not valid for its protocol (including an RDAP link or redirect carrying a user name or password).",
  WL_ERR_HTTP: "The RDAP server answered with an HTTP error status.",
  WL_ERR_THROTTLED: "The server refused for rate limits.",
  WL_ERR_PARSE: "The answer could not be parsed.",
  WL_ERR_PROXY: "The proxy could not be used.",
  WL_ERR_CONFIG: "A configuration file or server map is invalid.",
  WL_ERR_ABORTED: "The operation was cancelled.",
  WL_ERR_INPUT: "An input log or capture is truncated or corrupt; the events before the damage were still used.",
  WL_ERR_BUDGET: "The query budget (footprint --budget) is spent; the query was not sent.",
  WL_ERR_INPUT_TOO_LARGE: "A local input (a parsed answer, a batch or query line, a list, rule or config file) is larger than its cap.",
  WL_ERR_API_AUTH: "The console API request carried no token, or one that is not (or no longer) valid.",
  WL_ERR_API_RATE_LIMIT: "The console API token sent more requests than its rate limit allows; retry after the Retry-After delay.",
  WL_ERR_API_NOT_FOUND: "The console API has no such route, job or export format.",
  WL_ERR_API_REQUEST: "The console API request is malformed: bad JSON, nested too deep, over the size cap, the wrong content type or fields that fail validation.",
  WL_ERR_API_BUSY: "The console API is at its cap of live event streams or running jobs; retry later.",
  WL_ERR_API_INTERNAL: "The console API failed unexpectedly; the details are on the console's standard error.",
  WL_ERR_STORE: "The store (SQLite file or PostgreSQL database) could not be read or written; the message names it and what was being done.",
  WL_ERR_WATCH_BUSY: "Another watch pass holds the store's watch lock (a cron overlap): this pass was skipped; the one running does the work.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Warnings: the record is still returned, but part of it may be missing. Kept in `record.warnings` and
 * the hop's `warnings`; documented in docs/errors.md beside the error codes.
 */
export const WARNING_CODES = {
  WL_WARN_TRUNCATED:
    "A port-43 answer was cut off (connection reset after part of it, or the size cap reached); the record holds what arrived and may be incomplete.",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export interface WhoislensErrorOptions {
  cause?: unknown;
  /** Server or URL involved, when there is one. */
  server?: string;
}

export class WhoislensError extends Error {
  readonly code: ErrorCode;
  readonly server?: string;

  constructor(code: ErrorCode, message: string, options: WhoislensErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WhoislensError";
    this.code = code;
    if (options.server !== undefined) this.server = options.server;
  }

  toJSON(): { code: ErrorCode; message: string; server?: string } {
    return this.server === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, server: this.server };
  }
}

export class InvalidQueryError extends WhoislensError {
  constructor(message: string, options?: WhoislensErrorOptions) {
    super("WL_ERR_INVALID_QUERY", message, options);
    this.name = "InvalidQueryError";
  }
}

export class InvalidOptionError extends WhoislensError {
  constructor(message: string, options?: WhoislensErrorOptions) {
    super("WL_ERR_INVALID_OPTION", message, options);
    this.name = "InvalidOptionError";
  }
}

export class NetworkError extends WhoislensError {
  constructor(
    code: Extract<ErrorCode, "WL_ERR_TIMEOUT" | "WL_ERR_CONNECT" | "WL_ERR_TOO_LARGE" | "WL_ERR_PROTOCOL" | "WL_ERR_HTTP" | "WL_ERR_PROXY" | "WL_ERR_ABORTED">,
    message: string,
    options?: WhoislensErrorOptions,
  ) {
    super(code, message, options);
    this.name = "NetworkError";
  }
}

export class ReferralError extends WhoislensError {
  constructor(
    code: Extract<ErrorCode, "WL_ERR_PRIVATE_ADDRESS" | "WL_ERR_REFERRAL_LOOP" | "WL_ERR_TOO_MANY_HOPS">,
    message: string,
    options?: WhoislensErrorOptions,
  ) {
    super(code, message, options);
    this.name = "ReferralError";
  }
}

/** A file or standard input over its cap; the message names the input, the cap and the flag that raises it. */
export class InputTooLargeError extends WhoislensError {
  constructor(message: string, options?: WhoislensErrorOptions) {
    super("WL_ERR_INPUT_TOO_LARGE", message, options);
    this.name = "InputTooLargeError";
  }
}

export class ConfigError extends WhoislensError {
  constructor(message: string, options?: WhoislensErrorOptions) {
    super("WL_ERR_CONFIG", message, options);
    this.name = "ConfigError";
  }
}

export function isWhoislensError(value: unknown): value is WhoislensError {
  return value instanceof WhoislensError;
}

/** Wraps anything thrown into a WhoislensError, keeping the original as cause. */
export function toWhoislensError(value: unknown, fallback: ErrorCode = "WL_ERR_CONNECT"): WhoislensError {
  if (value instanceof WhoislensError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new WhoislensError(fallback, message, { cause: value });
}
