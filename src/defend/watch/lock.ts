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

  /** Takes the lock, or returns who holds it. */
  async acquire(): Promise<{ held: true } | { held: false; by: LockHolder }> {
    const at = this.now();
    const row = { name: LOCK, owner: this.owner, acquired_at: at.toISOString(), expires_at: this.expiry(at) };
    const inserted = await this.db.insertInto("watch_lock").values(row).onConflict((c) => c.column("name").doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      // Held: taken over only when it expired (its holder died without releasing it).
      const taken = await this.db.updateTable("watch_lock").set(row).where("name", "=", LOCK).where("expires_at", "<", at.toISOString()).executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) {
        const holder = await this.db.selectFrom("watch_lock").selectAll().where("name", "=", LOCK).executeTakeFirst();
        // Released between the two statements: try once more.
        if (!holder) return this.acquire();
        // Its holder was a process of this machine that is gone (kill -9): taken over at once, not after the lease.
        const dead = holderGone(holder.owner) ? await this.db.updateTable("watch_lock").set(row).where("name", "=", LOCK).where("owner", "=", holder.owner).executeTakeFirst() : undefined;
        if (dead === undefined || Number(dead.numUpdatedRows) === 0) return { held: false, by: { owner: holder.owner, acquiredAt: holder.acquired_at, expiresAt: holder.expires_at } };
      }
    }
    this.timer = setInterval(() => void this.renew().catch(() => undefined), Math.max(1000, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
    return { held: true };
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

/** Runs `work` holding the pass lock; throws WL_ERR_WATCH_BUSY naming the holder when another pass has it. */
export async function withWatchLock<T>(db: Kysely<Database>, work: () => Promise<T>, lock: WatchLock = new WatchLock(db)): Promise<T> {
  const outcome = await lock.acquire();
  if (!outcome.held) {
    throw new WhoislensError("WL_ERR_WATCH_BUSY", `another watch pass holds this store's lock (${outcome.by.owner}, since ${outcome.by.acquiredAt}, expires ${outcome.by.expiresAt} unless renewed): this pass is skipped`);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
