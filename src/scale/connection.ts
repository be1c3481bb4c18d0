import { Redis } from "ioredis";
import { ConfigError, InvalidOptionError } from "../errors.js";

/** Where a --queue URL may point: plain or TLS Redis. */
const SCHEMES = new Set(["redis:", "rediss:"]);

/** Queue URLs are printed: never print a password. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^/@]*:)[^@/]*@/, "$1***@");
}

/**
 * A connection to the queue's Redis, checked before use: a bad URL is WL_ERR_INVALID_OPTION naming the
 * flag, an unreachable server WL_ERR_CONFIG within `timeoutMs` (ioredis would otherwise retry forever).
 * `maxRetriesPerRequest: null` is what BullMQ requires of the connections its workers block on.
 */
export async function connectRedis(url: string, flag = "--queue", timeoutMs = 5000): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidOptionError(`${flag} needs a redis:// URL, got "${redactUrl(url)}"`);
  }
  if (!SCHEMES.has(parsed.protocol)) throw new InvalidOptionError(`${flag} needs a redis:// or rediss:// URL, got "${redactUrl(url)}"`);
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs, enableOfflineQueue: true });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError(`cannot reach the queue at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return redis;
}
