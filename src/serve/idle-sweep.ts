/**
 * The RDAP server's idle sweep (rdap-server.ts, `connectionTimeoutMs`): one pass over the open sockets every
 * `periodMs` closes those that moved no byte either way for `timeoutMs` (a client that stops reading its answers,
 * or stalls in a state node's own timeouts miss). Only the client's silence counts against it:
 * - a pass that runs late (the event loop was busy: a load spike, a long synchronous answer) credits its lateness to
 *   every socket, since the first pass after a stall runs before the bytes that came in meanwhile are read;
 * - a socket whose answer the server still owes (a decoy answer waiting for the canary planter) is given
 *   OWED_TIMEOUT_FACTOR times the timeout: the wait is the server's, but a planter that never settles must not hold
 *   the socket for ever.
 */
export interface SweptSocket {
  readonly bytesRead: number;
  readonly bytesWritten: number;
  destroy(): void;
}

export interface SweptPeer {
  read: number;
  written: number;
  /** When bytes last moved either way (ms, the sweep's clock). */
  activeAt: number;
  /** Answers begun and not yet written (the server's turn, not the client's). */
  owed: number;
}

const OWED_TIMEOUT_FACTOR = 3;

export class IdleSweep {
  private lastPassAt: number | undefined;

  constructor(
    private readonly timeoutMs: number,
    readonly periodMs: number,
  ) {}

  pass<S extends SweptSocket>(peers: Iterable<[S, SweptPeer]>, now: number): void {
    const late = this.lastPassAt === undefined ? 0 : Math.max(0, now - this.lastPassAt - this.periodMs);
    this.lastPassAt = now;
    for (const [socket, peer] of peers) {
      const read = socket.bytesRead;
      const written = socket.bytesWritten;
      if (read !== peer.read || written !== peer.written) {
        peer.read = read;
        peer.written = written;
        peer.activeAt = now;
        continue;
      }
      peer.activeAt += late;
      if (now - peer.activeAt >= (peer.owed > 0 ? OWED_TIMEOUT_FACTOR : 1) * this.timeoutMs) socket.destroy();
    }
  }
}

/** A pass every quarter of the timeout, between 50 ms and 1 s. */
export const sweepPeriodMs = (timeoutMs: number): number => Math.max(50, Math.min(1000, Math.floor(timeoutMs / 4)));
