import Sqlite from "better-sqlite3";

/** A bulk store's queries as the run left them: query → its state ("done", "failed", "throttled"…) and error. */
export function queryStates(store: string): Map<string, { state: string; error: string | null }> {
  const db = new Sqlite(store, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select query, state, error from queries").all() as { query: string; state: string; error: string | null }[];
    return new Map(rows.map((row) => [row.query, { state: row.state, error: row.error }]));
  } finally {
    db.close();
  }
}

/** Queries stored done so far; 0 while the run has not made the store (or its schema) yet. */
export function countDone(store: string): number {
  try {
    let done = 0;
    for (const row of queryStates(store).values()) if (row.state === "done") done += 1;
    return done;
  } catch {
    return 0;
  }
}
