/** Documented in README.md ("Exit codes"). Stable: scripts depend on them. */
export const EXIT = {
  /** The object exists (or the command succeeded). */
  OK: 0,
  /** The object does not exist (available) or is reserved. */
  NOT_FOUND: 1,
  /** Bad arguments, unreadable input, invalid configuration. */
  USAGE: 2,
  /** Network or server failure: no usable answer. */
  NETWORK: 3,
  /** The server refused for rate limits. */
  THROTTLED: 4,
  /** A record was printed, but an answer it was built from was cut off (WL_WARN_TRUNCATED): it may be incomplete. */
  TRUNCATED: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
