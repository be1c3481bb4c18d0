import { describe, expect, it } from "vitest";
import { nirReferralFor, NIR_REFERRALS } from "../../src/servers/nir-referrals.js";
import { cpuTimed } from "../helpers/cpu-time.js";

/** APNIC's answer for a national registry's allocation names no server: the NIR table hands it over. */
const ALLOCATION = (maintainer: string) =>
  ["% [whois.apnic.net]", "", "inetnum:        203.0.113.160 - 203.0.113.191", "netname:        JPNIC-NET-JP", "country:        JP",
    "mnt-by:         APNIC-HM", `mnt-lower:      ${maintainer}`, "source:         APNIC", ""].join("\n");

describe("nirReferralFor", () => {
  it.each(NIR_REFERRALS.map((row) => [row.mntLower, row.server]))("APNIC's allocation with mnt-lower %s goes on to %s", (maintainer, server) => {
    expect(nirReferralFor("whois.apnic.net", ALLOCATION(maintainer))).toBe(server);
    expect(nirReferralFor("WHOIS.APNIC.NET", ALLOCATION(maintainer.toLowerCase()))).toBe(server);
  });

  it("nothing for an ordinary holder's maintainer, for another RIR's answer, or without mnt-lower", () => {
    expect(nirReferralFor("whois.apnic.net", ALLOCATION("MAINT-KIWIFIBRE-NZ"))).toBeUndefined();
    expect(nirReferralFor("whois.ripe.net", ALLOCATION("MAINT-JPNIC"))).toBeUndefined();
    expect(nirReferralFor("whois.apnic.net", ALLOCATION("MAINT-JPNIC").replace("mnt-lower:", "mnt-by:"))).toBeUndefined();
    // Only the attribute at a line start counts: a remark quoting it does not hand the answer over.
    expect(nirReferralFor("whois.apnic.net", "remarks:        see mnt-lower: MAINT-JPNIC\n")).toBeUndefined();
  });

  it("a hostile answer (a 1 MiB line of maintainer characters) is read in linear time (ReDoS tripwire, CPU time)", () => {
    const text = `mnt-lower: ${"A-".repeat(512 * 1024)}\n`.repeat(2);
    const { value, cpuMs } = cpuTimed(() => nirReferralFor("whois.apnic.net", text));
    expect(value).toBeUndefined();
    expect(cpuMs).toBeLessThan(2000);
  });
});
