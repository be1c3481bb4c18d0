/**
 * w23 (issue #13): one host, two spellings. The kernel's LOG target (iptables, ufw) writes IPv6 addresses in
 * full — nf_log's `%pI6`: `SRC=fd00:0000:0000:0000:0000:0000:0000:0005` — while Zeek writes `fd00::5`. The same
 * workstation's port-43 lookups in the firewall log and its NXDOMAIN burst in Zeek's dns.log were two sources:
 * no correlation, and an alert named by a spelling no other tool shows.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { canonicalIp } from "../../../src/detect/engine/canonical-ip.js";
import { tempFile } from "../readers/helpers.js";

const FULL = "fd00:0000:0000:0000:0000:0000:0000:0005";
const ufw = (s: number, dst: string, spt: number) =>
  `Dec  7 10:00:0${s} gw kernel: [12345.678901] [UFW ALLOW] IN= OUT=eth0 SRC=${FULL} DST=${dst} LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=TCP SPT=${spt} DPT=43 WINDOW=64800 RES=0x00 SYN URGP=0`;
/** The year a BSD syslog stamp "Dec  7" is read in: the latest that is not in the future (syslog-time.ts). */
const YEAR = Date.UTC(new Date().getUTCFullYear(), 11, 7, 10) > Date.now() + 2 * 86_400_000 ? new Date().getUTCFullYear() - 1 : new Date().getUTCFullYear();
const T0 = Date.UTC(YEAR, 11, 7, 10, 0, 10) / 1000;
const zeekDns = [
  "#separator \\x09", "#path\tdns", "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\trcode_name",
  ...Array.from({ length: 25 }, (_, i) => [(T0 + i).toFixed(6), `D${i}`, "fd00::5", 40000 + i, "fd00::53", 53, "udp", `nosuch${i}.example.com`, "A", "NXDOMAIN"].join("\t")),
].join("\n");

describe("IPv6 in full and compressed", () => {
  it("the ufw lookups of fd00:0000:…:0005 and the Zeek NXDOMAIN burst of fd00::5 are one source: correlated, named fd00::5", async () => {
    const fw = tempFile("ufw6-full.log", `${[ufw(0, "2001:0500:0031:0000:0000:0000:0000:0043", 50000), ufw(1, "2001:0500:0031:0000:0000:0000:0000:0043", 50001)].join("\n")}\n`);
    const dns = tempFile("zeek-dns6.log", `${zeekDns}\n`);
    const { alerts } = await detectFiles([fw, dns]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip]).sort()).toEqual([
      ["whois-correlated-dns-enumeration", "fd00::5"],
      ["whois-port43-egress", "fd00::5"],
    ]);
    expect(alerts.find((a) => a.ruleId === "whois-port43-egress")?.destination?.ip).toBe("2001:500:31::43");
  });

  it("spellings: full, upper-case, IPv4-mapped; IPv4 and host names as they are", () => {
    expect(["FE80:0000:0000:0000:0211:22FF:FE33:4455", "::ffff:10.0.0.5", "::FFFF:0a00:0005", "2001:db8::1", "10.0.0.5", "WS-17", "not:an:address"].map(canonicalIp))
      .toEqual(["fe80::211:22ff:fe33:4455", "10.0.0.5", "10.0.0.5", "2001:db8::1", "10.0.0.5", "WS-17", "not:an:address"]);
  });
});
