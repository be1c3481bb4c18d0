import type { Store } from "../store/index.js";

/**
 * Opens the store a command names (`--store`: a SQLite path or postgres:// URL; else the data
 * directory's whoislens.db, found through the command's environment), hands it to `use`, and closes it
 * on every path. The store module (kysely, better-sqlite3, pg) loads here, when a command runs.
 */
export async function withStore<T>(location: string | undefined, env: NodeJS.ProcessEnv, use: (store: Store) => Promise<T>): Promise<T> {
  const { Store } = await import("../store/index.js");
  const store = await Store.open(location, env);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
