/** Network limits in one place; every client merges its options over these. */
export const NET_DEFAULTS = Object.freeze({
  whoisPort: 43,
  /** Whole hop: connect + query + answer. A slow drip cannot stretch it. */
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  /**
   * A host with several addresses: how long one address may take to connect before the next is tried (Node's
   * autoSelectFamilyAttemptTimeout; RFC 8305 §5 recommends 250 ms). A refusal moves on at once.
   */
  addressAttemptMs: 250,
  /** Answers larger than this are cut off: port 43 keeps what fits (WL_WARN_TRUNCATED), RDAP fails (WL_ERR_TOO_LARGE). */
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  /** JSON nesting deeper than this is refused before parsing. */
  maxJsonDepth: 64,
});
