import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** One learned route as it is kept on disk: where to ask, who said so, until when. */
export interface StoredRoute {
  host: string;
  port?: number;
  /** The server whose answer taught it (whois.iana.org, whois.arin.net…). */
  from: string;
  expiresAt: number;
}

export const DISCOVERY_FILE = "discovery.json";

/**
 * The file is ours, but anything on disk may have been edited or truncated: it is read only up to
 * this size, and every entry is checked before it is believed.
 */
export const DISCOVERY_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** Host names and IP literals only: a route never carries a path, scheme or control character. */
const HOST = /^[a-z0-9][a-z0-9.:-]{0,252}$/;

export function validRoute(value: unknown): value is StoredRoute {
  if (typeof value !== "object" || value === null) return false;
  const route = value as Record<string, unknown>;
  if (typeof route.host !== "string" || !HOST.test(route.host)) return false;
  if (typeof route.from !== "string" || !HOST.test(route.from)) return false;
  if (typeof route.expiresAt !== "number" || !Number.isFinite(route.expiresAt)) return false;
  return route.port === undefined || (Number.isInteger(route.port) && (route.port as number) >= 1 && (route.port as number) <= 65535);
}

/** Entries from the file at `directory` (none when absent, oversized or not ours). Synchronous: read once, at first use. */
export function readRoutesSync(directory: string): Map<string, StoredRoute> {
  const file = join(directory, DISCOVERY_FILE);
  try {
    if (statSync(file).size > DISCOVERY_FILE_MAX_BYTES) return new Map();
    return parseRoutes(readFileSync(file, "utf8"));
  } catch {
    return new Map();
  }
}

async function readRoutes(file: string): Promise<Map<string, StoredRoute>> {
  try {
    // Sized before it is read, as readRoutesSync does: an oversized file is never loaded whole.
    if ((await stat(file)).size > DISCOVERY_FILE_MAX_BYTES) return new Map();
    return parseRoutes(await readFile(file, "utf8"));
  } catch {
    return new Map();
  }
}

function parseRoutes(text: string): Map<string, StoredRoute> {
  const routes = new Map<string, StoredRoute>();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return routes;
  }
  if (typeof json !== "object" || json === null) return routes;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) if (validRoute(value)) routes.set(key, value);
  return routes;
}

/**
 * Writes `routes` merged over what another process may have written meanwhile (the newer entry of
 * a key wins), dropping expired ones and keeping at most `maxEntries` (those expiring last). Atomic:
 * a temporary file renamed over the old one, so a reader never sees half a file.
 */
export async function writeRoutes(directory: string, routes: ReadonlyMap<string, StoredRoute>, now: number, maxEntries: number): Promise<void> {
  const file = join(directory, DISCOVERY_FILE);
  const merged = await readRoutes(file);
  for (const [key, route] of routes) {
    const old = merged.get(key);
    if (!old || old.expiresAt <= route.expiresAt) merged.set(key, route);
  }
  const kept = [...merged].filter(([, route]) => route.expiresAt > now).sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, maxEntries);
  await mkdir(directory, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(Object.fromEntries(kept)));
  await rename(temporary, file);
}
