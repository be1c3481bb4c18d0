/**
 * Query-log detection (issue #15): sliding-window rules over the NDJSON query log `whoislens serve`
 * writes (bulk harvesting, sequential and dictionary enumeration, decoy objects, known scanners).
 * `whoislens detect` runs them on a serve query log through DetectorOptions.servedRules.
 */
import { readLog } from "../../detect/readers/index.js";
import type { Alert, ReadStats } from "../../detect/types.js";
import { createWatchdog, type WatchdogOptions } from "./engine.js";

export { createWatchdog, type Watchdog, type WatchdogOptions } from "./engine.js";
export { loadQueryRules, loadSourceList, QUERY_RULES_FILE, SERVE_LISTS_DIR, type QueryRule, type QueryMatch } from "./rules.js";
export { keyShape } from "./windows.js";

/** Runs the query-log rules over query-log files (gzip too; "-" = stdin): the alerts and each file's counters. */
export async function watchQueryLogs(paths: readonly string[], options: WatchdogOptions = {}): Promise<{ alerts: Alert[]; stats: ReadStats[] }> {
  const dog = createWatchdog(options);
  const stats: ReadStats[] = [];
  for (const path of paths) {
    stats.push(await readLog(path, (e) => {
      if (e.kind === "served") dog.push(e);
    }, { format: "serve-queries" }));
  }
  return { alerts: dog.finish(), stats };
}
