/**
 * Scale-out defaults, each with its reason, in a module with no imports so that `worker --help` can
 * show them without loading BullMQ, ioredis or the store.
 */
export const SCALE_DEFAULTS = Object.freeze({
  /** Queue name (BullMQ keys live under `bull:<name>:`, ours under `whoislens:<name>:`). */
  queueName: "whoislens",
  /** Jobs one worker process runs at once: enough to keep every server of a fleet at its pace while most wait their turn. */
  concurrency: 64,
  /**
   * BullMQ lock duration = the visibility timeout: a job whose worker stopped renewing its lock (killed,
   * frozen) goes back to the queue this long after. Longer than one lookup's total time would be safer
   * but slower to recover; the lock is renewed every half of it while the worker lives, so only a dead
   * worker's jobs wait it out.
   */
  lockMs: 30_000,
  /** How often each worker looks for stalled jobs (BullMQ `stalledInterval`). */
  stalledIntervalMs: 15_000,
  /** Stalls (worker deaths) a job survives before it is failed: a poison job that kills every worker stops here. */
  maxStalledCount: 5,
  /** Attempts of a job whose processing threw (store down, Redis lost), with exponential backoff from 1 s. */
  attempts: 5,
  /** Jobs added per Redis round trip while enqueueing (streamed: memory stays bounded by this). */
  enqueueBatch: 500,
  /**
   * A concurrency slot a worker took is a lease that expires this long after the hop's own time limit
   * (--timeout, which ends any hop), so a worker killed while asking frees the server's slot soon: a
   * minute-long lease held 17 of a fleet's 20 slots for a minute after one SIGKILL.
   */
  leaseSlackMs: 1_000,
  /** A worker's heartbeat key lives this long; `queue status` counts a worker alive while its key does. */
  heartbeatMs: 10_000,
  /** Per-server answer counts are kept in 10-second windows for 70 s: `queue status` shows the last minute's rate. */
  rateWindowMs: 10_000,
  /** Longest single sleep while waiting for a server's token (the wait is re-asked after it). */
  maxPollMs: 1_000,
  /** Sleep while a server's concurrency cap is full (no token arithmetic can say when a slot frees up). */
  busyPollMs: 5,
  /**
   * Sleep while a down server's recheck probe is out (another job's): its outcome (a refused connect in
   * ms; an answer, or silence up to the hop's time limit) decides whether the waiting jobs are asked or
   * fail. One waiter per server and worker polls (the others queue behind it in the worker).
   */
  probePollMs: 20,
  /** `--metrics-host` default: loopback only (the metrics name the servers asked). */
  metricsHost: "127.0.0.1",
  /**
   * A server's block for good (RIPE's ERROR:201) is kept for the run that saw it, and forgotten this long
   * after the last one was set even if the run never ends: a backstop, so no forgotten run keeps a key
   * forever. A re-enqueue of the run clears its blocks; `queue unblock HOST` clears them all.
   */
  permanentBlockTtlMs: 24 * 3_600_000,
  /**
   * A server's down state (its refused connects in a row, its down time, its recheck probe: see
   * QUEUE_DEFAULTS.downAfterRefusedConnects) is forgotten this long after its last refused connect, ten
   * recheck periods: a server nobody asked for that long is tried afresh, and no dead host keeps a key.
   */
  downStateTtlMs: 600_000,
  /** Longest a SIGTERM drain waits for running jobs before the worker gives up and exits (they go back to the queue). */
  drainMs: 60_000,
});
