import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { CliIO } from "../../src/cli/io.js";
import type { HostResolver } from "../../src/net/address-guard.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A CliIO that captures output; `interrupt` resolves the interrupted promise. */
export function fakeIO(options: { stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean; resolve?: HostResolver } = {}): CliIO & { out: string[]; err: string[]; interrupt(): void } {
  const out: string[] = [];
  const err: string[] = [];
  let interrupt = (): void => {};
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  return {
    out,
    err,
    interrupt: () => interrupt(),
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    stdin: Readable.from([options.stdin ?? ""]),
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? { WHOISLENS_CACHE_DIR: join(tmpdir(), `whoislens-test-cache-${process.pid}`), XDG_CONFIG_HOME: join(tmpdir(), "whoislens-test-no-config") },
    interrupted,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
}

export async function runCli(argv: string[], options: Parameters<typeof fakeIO>[0] = {}): Promise<CliRun> {
  const io = fakeIO(options);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}
