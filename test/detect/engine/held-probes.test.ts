/**
 * HeldProbes' cost on the input it sees most: a host asking one WHOIS server thousands of times on 43 (a bulk
 * run behind a firewall that logs every allow), each connection a hold, with other ports of the same host in
 * between. The first version passed over every hold of the host, checking the scan window of each, on every
 * connection to it, and filtered the list on every report: quadratic in the holds (5,000 holds and 100 HTTPS
 * connections were 500,000 scan checks). Counted here, not timed.
 */
import { describe, expect, it } from "vitest";
import { HeldProbes } from "../../../src/detect/engine/held-probes.js";

const WINDOW = 600_000;

describe("HeldProbes", () => {
  it("checks for a scan only when a connection brings a port new to the holds, not once per hold per connection", () => {
    const released: number[] = [];
    const held = new HeldProbes<number>({ windowMs: WINDOW, maxPending: 10_000, release: (n) => released.push(n) });
    let checks = 0;
    const noScan = (): boolean => {
      checks += 1;
      return false;
    };
    for (let i = 0; i < 5_000; i += 1) {
      if (held.holds("10.0.0.5", "192.0.2.43")) held.widened("10.0.0.5", "192.0.2.43", 43, noScan);
      held.hold("10.0.0.5", "192.0.2.43", 43, i * 100, i);
    }
    for (let j = 0; j < 100; j += 1) held.widened("10.0.0.5", "192.0.2.43", 443, noScan);
    expect(checks).toBe(1);
    expect(held.size).toBe(5_000);
    held.flush();
    expect(released).toHaveLength(5_000);
    expect(released.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("drops the holds a scan explains once enough ports show up, and reports the rest on the clock", () => {
    const released: string[] = [];
    const held = new HeldProbes<string>({ windowMs: WINDOW, maxPending: 100, release: (s) => released.push(s) });
    held.hold("scanner", "198.51.100.7", 43, 1_000, "scan probe");
    held.hold("analyst", "192.0.2.43", 43, 2_000, "lookup");
    const ports = new Set<number>([43]);
    const scanned = (): boolean => ports.size >= 15;
    for (let port = 1; ports.size < 15; port += 1) {
      ports.add(port);
      held.widened("scanner", "198.51.100.7", port, scanned);
    }
    expect(held.size).toBe(1);
    held.tick(2_000 + WINDOW + 1);
    expect(released).toEqual(["lookup"]);
    expect(held.holds("analyst", "192.0.2.43")).toBe(false);
  });

  it("a port seen before a new hold is checked again for it (the new hold's window may hold the scan)", () => {
    const held = new HeldProbes<string>({ windowMs: WINDOW, maxPending: 100, release: () => {} });
    let checks = 0;
    const count = (): boolean => {
      checks += 1;
      return false;
    };
    held.hold("h", "d", 43, 0, "first");
    held.widened("h", "d", 80, count);
    held.hold("h", "d", 43, 700_000, "second");
    held.widened("h", "d", 80, count);
    expect(checks).toBe(2);
  });

  it("keeps a host's list short while its holds are reported in a long steady stream", () => {
    const held = new HeldProbes<number>({ windowMs: 1_000, maxPending: 10_000, release: () => {} });
    for (let i = 0; i < 50_000; i += 1) {
      held.tick(i * 100);
      held.hold("bulk", "192.0.2.43", 43, i * 100, i);
    }
    expect(held.size).toBeLessThanOrEqual(11);
    const lists = (held as unknown as { byTarget: Map<string, { items: unknown[] }> }).byTarget;
    expect(lists.get("bulk|192.0.2.43")?.items.length).toBeLessThanOrEqual(2 * 11 + 16);
  });

  it("expire releases a hold once the window has passed on the wall clock since it was read, oldest first; the event clock still releases earlier", () => {
    const released: string[] = [];
    const held = new HeldProbes<string>({ windowMs: WINDOW, maxPending: 100, release: (s) => released.push(s) });
    // Event time and read time on different scales: a backlog read at start (log time hours behind the wall).
    held.hold("a", "192.0.2.43", 43, 1_000, "first", 50);
    held.hold("b", "192.0.2.43", 43, 9_000_000, "late in the log", 60);
    held.hold("c", "192.0.2.43", 43, 2_000, "second", 70);
    expect(held.nextExpiry()).toBe(50 + WINDOW);
    held.expire(50 + WINDOW - 1);
    expect(released).toEqual([]);
    held.expire(60 + WINDOW);
    expect(released).toEqual(["first", "late in the log"]);
    expect(held.nextExpiry()).toBe(70 + WINDOW);
    held.tick(2_000 + WINDOW + 1); // a later line moved the event clock past the last one's window first
    expect(released).toEqual(["first", "late in the log", "second"]);
    expect(held.nextExpiry()).toBeUndefined();
    held.expire(Infinity);
    expect(released).toHaveLength(3); // each reported once
  });
});
