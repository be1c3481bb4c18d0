/**
 * The console's limits and defaults, each with its reason. Every request, upload and stream is
 * attacker-controlled (a token can leak; the page renders what servers sent): each gets a cap.
 */
export const CONSOLE_DEFAULTS = {
  /** Loopback only unless told otherwise: the console holds tokens and a store of findings. */
  host: "127.0.0.1",
  port: 8043,
  /** JSON request bodies: a bulk list of 10,000 queries of ~60 bytes fits with room to spare. */
  bodyLimitBytes: 1024 * 1024,
  /** Detect uploads (`--max-upload-bytes`): the same 64 MiB as detect's list files; larger logs go through the CLI. */
  uploadLimitBytes: 64 * 1024 * 1024,
  /** Detect uploads read at once: each spools up to the upload cap to disk and runs the detector. */
  maxUploads: 2,
  /**
   * Time to receive a whole request, headers and body (fastify turns Node's own default off): a client
   * dribbling bytes (slowloris) is cut off. 64 MiB at ~1 MB/s fits; event streams are long responses, not requests.
   */
  requestTimeoutMs: 120_000,
  /**
   * Connections open at once; more are closed as they arrive. Idle sockets cost a file descriptor each until
   * the request timeout: ~20,000 of them stalled the console and would starve a running job's lookups and the
   * store of descriptors (EMFILE). A team's browsers open ~6 each and streams are capped at 64; 512 keeps
   * half of a common 1,024-descriptor limit for the store, uploads and lookups.
   */
  maxConnections: 512,
  /** JSON nesting allowed in a request body: the deepest valid body is 2 levels; 32 leaves room, refuses "[[[[…" bombs. */
  maxJsonDepth: 32,
  /** Requests per token per window (`--rate-limit`); a person at the page makes a few a second at most. */
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  /** Live event streams open at once, across tokens (`--max-streams`): each holds a socket and a listener. */
  maxStreams: 64,
  /** A comment line this often keeps proxies from closing an idle stream. */
  streamHeartbeatMs: 15_000,
  /** Jobs (bulk, footprint) running at once; more are refused with WL_ERR_API_BUSY rather than queued without bound. */
  maxRunningJobs: 4,
  /** One bulk job's list; larger lists go through `whoislens bulk FILE`. */
  maxBulkQueries: 10_000,
  /** One query: the same 4 KiB cap as a bulk input line. */
  maxQueryLength: 4096,
  /** Lookups in flight per bulk job (each server's own politeness still applies). */
  bulkConcurrency: 16,
  /** Footprint depth allowed from the API (the CLI allows 10). */
  maxFootprintDepth: 5,
  /** Lookup answers served again without asking the servers (`--lookup-ttl`, seconds); `fresh: true` skips it. */
  lookupTtlMs: 300_000,
  lookupCacheEntries: 10_000,
  /** Alerts kept in memory for the live stream and the newest page; all are in the store. */
  pageLimitMax: 1000,
  /** How long a token added by `console token add` may take to be seen by a running console. */
  tokenRefreshMs: 2000,
} as const;

export type ConsoleLimits = { -readonly [K in keyof typeof CONSOLE_DEFAULTS]: (typeof CONSOLE_DEFAULTS)[K] extends string ? string : number };

/**
 * A loopback listener's names: 127.0.0.0/8, ::1 (bare, or bracketed as a Host header writes it) and
 * localhost. One pattern for the three questions asked of it: whether `console --host` warns, whether
 * the DNS-rebinding guard is on, and which Host headers that guard lets in.
 */
export const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|\[::1\])$/;
