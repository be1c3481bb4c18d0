import { type ErrorCode, isWhoislensError, WhoislensError } from "../../errors.js";
import { sanitizeField } from "../../util/sanitize.js";
import { ownValue } from "../../util/own.js";

/** A console API failure: a stable code and the HTTP status it answers with. */
export class ApiError extends WhoislensError {
  constructor(readonly status: number, code: ErrorCode, message: string) {
    super(code, message);
    this.name = "ApiError";
  }
}

/** HTTP status of each library error code met by a route (others: 500). */
const STATUS: Readonly<Partial<Record<ErrorCode, number>>> = {
  WL_ERR_INVALID_QUERY: 400,
  WL_ERR_INVALID_OPTION: 400,
  WL_ERR_INPUT: 400,
  WL_ERR_INPUT_TOO_LARGE: 413,
  WL_ERR_CONFIG: 400,
  WL_ERR_NO_SERVER: 502,
  WL_ERR_TIMEOUT: 504,
  WL_ERR_CONNECT: 502,
  WL_ERR_TOO_LARGE: 502,
  WL_ERR_PRIVATE_ADDRESS: 502,
  WL_ERR_REFERRAL_LOOP: 502,
  WL_ERR_TOO_MANY_HOPS: 502,
  WL_ERR_PROTOCOL: 502,
  WL_ERR_HTTP: 502,
  WL_ERR_THROTTLED: 503,
  WL_ERR_PARSE: 502,
  WL_ERR_PROXY: 502,
  WL_ERR_ABORTED: 503,
  WL_ERR_BUDGET: 503,
  WL_ERR_API_AUTH: 401,
  WL_ERR_API_RATE_LIMIT: 429,
  WL_ERR_API_NOT_FOUND: 404,
  WL_ERR_API_REQUEST: 400,
  WL_ERR_API_BUSY: 503,
  WL_ERR_API_INTERNAL: 500,
};

/** fastify's own errors (body parser, limits, routing) → our codes. */
const FASTIFY: Readonly<Record<string, { status: number; code: ErrorCode; message?: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "WL_ERR_API_REQUEST" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "WL_ERR_API_REQUEST" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "WL_ERR_API_REQUEST" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "WL_ERR_API_REQUEST", message: "the request body is empty; send a JSON object" },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "WL_ERR_API_REQUEST" },
  FST_ERR_BAD_URL: { status: 400, code: "WL_ERR_API_REQUEST" },
};

export interface ErrorBody { error: { code: string; message: string } }

/** Any thrown value → status and the contract's `{ error: { code, message } }`, message sanitized. */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.status, body: { error: { code: error.code, message: sanitizeField(error.message) } } };
  if (isWhoislensError(error)) return { status: ownValue(STATUS, error.code) ?? 500, body: { error: { code: error.code, message: sanitizeField(error.message) } } };
  const fastifyCode = (error as { code?: unknown }).code;
  const known = typeof fastifyCode === "string" ? ownValue(FASTIFY, fastifyCode) : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: sanitizeField(known.message ?? (error as Error).message) } } };
  if ((error as SyntaxError) instanceof SyntaxError) return { status: 400, body: { error: { code: "WL_ERR_API_REQUEST", message: `the body is not valid JSON: ${sanitizeField((error as Error).message)}` } } };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return { status, body: { error: { code: "WL_ERR_API_REQUEST", message: sanitizeField((error as Error).message) } } };
  return { status: 500, body: { error: { code: "WL_ERR_API_INTERNAL", message: "internal error (logged on the console's standard error)" } } };
}
