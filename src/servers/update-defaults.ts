// No imports: the CLI shows these in `update --help` without loading zod and the RDAP client.

/** Defaults of `whoislens update` (see update.ts). */
export const UPDATE_DEFAULTS = Object.freeze({
  sourceUrl: "https://data.iana.org/rdap/",
  /** IANA changes dns.json every few weeks; a day keeps us current without asking IANA on every run. */
  ttlSeconds: 24 * 60 * 60,
  force: false,
  allowPrivate: false,
  timeoutMs: 30_000,
  /** dns.json is ~100 KB today; the cap leaves room for growth and refuses anything absurd. */
  maxBytesPerFile: 8 * 1024 * 1024,
});
