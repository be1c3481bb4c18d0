import { sanitizeDeep } from "../../util/sanitize.js";
import type { WatchStore } from "../watch/watch-store.js";
import type { Sink } from "./sink.js";

export interface ChannelReport {
  channel: string;
  delivered: number;
  /** Still queued after this run (the receiver was down or refused). */
  queued: number;
  error?: string;
}

/** Alerts taken from the outbox per send (a longer backlog goes out in several). */
const BATCH = 200;

/**
 * Sends every alert queued for each sink's channel (this run's and earlier runs' undelivered ones)
 * and marks what the receiver accepted. At-least-once: a row is marked only after the receiver took
 * it, so a kill -9 between the two sends it again next run; receivers de-duplicate by alert id.
 */
export async function deliverQueued(watch: WatchStore, sinks: readonly Sink[], now: () => Date = () => new Date()): Promise<ChannelReport[]> {
  const reports: ChannelReport[] = [];
  for (const sink of sinks) {
    const report: ChannelReport = { channel: sink.channel, delivered: 0, queued: 0 };
    for (;;) {
      const queued = await watch.pending(sink.channel, BATCH);
      if (queued.length === 0) break;
      // Everything from servers is attacker-controlled: no control characters reach a receiver.
      const alerts = queued.map((q) => sanitizeDeep(q.alert));
      let outcome;
      try {
        outcome = await sink.send(alerts);
      } catch (error) {
        outcome = { delivered: [], error: (error as Error).message };
      }
      await watch.delivered(sink.channel, outcome.delivered, now().toISOString());
      report.delivered += outcome.delivered.length;
      const taken = new Set(outcome.delivered);
      const left = alerts.filter((a) => !taken.has(a.id)).map((a) => a.id);
      if (left.length > 0 || outcome.error !== undefined) {
        await watch.failed(sink.channel, left, outcome.error ?? "not accepted");
        report.error = outcome.error ?? "not accepted";
        break;
      }
    }
    report.queued = await watch.queuedCount(sink.channel);
    reports.push(report);
    await sink.close?.();
  }
  return reports;
}
