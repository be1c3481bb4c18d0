// The look-alike check's settings, with no imports: `whoislens lookalikes --help` and `watch run --help`
// show them (test/cli/startup-imports.test.ts keeps the engine off start-up), and WATCH_DEFAULTS
// takes its DNS concurrency from here.

/** Which look-alikes are asked by RDAP/WHOIS: those DNS found (default), all, or none. */
export const WHOIS_MODES = ["resolved", "all", "none"] as const;
export type WhoisMode = (typeof WHOIS_MODES)[number];

export const CHECK_DEFAULTS = Object.freeze({
  /** Names whose DNS is asked at once (each name: 4 questions). */
  dnsConcurrency: 32,
  whois: "resolved" as WhoisMode,
  /** Bulk settings for the RDAP/WHOIS step; each server's politeness is the scheduler's. */
  concurrency: 8,
  perServer: 2,
  lookahead: 64,
});

/** `--dns-concurrency` of lookalikes and watch run: past 1,024 names at once (4 questions each) a resolver drops queries. */
export const DNS_CONCURRENCY_RANGE = Object.freeze({ min: 1, max: 1024 });
