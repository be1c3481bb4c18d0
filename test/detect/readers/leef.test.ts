/**
 * LEEF 1.0/2.0 input (src/detect/readers/leef.ts): header versions, the 2.0 delimiter field (one
 * character, hex, empty), devTime forms, the syslog header's time as fallback, conn and http records,
 * and what is skipped or malformed. Records laid out as IBM's LEEF guide shows them.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { leefDelimiter } from "../../../src/detect/readers/leef.js";
import { brief, readAll, tempFile } from "./helpers.js";

const T = Date.UTC(2026, 11, 6, 14, 0, 0);
const lines = [
  // 1: LEEF 1.0, tab-separated, devTime with its format, a firewall connection
  `<13>Dec  6 14:00:00 fw01 LEEF:1.0|Check Point|VPN-1 & FireWall-1|R81.20|Accept|devTimeFormat=MMM dd yyyy HH:mm:ss\tdevTime=Dec 06 2026 14:00:00\tsrc=10.20.30.40\tdst=192.0.32.59\tsrcPort=41000\tdstPort=43\tproto=6\taction=Accept`,
  // 2: LEEF 2.0 with "^", epoch-ms devTime, a denied flow
  `LEEF:2.0|Lancope|StealthWatch|6.5|41|^|devTime=${T + 1000}^src=10.20.30.66^dst=198.51.100.200^srcPort=61000^dstPort=43^proto=tcp^action=deny`,
  // 3: LEEF 2.0 with a hex delimiter (x09 = tab) and no devTime: the RFC 5424 header's time
  `<134>1 2026-12-06T15:00:02.000+01:00 proxy01 - - - - LEEF:2.0|Zscaler|NSSWeblog|6.1|Allowed|x09|src=10.20.30.40\turl=https://rdap.verisign.com/com/v1/domain/contoso.com\tmethod=GET\tuserAgent=curl/8.5.0`,
  // 4: LEEF 2.0, empty delimiter field (tab), ISO devTime
  `LEEF:2.0|Vendor|Product|1.0|login||devTime=2026-12-06T14:00:03Z\tsrc=10.20.30.41\tusrName=alice`,
  // 5: LEEF 1.0 whose tabs a relay turned into spaces: split like a CEF extension
  `LEEF:1.0|Microsoft|MSExchange|2016|15345|devTime=${T + 4000} src=10.50.1.1 dst=198.51.100.7 srcPort=1200 dstPort=443 cat=Web Traffic`,
  // 6: a delimiter field that is neither one character nor hex: malformed
  `LEEF:2.0|V|P|1|id|zz|src=10.0.0.1zzdst=10.0.0.2`,
  // 7: no source: malformed
  `LEEF:1.0|V|P|1|id|devTime=${T}\tdst=10.0.0.2\tdstPort=43`,
  // 8: not LEEF
  `Dec  6 14:00:09 host sshd[1]: Accepted publickey for alice`,
];

describe("leef reader", () => {
  it("reads LEEF 1.0 and 2.0 records as conn and http events; logins skipped, broken records malformed", async () => {
    const { events, stats } = await readAll(tempFile("qradar.leef", `${lines.join("\n")}\n`));
    expect(stats.format).toBe("leef");
    expect([stats.lines, stats.events, stats.skipped, stats.malformed]).toEqual([8, 4, 2, 2]);
    expect(events.map(brief)).toEqual([
      { kind: "conn", ts: T, src: "10.20.30.40", dst: "192.0.32.59", dstPort: 43, srcPort: 41000, proto: "tcp", state: "accept", format: "leef", line: 1 },
      { kind: "conn", ts: T + 1000, src: "10.20.30.66", dst: "198.51.100.200", dstPort: 43, srcPort: 61000, proto: "tcp", state: "deny", format: "leef", line: 2 },
      { kind: "http", ts: T + 2000, src: "10.20.30.40", host: "rdap.verisign.com", url: "https://rdap.verisign.com/com/v1/domain/contoso.com",
        path: "/com/v1/domain/contoso.com", method: "GET", userAgent: "curl/8.5.0", format: "leef", line: 3 },
      { kind: "conn", ts: T + 4000, src: "10.50.1.1", dst: "198.51.100.7", dstPort: 443, srcPort: 1200, proto: "other", format: "leef", line: 5 },
    ]);
  });

  it("delimiter field: one character, x/0x with 1-4 hex digits, empty = tab", () => {
    expect(["^", "x5E", "0x5e", "x09", "", "0x7C", "zz", "x12345"].map(leefDelimiter)).toEqual(["^", "^", "^", "\t", "\t", "|", undefined, undefined]);
  });

  it("alerts: the allowed port-43 connection and the RDAP request; the denied SYN is no lookup", async () => {
    const { alerts } = await detectFiles([tempFile("qradar-2.leef", `${lines.join("\n")}\n`)]);
    expect(alerts.map((a) => `${a.ruleId} ${a.source.ip}`).sort()).toEqual(["whois-port43-egress 10.20.30.40", "whois-rdap-endpoint 10.20.30.40"]);
  });
});
