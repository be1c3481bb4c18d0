/**
 * detectFiles: read every input (a folder: the files directly in it, inputs.ts) with the readers (format sniffed, gzip decompressed, malformed lines
 * counted) into one detector, then return its alerts and each file's ReadStats. Used by the CLI and
 * by the evaluation. An input that ends badly (truncated gzip/pcap) keeps the alerts found so far:
 * its ReadStats carries `error`.
 */
import { readListFile } from "../../util/list-file.js";
import { readLog, type ReadOptions } from "../readers/index.js";
import type { Alert, ReadStats } from "../types.js";
import { createDetector, type DetectorOptions } from "./detector.js";
import { type Input, listInputs } from "./inputs.js";
import { MACHINE_CLOCK } from "./wall-clock.js";

export interface DetectFilesOptions extends DetectorOptions, Pick<ReadOptions, "format" | "columnMap" | "follow" | "signal" | "tz" | "stdin"> {
  /** A file of the organization's domains, one per line (# comments); merged with orgDomains. */
  orgDomainsFile?: string;
  /** A file of known-bad source IPs/CIDRs, one per line; merged with badSources. */
  badSourcesFile?: string;
  /** Called with each file's counters as soon as it is read. */
  onStats?: (stats: ReadStats) => void;
}

export interface DetectResult { alerts: Alert[]; stats: ReadStats[] }

/** Lines of a list file, without comments and blanks (util/list-file.ts, shared with lookalikes). */
export { readListFile };

export async function detectFiles(inputs: readonly string[], options: DetectFilesOptions = {}): Promise<DetectResult> {
  const paths = listInputs(inputs);
  const orgDomains = [...(options.orgDomains ?? []), ...(options.orgDomainsFile ? readListFile(options.orgDomainsFile, "--org-domains") : [])];
  const badSources = [...(options.badSources ?? []), ...(options.badSourcesFile ? readListFile(options.badSourcesFile, "--bad-sources") : [])];
  // Followed inputs never end: a held port-43 probe is also released on the wall clock (detector.ts).
  const wallClock = options.follow === true ? { wallClock: options.wallClock ?? MACHINE_CLOCK } : {};
  const detector = createDetector({ ...options, orgDomains, badSources, ...wallClock });
  const push = detector.push.bind(detector);
  const read: ReadOptions = {
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.columnMap !== undefined ? { columnMap: options.columnMap } : {}),
    ...(options.tz !== undefined ? { tz: options.tz } : {}),
    ...(options.follow !== undefined ? { follow: options.follow } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
  };
  // A file the user named must be read; one found in a folder may be anything (a README, zeekctl's output).
  const run = async ({ path, listed }: Input): Promise<ReadStats> => {
    const s = await readLog(path, push, listed ? { ...read, unknownFormat: "notice" } : read);
    options.onStats?.(s);
    return s;
  };
  // --follow reads every input at once (each waits for appended lines); otherwise one after another.
  const stats = options.follow === true ? await Promise.all(paths.map(run)) : [];
  if (options.follow !== true) {
    for (const input of paths) {
      if (options.signal?.aborted) break; // interrupted: the files not begun are not read
      stats.push(await run(input));
    }
  }
  return { alerts: detector.finish(), stats };
}
