import type { HopScheduler } from "../lookup/scheduler.js";

/**
 * Where lookups are, per server, and where each planned first server's lookups went when it failed them
 * (its fallback: a down RDAP base's port 43). Queries whose first server fails at once all go on to its
 * fallback, so they are let in only while the fallback has room too, or they pile up in its pace queue
 * past their --total-timeout, unsent (issue #13, w23). Shared by local bulk (src/bulk/run.ts) and the
 * fleet's workers (src/scale/worker.ts), which start a job only while its planned server has room.
 */
export class FallbackRoom {
  private readonly fallbackOf = new Map<string, string>();
  private readonly atServer = new Map<string, number>();

  /** Lookups at `server` now (its planned first hop, or the hop it moved on to). */
  at(server: string): number {
    return this.atServer.get(server.toLowerCase()) ?? 0;
  }

  count(server: string, delta: number): void {
    const key = server.toLowerCase();
    const next = (this.atServer.get(key) ?? 0) + delta;
    if (next > 0) this.atServer.set(key, next);
    else this.atServer.delete(key);
  }

  /** Whether a lookup planned at `server` may start: its fallback (if its lookups fell back) has room for it. */
  hasRoom(server: string, allowanceOf: (server: string) => number): boolean {
    const fallback = this.fallbackOf.get(server.toLowerCase());
    return fallback === undefined || this.at(fallback) + this.at(server) < allowanceOf(fallback);
  }

  /**
   * One lookup planned at `planned`, counted there from now on: its hops through `inner`, each counted at the
   * server it is at; moving on from a failed planned hop records the fallback, an answer there clears it.
   * `done()` uncounts it. `onMove` is told of every move (bulk frees held queries on it).
   */
  follow(planned: string, inner: HopScheduler["run"], onMove?: () => void): { scheduler: HopScheduler; done(): void } {
    const first = planned.toLowerCase();
    let at = first;
    /** Whether the planned first hop failed (or never reached a server): the next server is its fallback. */
    let plannedFailed = true;
    this.count(at, 1);
    const scheduler: HopScheduler = {
      run: (server, task, judge, refused, signal) => {
        const key = server.toLowerCase();
        if (key !== at) {
          if (at === first && plannedFailed) this.fallbackOf.set(first, key);
          this.count(at, -1);
          this.count(key, 1);
          at = key;
          onMove?.();
        }
        const judged = key !== first ? judge : (result: Parameters<typeof judge>[0]) => {
          const outcome = judge(result);
          if (outcome.kind === "ok") {
            plannedFailed = false;
            // Back (or never down): its queries go by its own allowance again.
            this.fallbackOf.delete(first);
          }
          return outcome;
        };
        return inner(server, task, judged, refused, signal);
      },
    };
    return { scheduler, done: () => this.count(at, -1) };
  }
}
