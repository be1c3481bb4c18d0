import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { NumberedLine } from "./line.js";

/**
 * Worker threads for a large `parse --batch`: the main thread reads and splits lines, hands chunks of
 * them to idle workers (and parses the others itself), and writes the outputs in input order
 * (commands/parse.ts). Each worker holds at most `JOBS_PER_WORKER` chunks, so memory stays bounded.
 */

/** Chunks queued per worker: one being parsed, one waiting, so a worker never idles between messages. */
const JOBS_PER_WORKER = 2;

interface Reply {
  seq: number;
  /** The chunk's output lines as UTF-8 bytes (batch/line.ts batchChunkBytes). */
  output?: Uint8Array;
  error?: string;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, { resolve(output: Uint8Array): void; reject(error: Error): void }>;
  dead: boolean;
}

export interface BatchPool {
  /** The chunk's output from a worker as UTF-8 bytes, or undefined when every worker is busy (parse it in this thread). */
  run(lines: NumberedLine[], maxLineBytes: number): Promise<Uint8Array> | undefined;
  close(): Promise<void>;
}

/**
 * The worker's script, beside this module in both built layouts: dist/cli/batch/ and the bundle's
 * dist/bundle/ (scripts/bundle-cli.mjs makes it an entry point of its own). Undefined when it is
 * absent: the TypeScript sources, as the unit tests run them.
 */
function batchWorkerScript(): URL | undefined {
  const script = new URL("./batch-worker.js", import.meta.url);
  return existsSync(fileURLToPath(script)) ? script : undefined;
}

/** Starts `size` workers, or returns undefined without a worker script (see batchWorkerScript): the batch runs in the main thread. */
export function startBatchPool(size: number): BatchPool | undefined {
  const script = batchWorkerScript();
  if (size < 1 || script === undefined) return undefined;
  const slots: Slot[] = [];
  const fail = (slot: Slot, error: Error): void => {
    slot.dead = true;
    for (const job of slot.waiting.values()) job.reject(error);
    slot.waiting.clear();
  };
  for (let index = 0; index < size; index += 1) {
    const slot: Slot = { worker: new Worker(script), waiting: new Map(), dead: false };
    slot.worker.on("message", (reply: Reply) => {
      const job = slot.waiting.get(reply.seq);
      slot.waiting.delete(reply.seq);
      if (reply.output !== undefined) job?.resolve(reply.output);
      else job?.reject(new Error(reply.error ?? "batch worker failed"));
    });
    slot.worker.on("error", (error) => fail(slot, error));
    slot.worker.on("exit", (code) => fail(slot, new Error(`batch worker exited (${code})`)));
    slots.push(slot);
  }
  let seq = 0;
  return {
    run(lines, maxLineBytes) {
      let idle: Slot | undefined;
      for (const slot of slots) if (!slot.dead && slot.waiting.size < JOBS_PER_WORKER && (idle === undefined || slot.waiting.size < idle.waiting.size)) idle = slot;
      if (idle === undefined) return undefined;
      const slot = idle;
      seq += 1;
      const id = seq;
      return new Promise<Uint8Array>((resolve, reject) => {
        slot.waiting.set(id, { resolve, reject });
        slot.worker.postMessage({ seq: id, lines, maxLineBytes });
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
