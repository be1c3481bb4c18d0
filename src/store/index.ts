export { Store, type StoredMatch } from "./store.js";
export { INDEX_FIELDS, indexEntries, normalizeValue, type IndexField } from "./normalize.js";
