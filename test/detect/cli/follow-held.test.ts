/**
 * `detect --follow` on a live log that goes quiet: a port-43 connection whose outcome the log does not say (WFP
 * 5156 "permitted", pfSense filterlog `pass`) is held for the port-scan window in case it is a scan's first probe.
 * It used to wait on the event clock alone — the alert for a real lookup came only with the next line, up to 600 s
 * of log time later, or never. Now the wall clock releases it once the window has passed since it was read. The
 * test hands the CLI a manual clock (CliIO.clock) and moves it itself: nothing sleeps for ten minutes.
 */
import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alertsOf, startFollow, until } from "./follow-helpers.js";
import { A, B, NMAP_DEVICE, WHOIS_DEVICE, jsonl, wfp } from "../winxml/events.js";

const WINDOW = 600_000; // whois-correlated-port-scan's indicatorWindowSeconds
const T0 = Date.UTC(2026, 11, 6, 9, 30, 0);
const SERVER = "192.0.32.59";
const dir = mkdtempSync(join(tmpdir(), "wl-follow-held-"));

interface Conn { t: number; host: typeof A; srcPort: number; dstPort: number }

/** pfSense "Filter Log Format": CSV after `filterlog[PID]:`, IPv4 TCP, a `pass` out (the outcome not said). */
function pfsense(c: Conn): string {
  const stamp = `Dec  6 ${new Date(T0 + c.t).toISOString().slice(11, 19)}`;
  return `${stamp} fw01 filterlog[61452]: 5,,,1000000103,igb1,match,pass,out,4,0x0,,64,12345,0,DF,6,tcp,60,${c.host.ip},${SERVER},${c.srcPort},${c.dstPort},0,S,2731514917,,64240,,mss;sackOK;TS;nop;wscale\n`;
}
const security5156 = (c: Conn): string => jsonl([wfp(5156, T0 + c.t, c.host.name, c.host === A ? NMAP_DEVICE : WHOIS_DEVICE, "out", [c.host.ip, c.srcPort], [SERVER, c.dstPort], 5200)]);

const renderings: { name: string; ext: string; line: (c: Conn) => string }[] = [
  { name: "Security 5156 JSON", ext: "jsonl", line: security5156 },
  { name: "pfSense filterlog pass", ext: "log", line: pfsense },
];

for (const r of renderings) {
  describe(`detect --follow, ${r.name}`, () => {
    it("a lookup on a log that then goes quiet alerts once the window has passed on the wall clock, with no further line", async () => {
      const path = join(dir, `quiet.${r.ext}`);
      const { clock, io, done } = startFollow(path);
      appendFileSync(path, r.line({ t: 0, host: B, srcPort: 50_001, dstPort: 43 }));
      await until(() => clock.nextDue() !== undefined, "the hold's release to be scheduled");
      expect(clock.nextDue()).toBe(WINDOW);
      await clock.advanceTo(WINDOW - 1);
      expect(io.out.join("")).toBe(""); // still within the window: it may yet be a scan's first probe
      await clock.advanceTo(WINDOW);
      const alerts = alertsOf(io.out);
      expect(alerts.length).toBeGreaterThan(0); // whois-port43-egress (and whois-endpoint-tool where whois.exe is named)
      for (const a of alerts) expect([a.source.ip, a.rule.id.startsWith("whois-")]).toEqual([B.ip, true]);
      expect(Date.parse(alerts[0]!["@timestamp"])).toBe(T0); // its own time, not the release's
      expect(clock.nextDue()).toBeUndefined(); // nothing left to wait for
      io.interrupt();
      expect(await done).toBe(1);
    });

    it("a scan whose other ports arrive within the window drops its port-43 probe: no T1596 alert, however long the wait", async () => {
      const path = join(dir, `scan.${r.ext}`);
      const { clock, io, done } = startFollow(path);
      // nmap put 43 early (a narrow -p 30-60 scan): the probe comes before the ports that make it a scan.
      appendFileSync(path, r.line({ t: 0, host: A, srcPort: 61_000, dstPort: 43 }));
      await until(() => clock.nextDue() !== undefined, "the probe to be held");
      await clock.advanceTo(WINDOW / 2); // the rest of the scan is appended five minutes later in real time
      let rest = "";
      for (let port = 30; port <= 60; port += 1) if (port !== 43) rest += r.line({ t: 50 + port, host: A, srcPort: 61_000 + port, dstPort: port });
      appendFileSync(path, rest);
      await until(() => clock.nextDue() === undefined, "the scan to drop the held probe");
      await clock.advanceTo(10 * WINDOW);
      expect(alertsOf(io.out)).toEqual([]);
      // A real lookup by another host afterwards still alerts on the wall clock: the drop was the scan's, not a stall.
      appendFileSync(path, r.line({ t: 120_000, host: B, srcPort: 50_002, dstPort: 43 }));
      await until(() => clock.nextDue() !== undefined, "the lookup to be held");
      await clock.advance(WINDOW);
      const alerts = alertsOf(io.out);
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts) expect(a.source.ip).toBe(B.ip);
      io.interrupt();
      expect(await done).toBe(1);
      expect(io.err.join("")).toMatch(/, 32 lines, 32 events, 0 skipped, 0 malformed/);
    });
  });
}
