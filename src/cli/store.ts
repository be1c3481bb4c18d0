import { existsSync } from "node:fs";
import { InvalidOptionError } from "../errors.js";
import type { Store } from "../store/index.js";
import { isPostgresUrl, storeLocation } from "../store/location.js";

export interface StoreUse {
  /**
   * The command only reads (db search, history, audit --watched, canary check): a SQLite file that does not
   * exist is a usage error naming it, not a new empty store created at a mistyped path and searched in vain.
   */
  existing?: boolean;
}

/**
 * Opens the store a command names (`--store`: a SQLite path or postgres:// URL; else the data
 * directory's whoislens.db, found through the command's environment), hands it to `use`, and closes it
 * on every path. The store module (kysely, better-sqlite3, pg) loads here, when a command runs.
 */
export async function withStore<T>(location: string | undefined, env: NodeJS.ProcessEnv, use: (store: Store) => Promise<T>, options: StoreUse = {}): Promise<T> {
  if (options.existing === true) {
    const path = storeLocation(location, env);
    if (!isPostgresUrl(path) && path !== ":memory:" && !existsSync(path)) {
      throw new InvalidOptionError(`no store at ${path}: nothing has been collected there yet (bulk, watch run and canary issue fill one; --store names another)`);
    }
  }
  const { Store } = await import("../store/index.js");
  const store = await Store.open(location, env);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
