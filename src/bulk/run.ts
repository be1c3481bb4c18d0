import { firstRouteFor, lookup, type LookupOptions } from "../lookup/index.js";
import { runUnlessStopped } from "../lookup/scheduler.js";
import type { WhoisRecord } from "../record/types.js";
import type { Store } from "../store/store.js";
import { InvalidOptionError, toWhoislensError, WhoislensError } from "../errors.js";
import { eitherSignal, fanOutSignal, whenAborted } from "../util/abort.js";
import { FallbackRoom } from "./fallback-room.js";
import { PendingQueries, type Pending } from "./pending.js";
import { queryOfLine } from "./query-line.js";
import { QuerySet, type QueryHash } from "./query-set.js";
import { PoliteScheduler } from "./scheduler.js";

export interface BulkResult {
  query: string;
  record?: WhoisRecord;
  error?: { code: string; message: string };
  /**
   * An answer the record was built from was cut off (WL_WARN_TRUNCATED) on every try this run: the
   * record is kept as data, and the store marks the query `truncated`, so a resumed run asks it again.
   */
  truncated?: true;
}

export interface BulkOptions {
  lookup: Partial<LookupOptions>;
  scheduler: PoliteScheduler;
  /** Lookups in flight at once, across all servers. */
  concurrency: number;
  /** In flight per first-hop server, so one slow server cannot take every slot. */
  perServer: number;
  /** Queries read ahead of the dispatcher, to find work for idle servers. */
  lookahead: number;
  /** Resume and dedupe through the store (skips queries already done in this run). */
  store?: { store: Store; runId: string; pass: number };
  /**
   * Lookups whose answer came back cut off (WL_WARN_TRUNCATED) are asked again this many more times
   * in the run (default 1; the scheduler has already retried a reset with backoff by then).
   */
  truncatedRetries?: number;
  /** Replaces the real lookup (tests, benchmarks). */
  lookupFn?: (query: string, options: Partial<LookupOptions>) => Promise<WhoisRecord>;
  now?: () => Date;
  /** The hash of the in-memory de-duplication set (tests force collisions with a weak one). */
  dedupeHash?: QueryHash;
  /**
   * Stop taking new work (an interrupt): no more input is read and nothing new starts; lookups in
   * flight finish and are yielded. A lookup whose next hop still waits for its turn at a server (its
   * pace, a backoff, a Retry-After) is not in flight there: that wait ends at once, and the query stays
   * `pending` like one not started. Queries read but not started stay `pending` in the store, which the
   * next pass asks. To cut the in-flight lookups short too, abort `lookup.signal`: a cancel implies a
   * stop (a caller may pass `lookup.signal` alone), a lookup it cancels is not yielded nor marked failed
   * (it stays pending), and the run ends without waiting for lookups that do not heed the signal (a
   * `lookupFn` of the caller's).
   */
  stop?: AbortSignal;
}

/** Bulk defaults for options a caller may leave out. */
export const BULK_DEFAULTS = Object.freeze({ truncatedRetries: 1 });

/** The record says an answer it was built from was cut off. */
export function isTruncated(record: WhoisRecord | undefined): boolean {
  return record?.warnings?.some((warning) => warning.code === "WL_WARN_TRUNCATED") ?? false;
}

/** Why a record is no data: an answer cut off before anything that identifies the object says so. */
function noUsableAnswer(record: WhoisRecord | undefined): string {
  return isTruncated(record) ? "no usable answer: it was cut off (WL_WARN_TRUNCATED) before anything that identifies the object" : "no usable answer";
}

/** Lines to queries: trimmed, blanks and # comments skipped. */
export async function* queryLines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) {
    const query = queryOfLine(line);
    if (query !== undefined) yield query;
  }
}


/**
 * Looks up every query, yielding results as they finish (conventions §6). The
 * input is streamed with bounded lookahead, so a million lines run in bounded memory.
 */
export async function* bulkLookup(queries: AsyncIterable<string>, options: BulkOptions): AsyncGenerator<BulkResult> {
  const run = options.lookupFn ?? lookup;
  const now = options.now ?? (() => new Date());
  // Without a store, duplicates are found in a compact exact set (≈ 40 MB for a million queries, not ≈ 177 MB).
  const seen = options.store ? undefined : new QuerySet(options.dedupeHash);
  const input = queries[Symbol.asyncIterator]();
  let inputDone = false;
  const buffer = new PendingQueries();
  /** Lookups per server they are at, and each planned server's fallback (FallbackRoom). */
  const room = new FallbackRoom();
  const finished: BulkResult[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;
  /** Discoveries one buffered or running query is making: the others of that TLD are held meanwhile. */
  const learning = new Set<string>();
  const discovery = options.lookup.discovery;
  const truncatedRetries = options.truncatedRetries ?? BULK_DEFAULTS.truncatedRetries;
  if (!Number.isInteger(truncatedRetries) || truncatedRetries < 0) throw new InvalidOptionError(`truncatedRetries needs a whole number ≥ 0, got ${truncatedRetries}`);
  // A cancel implies a stop (one place for every caller: bulk, audit, lookalikes, a library caller that
  // passes only lookup.signal). Every in-flight lookup and waiting hop listens to stop and cancel: the
  // run's own copies take any number of listeners (the caller's signals get one each, dropped at the end).
  const cancelCopy = fanOutSignal(options.lookup.signal);
  const stopOrCancel = eitherSignal(options.stop, cancelCopy.signal);
  const stopCopy = fanOutSignal(stopOrCancel.signal);
  const stop = stopCopy.signal;
  const cancel = cancelCopy.signal;
  const lookupOptions: Partial<LookupOptions> = cancel ? { ...options.lookup, signal: cancel } : options.lookup;
  const stopped = (): boolean => stop?.aborted === true;
  const cancelled = (): boolean => cancel?.aborted === true;
  /** Set when the run ends before its in-flight lookups: their late answers are dropped, not stored. */
  let abandoned = false;
  const wakeUp = (): void => wake?.();
  // Input that waits (a pipe kept open) must not hold a stopped run: the read is raced against the stop.
  const stopWait = stop ? whenAborted(stop) : undefined;
  stop?.addEventListener("abort", wakeUp, { once: true });
  cancel?.addEventListener("abort", wakeUp, { once: true });

  /** The one read of the input in progress, kept until a fill takes its line: a line that comes later is not lost. */
  let reading: Promise<IteratorResult<string>> | undefined;
  const nextLine = (): Promise<IteratorResult<string>> => {
    if (reading === undefined) {
      reading = input.next();
      // Wakes a run waiting on its lookups; a failed read (a line over the cap) is raised by the fill that
      // takes it, so it is marked handled here rather than reported as unhandled meanwhile.
      reading.then(wakeUp, wakeUp);
    }
    return reading;
  };
  const fill = async (): Promise<void> => {
    // One "not ready" mark per fill (a setImmediate per line would cost a million timers on a big file).
    let notReady: Promise<typeof NOT_READY> | undefined;
    while (!inputDone && !stopped() && buffer.size < options.lookahead) {
      // With work on hand (queued or running), input that is not ready at once (a pipe kept open, as
      // `tail -f names | whoislens bulk -`) does not hold it back: what was read is dispatched, and the
      // read wakes the run when its line comes. With nothing on hand the run waits for the line.
      const busy = buffer.size > 0 || inFlight > 0;
      const next = await Promise.race([nextLine(), ...(stopWait ? [stopWait] : []), ...(busy ? [(notReady ??= notReadyYet())] : [])]);
      if (next === NOT_READY) break;
      if (next === undefined) break; // stopped while waiting for input: the rest is not read
      reading = undefined;
      if (next.done) {
        inputDone = true;
        break;
      }
      const query = next.value;
      if (seen) {
        if (!seen.add(query)) continue;
      } else if (options.store && (await options.store.store.claim(options.store.runId, query, options.store.pass, now().toISOString())) === "skip") {
        continue;
      }
      let route: ReturnType<typeof firstRouteFor>;
      try {
        route = firstRouteFor(query, options.lookup);
      } catch (error) {
        finished.push(await settle(query, undefined, toWhoislensError(error)));
        continue;
      }
      enqueue({ query, ...route });
    }
  };

  /** Into its server's queue, or held while another query learns its TLD's server (it then becomes the learner). */
  const enqueue = (item: Pending): void => {
    if (item.learning !== undefined) {
      if (learning.has(item.learning)) return buffer.hold(item.learning, item);
      learning.add(item.learning);
    }
    buffer.push(item);
  };

  /** The TLD was learned (or its learner gave up): its held queries go to their server now (or one learns again). */
  const release = (key: string): void => {
    learning.delete(key);
    for (const item of buffer.release(key)) enqueue({ query: item.query, ...firstRouteFor(item.query, options.lookup) });
  };

  const settle = async (query: string, record: WhoisRecord | undefined, error: ReturnType<typeof toWhoislensError> | undefined): Promise<BulkResult> => {
    const at = now().toISOString();
    const target = options.store;
    if (record && record.status !== "throttled" && record.status !== "unknown") {
      const truncated = isTruncated(record);
      if (target) await target.store.saveRecord(target.runId, query, record, record.raw, at, truncated ? "truncated" : "done");
      return truncated ? { query, record, truncated } : { query, record };
    }
    const failure = error ?? toWhoislensError(new Error(record?.status === "throttled" ? "throttled by the server; retry later" : noUsableAnswer(record)), record?.status === "throttled" ? "WL_ERR_THROTTLED" : "WL_ERR_PROTOCOL");
    if (target) await target.store.markFailed(target.runId, query, failure.code === "WL_ERR_THROTTLED" ? "throttled" : "failed", failure.message, at);
    return record ? { query, record, error: { code: failure.code, message: failure.message } } : { query, error: { code: failure.code, message: failure.message } };
  };

  const start = (item: Pending): void => {
    inFlight += 1;
    // A lookup counts against the server it is at now, not the one it started at: once IANA (or a
    // registry) has answered and it waits on the next server's pace, its first server's allowance is
    // free for queries that need it (issue #13).
    const followed = room.follow(
      item.server,
      // A hop still waiting for its turn when the run stops is new work: the stop ends that wait too.
      (server, task, judge, refused, signal) => runUnlessStopped(options.scheduler, stop, server, task, judge, refused, signal),
      () => {
        // Past IANA with the TLD's server learned: the held queries need not wait for this lookup's end.
        if (item.learning !== undefined && discovery?.known(item.learning)) release(item.learning);
        wake?.();
      },
    );
    const scheduler = followed.scheduler;
    lookupAgainIfTruncated(() => run(item.query, { ...lookupOptions, scheduler }), truncatedRetries)
      .then(
        (record) => (abandoned ? undefined : settle(item.query, record, undefined)),
        // Cancelled by an interrupt (in flight after the grace, or waiting for its turn after the stop): not a
        // failure of the query; it stays pending for the next pass.
        (error: unknown) => (abandoned || cancelled() || (stopped() && isAbort(error)) ? undefined : settle(item.query, undefined, toWhoislensError(error))),
      )
      .then((result) => {
        if (result) finished.push(result);
        inFlight -= 1;
        followed.done();
        if (item.learning !== undefined && learning.has(item.learning)) release(item.learning);
        wake?.();
      });
  };

  const allowanceOf = (server: string): number => Math.min(options.perServer, options.scheduler.queue(server).inFlightAllowance());
  const dispatch = (): void => {
    for (const server of buffer.servers()) {
      if (inFlight >= options.concurrency) return;
      const allowance = allowanceOf(server);
      const hasRoom = (): boolean => inFlight < options.concurrency && room.at(server) < allowance && room.hasRoom(server, allowanceOf);
      for (const item of buffer.take(server, hasRoom)) start(item);
    }
  };

  try {
    for (;;) {
      await fill();
      if (!stopped()) dispatch();
      // Drained until empty: lookups settle while the consumer handles a yielded result.
      while (finished.length > 0) for (const result of finished.splice(0, finished.length)) yield result;
      if ((stopped() || (inputDone && buffer.size === 0)) && inFlight === 0) return;
      if (cancelled()) {
        abandoned = true;
        return;
      }
      // A lookup's end or a line of input wakes the run (nextLine calls wakeUp).
      if (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stop?.removeEventListener("abort", wakeUp);
    cancel?.removeEventListener("abort", wakeUp);
    stopCopy.dispose();
    cancelCopy.dispose();
    stopOrCancel.dispose();
  }
}

/** The error of a wait or query ended by a stop or cancel signal. */
function isAbort(error: unknown): boolean {
  return error instanceof WhoislensError && error.code === "WL_ERR_ABORTED";
}

const NOT_READY = Symbol("input not ready");
/** Settles once the reads already available (buffered lines resolve in microtasks) have had their turn. */
const notReadyYet = (): Promise<typeof NOT_READY> => new Promise((resolve) => setImmediate(() => resolve(NOT_READY)));

/**
 * Runs the lookup, and again (at most `retries` more times, in the same slot and through the same
 * scheduler, so the server's pace and any backoff still apply) while its answer comes back cut off.
 * The last truncated record is kept if a retry fails outright: a partial answer beats none.
 */
async function lookupAgainIfTruncated(once: () => Promise<WhoisRecord>, retries: number): Promise<WhoisRecord> {
  let record = await once();
  for (let again = 0; again < retries && isTruncated(record); again += 1) {
    const next = await once().catch(() => undefined);
    // A failed, throttled or unreadable retry is no better than the partial answer it would replace.
    if (next === undefined || next.status === "throttled" || next.status === "unknown") break;
    record = next;
  }
  return record;
}
