import type { Readable } from "node:stream";

/** What a command may touch. Tests pass their own; main() passes the process's. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: Readable;
  /** Whether stdout is a terminal (tables and colour) or a pipe (plain). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (SIGINT/SIGTERM); long-running commands await it. */
  interrupted: Promise<void>;
}

export function processIO(): CliIO {
  const interrupted = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: reading process.stdin builds a stream over fd 0, which only stdin-reading commands need.
    get stdin() {
      return process.stdin;
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    interrupted,
  };
}
