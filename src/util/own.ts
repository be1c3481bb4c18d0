/**
 * Lookups in the readable `Record` tables (aliases, roles, event actions…) by a key that comes from
 * an answer, a log or a file. `table[key]` would answer "constructor", "__proto__" or "toString"
 * with an Object.prototype member; this answers only the table's own rows (issue #19).
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
