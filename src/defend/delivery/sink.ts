import type { Alert } from "../watch/types.js";

/** What one send did: the ids the receiver took, and the error that stopped the rest (if any). */
export interface SendOutcome {
  delivered: string[];
  /** Set when some alerts were not taken; they stay queued for the next run. */
  error?: string;
}

/**
 * One delivery channel. Retry across runs and de-duplication are the outbox's (outbox.ts), written
 * once: a sink only sends what it is given and says which alert ids the receiver accepted.
 */
export interface Sink {
  /** The outbox key: stable across runs for the same destination, never holding a secret. */
  readonly channel: string;
  send(alerts: readonly Alert[]): Promise<SendOutcome>;
  close?(): Promise<void>;
}

/** A message for a person or a log line: the alert in one line (values already control-stripped by the caller). */
export function alertLine(alert: Alert): string {
  const change = alert.before === null ? (alert.after ?? "") : `${alert.before} → ${alert.after ?? "(none)"}`;
  return `[${alert.severity}] ${alert.kind} ${alert.domain}: ${change}`;
}
