import type { MailSighting } from "./types.js";

/** Sightings matched at once: a huge log or mailbox never sits in memory whole. */
export const SIGHTING_BATCH = 5000;

/**
 * Collects sightings as a reader's sink pushes them (synchronously) and hands them to `match` in
 * batches while the read goes on. A batch that fails (the store went away) is held, never left as an
 * unhandled rejection: `drain()` waits for every batch, matches the rest and throws the first failure.
 */
export class SightingBatches<T> {
  private readonly found: MailSighting[] = [];
  private readonly pending: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;
  readonly results: T[] = [];

  constructor(private readonly match: (batch: MailSighting[]) => Promise<readonly T[]>, private readonly size = SIGHTING_BATCH) {}

  /** The reader's sink. */
  readonly push = (sighting: MailSighting): void => {
    this.found.push(sighting);
    if (this.found.length >= this.size) this.pending.push(this.flush());
  };

  private async flush(): Promise<void> {
    const batch = this.found.splice(0);
    if (batch.length === 0) return;
    try {
      this.results.push(...(await this.match(batch)));
    } catch (error) {
      this.failure ??= { error };
    }
  }

  /** Waits for the batches under way (and, with `all`, matches what is left); throws the first failure. */
  async drain(all = true): Promise<void> {
    await Promise.all(this.pending.splice(0));
    if (all) await this.flush();
    if (this.failure !== undefined) throw this.failure.error;
  }
}
