import { writeFileSync } from "node:fs";
import { main } from "../../../src/cli/main.js";
import { fakeIO } from "../../helpers/cli.js";
import { ManualClock } from "../../helpers/manual-clock.js";
import { waitUntil } from "../../helpers/wait.js";

/**
 * `whoislens detect PATH --follow --format ndjson …extra` started on an empty file, on a manual clock the test moves:
 * the clock, the IO (stdout in `io.out`, `io.interrupt()` to stop) and the run's exit code to come.
 */
export function startFollow(path: string, extra: readonly string[] = []) {
  writeFileSync(path, "");
  const clock = new ManualClock();
  const io = { ...fakeIO(), clock };
  const done = main(["detect", path, "--follow", "--format", "ndjson", ...extra], io);
  return { clock, io, done };
}

/** Waits (real time: the follow reader polls its files) until `ready`, else fails saying what it waited for. */
export function until(ready: () => boolean, what: string): Promise<void> {
  return waitUntil(ready, what, 10_000);
}

export interface FollowAlert {
  rule: { id: string };
  source: { ip: string };
  "@timestamp": string;
}

/** The NDJSON alerts a follow run has printed so far. */
export const alertsOf = (out: readonly string[]): FollowAlert[] =>
  out.join("").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as FollowAlert);
