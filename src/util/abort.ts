import { setMaxListeners } from "node:events";
import { WhoislensError } from "../errors.js";

/**
 * A signal that every in-flight hop of a run listens to (each connection, each wait for a server's
 * turn): Node warns "MaxListenersExceededWarning … 11 abort listeners" past 10, which a run of more
 * than 10 lookups at once reaches by design. Marks `signals` as meant for that many listeners.
 */
export function forManyListeners<T extends AbortSignal | undefined>(...signals: T[]): void {
  for (const signal of signals) if (signal) setMaxListeners(0, signal);
}

/**
 * A run's own copy of a caller's signal (aborted with it, with its reason), open to any number of
 * listeners: the run's hops listen to the copy, and the caller's signal gets one listener, dropped by
 * `dispose` when the run ends. Undefined in, undefined out.
 */
export function fanOutSignal(source: AbortSignal | undefined): { signal: AbortSignal | undefined; dispose(): void } {
  if (!source) return { signal: undefined, dispose: () => {} };
  const copy = new AbortController();
  forManyListeners(copy.signal);
  if (source.aborted) {
    copy.abort(source.reason);
    return { signal: copy.signal, dispose: () => {} };
  }
  const follow = (): void => copy.abort(source.reason);
  source.addEventListener("abort", follow, { once: true });
  return { signal: copy.signal, dispose: () => source.removeEventListener("abort", follow) };
}

/** Resolves (to undefined) once `signal` aborts, at once when it already has: a wait to race against. */
export function whenAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener("abort", () => resolve(undefined), { once: true })));
}

/**
 * The error a wait ends with when its signal aborts: WL_ERR_ABORTED naming what was waited for, the
 * signal's reason as its cause (a WhoislensError reason is passed on as it is).
 */
export function abortedWait(signal: AbortSignal, what: string): WhoislensError {
  const reason: unknown = signal.reason;
  if (reason instanceof WhoislensError) return reason;
  return new WhoislensError("WL_ERR_ABORTED", `cancelled while ${what}`, { cause: reason });
}

/**
 * Waits `ms`, or less: ends at once when `signal` aborts (rejecting with abortedWait), and its timer is
 * cleared then, so a cancelled wait holds no timer that keeps the process alive.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedWait(signal, what));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedWait(signal as AbortSignal, what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `promise`, or WL_ERR_ABORTED as soon as `signal` aborts (the listener is removed once either settles). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedWait(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedWait(signal, what));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One signal that aborts when either does (with the first one's reason), and `dispose` to drop the
 * listeners. Explicit listeners, removed by dispose, rather than AbortSignal.any: one combined signal
 * per hop, made from a worker's long-lived drain signal, must leave nothing behind on it.
 */
export function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): { signal: AbortSignal | undefined; dispose(): void } {
  if (!a || !b) return { signal: a ?? b, dispose: () => {} };
  const both = new AbortController();
  const fromA = (): void => both.abort(a.reason);
  const fromB = (): void => both.abort(b.reason);
  if (a.aborted) fromA();
  else if (b.aborted) fromB();
  else {
    a.addEventListener("abort", fromA, { once: true });
    b.addEventListener("abort", fromB, { once: true });
  }
  return {
    signal: both.signal,
    dispose: () => {
      a.removeEventListener("abort", fromA);
      b.removeEventListener("abort", fromB);
    },
  };
}
