/**
 * `detect --follow` on a DNS server's live log that goes quiet: a DNS hit (a WHOIS server's name asked) is held for
 * resolver attribution (`holdMs`, 10 s) in case the same question shows up again as a forwarded leg or from a client
 * of this source. It used to wait on the log's own timestamps alone, so the alert for the last lookup before a quiet
 * spell came only with the next line, or never. Now the wall clock releases it too once the hold has passed since it
 * was read. dnsmasq's log-queries lines, as test/detect/fixtures/dnsmasq.log recorded them from a real dnsmasq 2.90.
 */
import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alertsOf, startFollow, until } from "./follow-helpers.js";

const HOLD = 10_000; // resolver attribution's holdMs (engine/detector.ts)
const dir = mkdtempSync(join(tmpdir(), "wl-follow-dns-"));
const query = (time: string, name: string, client: string): string => `Dec  6 ${time} dnsmasq[13285]: query[A] ${name} from ${client}\n`;

describe("detect --follow, a DNS log that goes quiet", () => {
  it("the last WHOIS server name asked alerts once the hold has passed on the wall clock, with no further line", async () => {
    const path = join(dir, "quiet.log");
    const { clock, io, done } = startFollow(path, ["--log-format", "dnsmasq"]);
    appendFileSync(path, query("09:24:34", "www.wikipedia.org", "192.168.7.21") + query("09:24:35", "whois.verisign-grs.com", "192.168.7.21"));
    await until(() => clock.nextDue() !== undefined, "the DNS hit's release to be scheduled");
    expect(clock.nextDue()).toBe(HOLD);
    await clock.advanceTo(HOLD - 1);
    expect(io.out.join("")).toBe("");
    await clock.advanceTo(HOLD);
    const alerts = alertsOf(io.out);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.source.ip).toBe("192.168.7.21");
    expect(clock.nextDue()).toBeUndefined();
    io.interrupt();
    expect(await done).toBe(1);
  });

  it("a later line past the hold releases it on the log's clock first; the wall clock then reports nothing twice", async () => {
    const path = join(dir, "busy.log");
    const { clock, io, done } = startFollow(path, ["--log-format", "dnsmasq"]);
    appendFileSync(path, query("09:24:35", "whois.iana.org", "192.168.7.22"));
    await until(() => clock.nextDue() !== undefined, "the DNS hit to be held");
    // 11 s later in the log's own time, read at once: the log's clock has passed the hold.
    appendFileSync(path, query("09:24:46", "www.wikipedia.org", "192.168.7.23"));
    await until(() => io.out.join("") !== "", "the hit to be released by the log's clock");
    const first = alertsOf(io.out);
    expect(first.map((a) => a.source.ip)).toEqual(first.map(() => "192.168.7.22"));
    expect(clock.nextDue()).toBeUndefined();
    await clock.advanceTo(10 * HOLD);
    expect(alertsOf(io.out)).toEqual(first);
    io.interrupt();
    expect(await done).toBe(1);
  });
});
