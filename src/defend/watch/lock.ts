import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { WhoislensError } from "../../errors.js";
import type { Database } from "../../store/schema.js";
import { WATCH_DEFAULTS } from "./kinds.js";

/** The one lock row's name: a store has one watch list, so one pass at a time. */
const LOCK = "pass";

export interface LockHolder {
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}

/**
 * The watch pass lock, a lease row in the store (`watch_lock`), so two `watch run` on one store at once
 * (a cron line whose pass outlasts its interval, a manual run beside `--every`, the console's pass) never
 * both diff the same baselines and deliver the same outbox: the second is told who holds it and skips.
 * One statement takes it (an insert, or an update of an expired row), which SQLite and PostgreSQL each run
 * atomically, so two processes racing for it cannot both win. The holder renews it while it works; a
 * holder killed without releasing it (kill -9) leaves a row that is taken over at once when that process is
 * gone from this machine, else (another machine's, on a shared PostgreSQL) `ttlMs` after its last renewal.
 */
export class WatchLock {
  readonly owner = `${process.pid}@${hostname()}/${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number = WATCH_DEFAULTS.lockTtlMs,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Takes the lock, waiting up to `waitMs` for its holder to release it (0: one round), or returns who holds it.
   * One retry policy (WATCH_DEFAULTS.lockRetry…, lockRetryDelayMs) serves both a waiting pass and the race where the
   * holder released the row between our statements (the round saw no holder): that round is retried at once, within
   * the same bounded attempts, instead of the recursion this method used to hide.
   */
  async acquire(waitMs = 0, sleep: (ms: number) => Promise<void> = realSleep): Promise<{ held: true } | { held: false; by: LockHolder }> {
    const deadline = this.now().getTime() + waitMs;
    let lastHolder: LockHolder | undefined;
    for (let attempt = 0; attempt < MAX_ROUNDS; attempt += 1) {
      const round = await this.round();
      if (round === "held") {
        this.timer = setInterval(() => void this.renew().catch(() => undefined), Math.max(1000, Math.floor(this.ttlMs / 3)));
        this.timer.unref();
        return { held: true };
      }
      // Released between the statements: free now, so the next round comes at once.
      if (round === "released") continue;
      lastHolder = round;
      const left = deadline - this.now().getTime();
      if (left <= 0) break;
      await sleep(Math.min(left, lockRetryDelayMs(attempt)));
    }
    return { held: false, by: lastHolder ?? { owner: "a pass that took and released it at every attempt", acquiredAt: "?", expiresAt: "?" } };
  }

  /** One round: takes the lock (inserted, or an expired or dead holder's taken over), or names its live holder. */
  private async round(): Promise<"held" | "released" | LockHolder> {
    const at = this.now();
    const row = { name: LOCK, owner: this.owner, acquired_at: at.toISOString(), expires_at: this.expiry(at) };
    const inserted = await this.db.insertInto("watch_lock").values(row).onConflict((c) => c.column("name").doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return "held";
    // Held: taken over only when it expired (its holder died without releasing it).
    const taken = await this.db.updateTable("watch_lock").set(row).where("name", "=", LOCK).where("expires_at", "<", at.toISOString()).executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return "held";
    const holder = await this.db.selectFrom("watch_lock").selectAll().where("name", "=", LOCK).executeTakeFirst();
    if (!holder) return "released";
    // Its holder was a process of this machine that is gone (kill -9): taken over at once, not after the lease.
    const dead = holderGone(holder.owner) ? await this.db.updateTable("watch_lock").set(row).where("name", "=", LOCK).where("owner", "=", holder.owner).executeTakeFirst() : undefined;
    if (dead !== undefined && Number(dead.numUpdatedRows) > 0) return "held";
    return { owner: holder.owner, acquiredAt: holder.acquired_at, expiresAt: holder.expires_at };
  }

  /** Moves the expiry on (the holder only). */
  async renew(): Promise<void> {
    await this.db.updateTable("watch_lock").set({ expires_at: this.expiry(this.now()) }).where("name", "=", LOCK).where("owner", "=", this.owner).execute();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.db.deleteFrom("watch_lock").where("name", "=", LOCK).where("owner", "=", this.owner).execute();
  }

  private expiry(at: Date): string {
    return new Date(at.getTime() + this.ttlMs).toISOString();
  }
}

/** Rounds at most, however the wait is set: bounds a lock that is taken and released at every round. */
const MAX_ROUNDS = 10_000;

/** The wait before round `attempt + 1`: WATCH_DEFAULTS' backoff, jittered between half and all of it. */
export function lockRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(WATCH_DEFAULTS.lockRetryMaxMs, WATCH_DEFAULTS.lockRetryFirstMs * 2 ** Math.min(attempt, 30));
  return Math.round(full / 2 + (full / 2) * random());
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The owner `pid@host/…` names a process of this machine that no longer exists. Another machine's
 * process (a shared PostgreSQL store) cannot be checked: its lease decides.
 */
function holderGone(owner: string): boolean {
  const match = /^(\d+)@([^/]*)\//.exec(owner);
  if (!match || match[2] !== hostname()) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists under another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export interface WatchLockWait {
  /** How long to wait for the lock's holder to release it (0, the default: skip at once). */
  waitMs?: number;
  /** Told once, when the lock is held by another pass and this one starts waiting. */
  onWait?: (holder: LockHolder, waitMs: number) => void;
}

/**
 * Runs `work` holding the pass lock; throws WL_ERR_WATCH_BUSY naming the holder when another pass has it (after
 * waiting up to `wait.waitMs` for it).
 */
export async function withWatchLock<T>(db: Kysely<Database>, work: () => Promise<T>, lock: WatchLock = new WatchLock(db), wait: WatchLockWait = {}): Promise<T> {
  const waitMs = wait.waitMs ?? 0;
  let outcome = await lock.acquire(0);
  if (!outcome.held && waitMs > 0) {
    wait.onWait?.(outcome.by, waitMs);
    outcome = await lock.acquire(waitMs);
  }
  if (!outcome.held) {
    const waited = waitMs > 0 ? `; waited ${Math.round(waitMs / 1000)} s` : "";
    throw new WhoislensError("WL_ERR_WATCH_BUSY", `another watch pass holds this store's lock (${outcome.by.owner}, since ${outcome.by.acquiredAt}, expires ${outcome.by.expiresAt} unless renewed${waited}): this pass is skipped`);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
