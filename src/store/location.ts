import { join } from "node:path";
import { dataDir, type Env } from "../servers/paths.js";

/**
 * Where a store lives, without loading the store module (kysely, better-sqlite3, pg): `location` (a
 * SQLite path or a postgres:// URL) or else the data directory's whoislens.db. One place for Store.open
 * and the CLI's check that a read-only command's store exists.
 */
export function storeLocation(location: string | undefined, env: Env): string {
  return location ?? join(dataDir(env), "whoislens.db");
}

/** A postgres:// (or postgresql://) URL rather than a SQLite path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
