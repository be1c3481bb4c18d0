import { describe, expect, it } from "vitest";
import { IdleSweep, sweepPeriodMs, type SweptPeer } from "../../src/serve/idle-sweep.js";

/**
 * The RDAP idle sweep on synthetic time and sockets: it counts only the client's silence. A pass that runs late (the
 * event loop was busy) credits its lateness to every socket — the first pass after a stall runs before the bytes that
 * came in meanwhile are read, and used to cut clients at load for the server's own slowness (seen at a 400 ms timeout
 * under load 9). A socket the server owes an answer (a decoy waiting for the canary planter) gets 3× the timeout.
 */
class FakeSocket {
  bytesRead = 0;
  bytesWritten = 0;
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
}

const TIMEOUT = 400;
const PERIOD = sweepPeriodMs(TIMEOUT); // 100 ms

function world(count: number, owed = 0) {
  const sweep = new IdleSweep(TIMEOUT, PERIOD);
  const peers = new Map<FakeSocket, SweptPeer>();
  for (let i = 0; i < count; i += 1) peers.set(new FakeSocket(), { read: 0, written: 0, activeAt: 0, owed });
  const run = (from: number, to: number): void => {
    for (let t = from; t <= to; t += PERIOD) sweep.pass(peers, t);
  };
  return { sweep, peers, sockets: [...peers.keys()], run };
}

describe("the RDAP idle sweep", () => {
  it("closes a socket that moved no byte for the timeout, keeps one that did", () => {
    const { peers, sockets, run } = world(2);
    const [silent, talking] = sockets as [FakeSocket, FakeSocket];
    for (let t = 0; t <= 1000; t += PERIOD) {
      talking.bytesRead += 10;
      run(t, t);
      if (t < TIMEOUT) expect(silent.destroyed, `at ${t} ms`).toBe(false);
    }
    expect(silent.destroyed).toBe(true);
    expect(talking.destroyed).toBe(false);
    expect(peers.size).toBe(2);
  });

  it("a pass that runs late (the event loop stalled 1.5 s) does not count the stall against the client", () => {
    const { sweep, peers, sockets, run } = world(1);
    const socket = sockets[0] as FakeSocket;
    run(0, 200); // 200 ms silent: within the timeout
    sweep.pass(peers, 1700); // the loop was busy 1.4 s past the pass due at 300 ms
    expect(socket.destroyed).toBe(false);
    // The client's bytes that came in during the stall are read now: it was never idle.
    socket.bytesRead += 100;
    run(1800, 2000);
    expect(socket.destroyed).toBe(false);
    // A client that really stays silent is still closed after the timeout of loop time that ran on time.
    run(2100, 2500);
    expect(socket.destroyed).toBe(true);
  });

  it("only the lateness past the period is credited: a pass a timeout late keeps a socket silent since the pass before", () => {
    const sockets = [new FakeSocket()];
    const peer: SweptPeer = { read: 0, written: 0, activeAt: 0, owed: 0 };
    // Two passes on time from a fresh sweep, then one a full timeout late: only lateness beyond the period is credited.
    const sweep = new IdleSweep(TIMEOUT, PERIOD);
    sweep.pass([[sockets[0] as FakeSocket, peer]], 0);
    sweep.pass([[sockets[0] as FakeSocket, peer]], 100 + TIMEOUT + 50);
    expect(sockets[0]?.destroyed).toBe(false);
    expect(peer.activeAt).toBe(TIMEOUT + 50);
  });

  it("a socket the server owes an answer gets three times the timeout, not for ever", () => {
    const { sockets, run } = world(1, 1);
    const socket = sockets[0] as FakeSocket;
    run(0, 3 * TIMEOUT - PERIOD);
    expect(socket.destroyed).toBe(false);
    run(3 * TIMEOUT, 3 * TIMEOUT);
    expect(socket.destroyed).toBe(true);
  });
});
