// Shared timing for the detect benchmarks: the best of `rounds` runs as units per second, and the
// readline floor (line splitting only) that every line reader pays.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Runs `fn` (which returns how many units it handled) `rounds` times; the fastest run's seconds and units. */
export async function best(fn, rounds) {
  let min = Infinity, units = 0;
  for (let i = 0; i < rounds; i += 1) {
    const t0 = process.hrtime.bigint();
    units = await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: min, units };
}

export async function readlineOnly(path) {
  let n = 0;
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const _line of rl) n += 1;
  return n;
}
