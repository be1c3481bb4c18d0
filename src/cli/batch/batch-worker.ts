import { parentPort } from "node:worker_threads";
import { batchChunkOutput, type NumberedLine } from "./line.js";

/** A `parse --batch` worker thread (batch/pool.ts): turns each chunk of lines it is sent into their output lines. */

interface Job {
  seq: number;
  lines: NumberedLine[];
  maxLineBytes: number;
}

parentPort?.on("message", (job: Job) => {
  try {
    parentPort?.postMessage({ seq: job.seq, output: batchChunkOutput(job.lines, job.maxLineBytes) });
  } catch (error) {
    // The main thread parses the chunk again itself, so an error surfaces there as it would without threads.
    parentPort?.postMessage({ seq: job.seq, error: String(error) });
  }
});
