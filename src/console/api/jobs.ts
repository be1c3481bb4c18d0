/**
 * Jobs (bulk, footprint) run in this process; each is tracked in memory (live progress for the event
 * streams) and in the store's console_jobs table (state and counts, written as they change at most
 * every `persistMs`, and at the end), so a restarted console still answers for it.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import { ApiError } from "./http-errors.js";
import type { JobStateT } from "./schemas.js";

export type JobKind = "bulk" | "footprint" | "watch";

export interface JobRow {
  id: string;
  kind: JobKind;
  state: JobStateT;
  createdAt: string;
  input: unknown;
  total: number;
  done: number;
  failed: number;
  result: string | null;
  error: string | null;
}

type Listener = (event: "progress" | "end", data: Record<string, unknown>) => void;

/** A job that runs now, in this process. */
export class LiveJob {
  state: JobStateT = "running";
  total = 0;
  done = 0;
  failed = 0;
  /** Extra progress fields (footprint: expanded, queued, nodes, spent). */
  detail: Record<string, number> = {};
  error: string | undefined;
  /** Bulk: the error code of each failed query (the store keeps only the message), saved as the result at the end. */
  readonly failures = new Map<string, string>();
  readonly controller = new AbortController();
  private readonly listeners = new Set<Listener>();

  constructor(readonly id: string, readonly kind: JobKind) {}

  progress(): Record<string, unknown> {
    return { total: this.total, done: this.done, failed: this.failed, ...this.detail };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: "progress" | "end"): void {
    const data = event === "end" ? { ...this.progress(), state: this.state, ...(this.error !== undefined ? { error: this.error } : {}) } : this.progress();
    for (const listener of this.listeners) listener(event, data);
  }
}

export class Jobs {
  private readonly live = new Map<string, LiveJob>();
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>, private readonly maxRunning: number, private readonly persistMs = 500) {}

  running(): number {
    let n = 0;
    for (const job of this.live.values()) if (job.state === "running") n += 1;
    return n;
  }

  /** Registers a new job (refused with WL_ERR_API_BUSY at the cap of running jobs). */
  async create(kind: JobKind, input: unknown, total = 0): Promise<LiveJob> {
    if (this.running() >= this.maxRunning) throw new ApiError(503, "WL_ERR_API_BUSY", `${this.maxRunning} jobs are running already (--max-jobs raises the cap); retry when one ends`);
    const job = new LiveJob(`${kind.charAt(0)}-${randomBytes(8).toString("hex")}`, kind);
    job.total = total;
    const now = new Date().toISOString();
    await this.db.insertInto("console_jobs").values({ id: job.id, kind, state: "running", created_at: now, updated_at: now, input: JSON.stringify(input), total, done: 0, failed: 0, result: null, error: null }).execute();
    this.live.set(job.id, job);
    return job;
  }

  liveJob(id: string): LiveJob | undefined {
    return this.live.get(id);
  }

  /** Progress changed: tell the streams now, the store at most every persistMs. */
  async changed(job: LiveJob): Promise<void> {
    job.emit("progress");
    const now = Date.now();
    if (now - (this.lastWrite.get(job.id) ?? 0) < this.persistMs) return;
    this.lastWrite.set(job.id, now);
    await this.write(job, null);
  }

  /** The job ended (done or failed): store its final state and result, then tell the streams. */
  async finish(job: LiveJob, state: "done" | "failed" | "interrupted", result: string | null, error?: string): Promise<void> {
    job.state = state;
    if (error !== undefined) job.error = error;
    await this.write(job, result);
    this.lastWrite.delete(job.id);
    job.emit("end");
    // Finished jobs are answered from the store; memory keeps only running ones.
    this.live.delete(job.id);
  }

  private async write(job: LiveJob, result: string | null): Promise<void> {
    await this.db
      .updateTable("console_jobs")
      .set({ state: job.state, updated_at: new Date().toISOString(), total: job.total, done: job.done, failed: job.failed, error: job.error ?? null, ...(result !== null ? { result } : {}) })
      .where("id", "=", job.id)
      .execute();
  }

  /** The job as stored (undefined when there is none of this kind). */
  async row(id: string, kind: JobKind): Promise<JobRow | undefined> {
    const row = await this.db.selectFrom("console_jobs").selectAll().where("id", "=", id).where("kind", "=", kind).executeTakeFirst();
    if (!row) return undefined;
    const live = this.live.get(id);
    return {
      id: row.id,
      kind,
      state: (live?.state ?? row.state) as JobStateT,
      createdAt: row.created_at,
      input: JSON.parse(row.input) as unknown,
      total: live?.total ?? row.total,
      done: live?.done ?? row.done,
      failed: live?.failed ?? row.failed,
      result: row.result,
      error: row.error,
    };
  }

  async require(id: string, kind: JobKind): Promise<JobRow> {
    const row = await this.row(id, kind);
    if (!row) throw new ApiError(404, "WL_ERR_API_NOT_FOUND", `no ${kind} job ${id}`);
    return row;
  }

  /** At start: jobs a previous process left running cannot go on; say so (their stored results stay readable). */
  async markInterrupted(): Promise<number> {
    const result = await this.db.updateTable("console_jobs").set({ state: "interrupted", updated_at: new Date().toISOString() }).where("state", "=", "running").executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private readonly tasks = new Set<Promise<void>>();

  /** Runs a job's work in the background; shutdown waits for it. */
  track(task: Promise<void>): void {
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task));
  }

  /** Stops every running job and waits for them to store their state (console shutdown). */
  async stopAll(): Promise<void> {
    for (const job of this.live.values()) job.controller.abort();
    await Promise.allSettled([...this.tasks]);
  }
}
