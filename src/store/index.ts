export { insertRecord, Store, withoutRaw, type StoredMatch } from "./store.js";
export { INDEX_FIELDS, indexEntries, normalizeValue, type IndexField } from "./normalize.js";
