/** Input bytes: a file (optionally followed like `tail -f`) or stdin, as an async iterable of chunks. */
import { open, stat } from "node:fs/promises";
import { InvalidOptionError } from "../../errors.js";
import { whenAborted } from "../../util/abort.js";

const CHUNK = 64 * 1024;
const POLL_MS = 200;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Chunks of a file. With `follow`, at end of file it polls for appended data until `signal` aborts
 * (like `tail -F`): a file that shrinks (copytruncate) is read again from its start, and a file
 * replaced under the same name (rename rotation) is reopened.
 */
async function openFile(path: string) {
  try {
    return await open(path, "r");
  } catch (cause) {
    throw new InvalidOptionError(`cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? "error"}`, { cause });
  }
}

export async function* fileChunks(path: string, follow: boolean, signal?: AbortSignal): AsyncGenerator<Buffer> {
  let handle = await openFile(path);
  try {
    let pos = 0;
    for (;;) {
      if (signal?.aborted) return;
      const buf = Buffer.allocUnsafe(CHUNK);
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(buf, 0, CHUNK, pos));
      } catch (cause) {
        throw new InvalidOptionError(`cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? "error"}`, { cause });
      }
      if (n > 0) {
        pos += n;
        yield n === CHUNK ? buf : buf.subarray(0, n);
        continue;
      }
      if (!follow) return;
      await sleep(POLL_MS, signal);
      const [mine, named] = await Promise.all([handle.stat(), stat(path).catch(() => undefined)]);
      if (named !== undefined && named.ino !== mine.ino) {
        // Rotated by rename: finish nothing more from the old file, go on with the new one.
        await handle.close();
        handle = await openFile(path);
        pos = 0;
      } else if (mine.size < pos) pos = 0;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Chunks of a stream (stdin) until it ends or `signal` aborts. The wait for the next chunk is raced
 * against the signal: a pipe kept open with nothing to send (`producer | whoislens detect -`, the
 * producer alive) once held an interrupted detect until the producer wrote again. Stopped that way, the
 * stream is destroyed (its iterator's return() would wait for the read in progress), so an open stdin
 * no longer holds the process either.
 */
export async function* streamChunks(stream: AsyncIterable<unknown>, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]();
  const stopped = signal ? whenAborted(signal) : undefined;
  let reading: Promise<IteratorResult<unknown>> | undefined;
  try {
    for (;;) {
      if (signal?.aborted) return;
      reading = chunks.next();
      const next = stopped ? await Promise.race([reading, stopped]) : await reading;
      if (next === undefined || next.done === true || signal?.aborted) return;
      reading = undefined;
      const chunk: unknown = next.value;
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    }
  } finally {
    const destroy = (stream as { destroy?: () => void }).destroy;
    if (reading !== undefined && typeof destroy === "function") {
      reading.catch(() => undefined); // ends (or fails) as the stream goes: nobody waits for it
      destroy.call(stream);
    } else {
      await chunks.return?.();
    }
  }
}
