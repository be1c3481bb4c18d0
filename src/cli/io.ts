import type { Readable } from "node:stream";
import type { SchedulerClock } from "../bulk/clock.js";
import type { HostResolver } from "../net/address-guard.js";
import { forManyListeners } from "../util/abort.js";
import { sanitizeField } from "../util/sanitize.js";

/** The signals a command may handle as "stop, keep what is done". */
export type InterruptSignal = "SIGINT" | "SIGTERM";

/** Exit codes after an interrupt: 128 + the signal's number, as shells report a process the signal ended (POSIX). */
export const INTERRUPT_EXIT: Readonly<Record<InterruptSignal, number>> = Object.freeze({ SIGINT: 130, SIGTERM: 143 });

/**
 * After the first interrupt, how long in-flight work may go on finishing before it is cancelled
 * (its queries stay pending for the next run). Short: the user asked to stop.
 */
export const INTERRUPT_GRACE_MS = 3000;

/** What a command may touch. Tests pass their own; main() passes the process's. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: Readable;
  /** Whether stdout is a terminal (tables and colour) or a pipe (plain). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /**
   * Resolves when the user interrupts (SIGINT/SIGTERM); long-running commands await it. In processIO()
   * the handlers are installed only when a command first reads this, so a command that never does keeps
   * node's default (a Ctrl-C ends it at once). Once installed, a second signal exits at once.
   */
  interrupted: Promise<void>;
  /** The signal that interrupted, once one has; undefined before (and in test IOs that do not say). */
  interruptSignal?: () => InterruptSignal | undefined;
  /**
   * Name resolution for the lookups a command makes (the address guard checks its answers); absent, the system's.
   * No flag sets it: tests give names several loopback addresses with it, without editing /etc/hosts.
   */
  resolve?: HostResolver;
  /**
   * The wall clock live commands wait by (detect --follow releases held port-43 probes by it); absent, the machine's.
   * No flag sets it: tests pass a manual clock and move time themselves instead of sleeping.
   */
  clock?: SchedulerClock;
}

/** The exit code of a command stopped by an interrupt: 130 after SIGINT (and when the IO does not say), 143 after SIGTERM. */
export function interruptExitCode(io: CliIO): number {
  return INTERRUPT_EXIT[io.interruptSignal?.() ?? "SIGINT"];
}

/** Two stages of stopping: `stop` when the user interrupts (take no new work), `cancel` a grace later (abort what is in flight). */
export interface Interruption {
  stop: AbortSignal;
  cancel: AbortSignal;
  /** Whether the user interrupted. */
  readonly interrupted: boolean;
  /** Forgets the grace timer (call when the run ends). */
  dispose(): void;
}

export function interruption(io: CliIO, graceMs: number = INTERRUPT_GRACE_MS): Interruption {
  const stop = new AbortController();
  const cancel = new AbortController();
  // Every lookup in flight listens to these: more than 10 at once is normal, not a leak.
  forManyListeners(stop.signal, cancel.signal);
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  void io.interrupted.then(() => {
    if (disposed) return;
    stop.abort();
    timer = setTimeout(() => cancel.abort(), graceMs);
    timer.unref();
  });
  return {
    stop: stop.signal,
    cancel: cancel.signal,
    get interrupted() {
      return stop.signal.aborted;
    },
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export function processIO(): CliIO {
  let interrupted: Promise<void> | undefined;
  let signal: InterruptSignal | undefined;
  const subscribe = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const onSignal = (received: InterruptSignal): void => {
        if (signal === undefined) {
          signal = received;
          resolve();
          return;
        }
        // A second interrupt: the user wants out now; what was saved so far stays saved.
        process.stderr.write(`\nwhoislens: ${received} again: exiting now\n`);
        process.exit(INTERRUPT_EXIT[received]);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
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
    // A getter: the signal handlers replace node's default exit only for commands that handle an interrupt.
    get interrupted() {
      interrupted ??= subscribe();
      return interrupted;
    },
    interruptSignal: () => signal,
  };
}

/** The stderr line of an input that broke off (truncated, corrupt, unreadable); what was read before it still counts. */
export function inputErrorLine(file: string, error: string): string {
  return `whoislens: WL_ERR_INPUT: ${sanitizeField(file)}: ${sanitizeField(error)}\n`;
}
