import { parentPort } from "node:worker_threads";
import { batchChunkBytes, type NumberedLine } from "./line.js";

/** A `parse --batch` worker thread (batch/pool.ts): turns each chunk of lines it is sent into their output lines' UTF-8 bytes. */

interface Job {
  seq: number;
  lines: NumberedLine[];
  maxLineBytes: number;
}

parentPort?.on("message", (job: Job) => {
  try {
    const output = batchChunkBytes(job.lines, job.maxLineBytes);
    // (Transferred, not copied: the buffer is the output's own, batchChunkBytes.)
    parentPort?.postMessage({ seq: job.seq, output }, [output.buffer as ArrayBuffer]);
  } catch (error) {
    // The main thread parses the chunk again itself, so an error surfaces there as it would without threads.
    parentPort?.postMessage({ seq: job.seq, error: String(error) });
  }
});
