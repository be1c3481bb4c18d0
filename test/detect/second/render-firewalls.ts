/**
 * Second world, firewalls and flow logs: host A's port-43 connections are allowed (bytes both ways),
 * host B's ~200 SYNs are dropped or time out (43/tcp once), host C browses HTTPS.
 */
import { gzipSync } from "node:zlib";
import { HOST, bsd, isoPlus1, mon, pad, timeline } from "./scenario.js";

/** One flow of the world: allowed with payload, or a dropped / unanswered SYN. */
interface Flow { ts: number; src: string; dst: string; sport: number; dport: number; ok: boolean; host: "A" | "B" | "C"; i: number }
function flows(v6 = false): Flow[] {
  return timeline().map((it, i): Flow => it.host === "A" ? { ts: it.l.ts, src: v6 ? HOST.A6 : HOST.A, dst: v6 ? it.l.serverIp6 : it.l.serverIp, sport: it.l.sport, dport: 43, ok: true, host: "A", i }
    : it.host === "B" ? { ts: it.p.ts, src: HOST.B, dst: it.p.dst, sport: it.p.sport, dport: it.p.dport, ok: false, host: "B", i }
    : { ts: it.b.ts, src: HOST.C, dst: it.b.ip, sport: it.b.sport, dport: 443, ok: true, host: "C", i });
}
const ymd = (ms: number, sep = "-") => { const d = new Date(ms); return `${d.getUTCFullYear()}${sep}${pad(d.getUTCMonth() + 1)}${sep}${pad(d.getUTCDate())}`; };
const hms = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * Netfilter LOG target lines (iptables-extensions(8), LOG) written by rsyslog's RFC 5424 template
 * (RSYSLOG_SyslogProtocol23Format): `<4>1 2026-…T…+01:00 gw kernel - - - [prefix] IN= OUT= …`;
 * A's accepted egress logged by a `-j LOG --log-prefix "WHOIS-OUT "` rule; B's SYNs by UFW's block rule.
 */
export function netfilter5424(): string {
  return flows().filter((f) => f.host !== "C").map((f) => {
    const prefix = f.ok ? "WHOIS-OUT " : "[UFW BLOCK] ";
    return `<4>1 ${isoPlus1(f.ts)} gw01 kernel - - - ${prefix}IN=eth1 OUT=eth0 MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=${f.src} DST=${f.dst} LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=${1000 + f.i} DF PROTO=TCP SPT=${f.sport} DPT=${f.dport} WINDOW=64240 RES=0x00 SYN URGP=0 \n`;
  }).join("");
}

/** A generic firewall CSV export: lower-case snake_case headers in another order, epoch-second times, `deny`/`permit`. */
export function genericCsv(): string {
  return `event_time,action,protocol,src_ip,src_port,dst_ip,dst_port,bytes_out,bytes_in\n` + flows().map((f) =>
    `${Math.floor(f.ts / 1000)},${f.ok ? "permit" : "deny"},tcp,${f.src},${f.sport},${f.dst},${f.dport},${f.ok ? 420 : 0},${f.ok ? 1830 : 0}`).join("\n") + "\n";
}

/**
 * PAN-OS 11.1 traffic log (docs.paloaltonetworks.com, "Traffic Log Fields", syslog field order) behind
 * an RFC 3164 header without PRI as a relay stores it; 11.1 appends fields after the 10.x ones
 * (rule UUID, HTTP/2, link changes, SD-WAN, device identity…), here as the documented count of empty slots.
 */
export function panos11(): string {
  const t = (ms: number) => `${ymd(ms, "/")} ${hms(ms)}`;
  return flows().map((f) => {
    const end = f.ts + (f.ok ? 1000 : 0);
    const fields = ["1", t(end + 1000), "024101003456", "TRAFFIC", f.ok ? "end" : "drop", "2817", t(end + 1000), f.src, f.dst, f.ok ? "203.0.113.7" : "0.0.0.0", f.ok ? f.dst : "0.0.0.0",
      f.ok ? "egress-allow" : "egress-default-deny", "corp\\user", "", f.ok ? (f.dport === 43 ? "whois" : "ssl") : "not-applicable", "vsys1", "trust", "untrust", "ethernet1/3", f.ok ? "ethernet1/1" : "",
      "default", t(end + 1000), String(70000 + f.i), "1", String(f.sport), String(f.dport), f.ok ? "24000" : "0", f.ok ? String(f.dport) : "0", "0x500000", "tcp", f.ok ? "allow" : "deny",
      f.ok ? "2250" : "74", f.ok ? "420" : "74", f.ok ? "1830" : "0", f.ok ? "10" : "1", t(f.ts), f.ok ? "1" : "0", "any", "", String(9_100_000_000_000n + BigInt(f.i)), "0x0",
      "10.0.0.0-10.255.255.255", "United States", "", f.ok ? "5" : "1", f.ok ? "5" : "0", f.ok ? "tcp-fin" : "policy-deny", ...Array<string>(68).fill("")];
    return `${bsd(end + 1000)} PA-440.corp.example ${fields.join(",")}\n`;
  }).join("");
}

/** FortiOS 7.4 with `config log syslogd setting / set format csv` (FortiOS Log Message Reference, "Log formats"): the same key=value pairs joined by commas. IPv6 source for A. */
export function fortigateCsv(): string {
  return flows(true).map((f) => [`date=${ymd(f.ts)}`, `time=${hms(f.ts)}`, `devname="FG100F-EDGE"`, `devid="FG100FTK22000001"`, `eventtime=${f.ts * 1000}`, `tz="+0000"`,
    `logid="${f.ok ? "0000000013" : "0001000014"}"`, `type="traffic"`, `subtype="${f.ok ? "forward" : "local"}"`, `level="notice"`, `vd="root"`, `srcip=${f.src}`, `srcport=${f.sport}`,
    `srcintf="port1"`, `srcintfrole="lan"`, `dstip=${f.dst}`, `dstport=${f.dport}`, `dstintf="wan1"`, `dstintfrole="wan"`, `sessionid=${200000 + f.i}`, `proto=6`,
    `action="${f.ok ? "close" : "deny"}"`, `policyid=${f.ok ? 4 : 0}`, `service="${f.dport === 43 ? "WHOIS" : f.dport === 443 ? "HTTPS" : `tcp/${f.dport}`}"`,
    `sentbyte=${f.ok ? 420 : 0}`, `rcvdbyte=${f.ok ? 1830 : 0}`, `sentpkt=${f.ok ? 5 : 1}`, `rcvdpkt=${f.ok ? 5 : 0}`].join(",") + "\n").join("");
}

/** Cisco ASA 9.x with `logging timestamp rfc5424` and `logging device-id hostname` (ASA syslog messages 302013/302014; "Configure Syslog" guide); IPv6 for A. */
export function asa5424(): string {
  const out: [number, string][] = [];
  for (const f of flows(true)) {
    const id = 4_000_000 + f.i;
    out.push([f.ts, `<166>${new Date(f.ts).toISOString()} asa-edge-01 : %ASA-6-302013: Built outbound TCP connection ${id} for outside:${f.dst}/${f.dport} (${f.dst}/${f.dport}) to inside:${f.src}/${f.sport} (${f.src.includes(":") ? f.src : "203.0.113.7"}/${f.sport})`]);
    const end = f.ts + (f.ok ? 1000 : 30_000);
    out.push([end, `<166>${new Date(end).toISOString()} asa-edge-01 : %ASA-6-302014: Teardown TCP connection ${id} for outside:${f.dst}/${f.dport} to inside:${f.src}/${f.sport} duration 0:00:${f.ok ? "01" : "30"} bytes ${f.ok ? 2250 : 0} ${f.ok ? "TCP FINs" : "SYN Timeout"} from inside`]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, l]) => `${l}\n`).join("");
}

/** pfSense filterlog, IPv6 rows (docs.netgate.com, "Filter Log Format": ip version 6 → class, flow label, hop limit, protocol, protocol id, length, src, dst…), RFC 5424 header. */
export function pfsenseV6(): string {
  return flows(true).map((f) => {
    const v6 = f.src.includes(":");
    const ip = v6 ? ["6", "0x00", "0x00000", "64", "tcp", "6", "40", f.src, f.dst] : ["4", "0x0", "", "64", String(30000 + f.i), "0", "DF", "6", "tcp", "60", f.src, f.dst];
    const row = ["7", "", "", "1000000105", "igb1", "match", f.ok ? "pass" : "block", "in", ...ip, String(f.sport), String(f.dport), "0", "S", String(1000 + f.i), "", "64800", "", "mss;nop;wscale;sackOK;TS"];
    return `<134>1 ${new Date(f.ts).toISOString()} fw01.corp.example filterlog 51552 - - ${row.join(",")}\n`;
  }).join("");
}

/**
 * VPC Flow Logs v5 with a custom field order (docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html,
 * "Available fields"): header line first, gzip as S3 delivery writes it, `tcp-flags` 2 for a lone SYN.
 */
export function vpcV5Gz(): Buffer {
  const head = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status";
  const rows = flows().map((f) => ["5", "vpc-0a1b2c3d", "subnet-11aa22bb", "i-0123456789abcdef0", "eni-0fedcba987654321", "210987654321", "IPv4", f.src, f.dst, f.sport, f.dport, f.src, f.dst,
    6, f.ok ? 2250 : 44, f.ok ? 10 : 1, Math.floor(f.ts / 1000), Math.floor(f.ts / 1000) + 5, f.ok ? "ACCEPT" : "REJECT", f.ok ? 19 : 2, "OK"].join(" "));
  return gzipSync(`${[head, ...rows].join("\n")}\n`);
}

/**
 * Windows Defender Firewall pfirewall.log (learn.microsoft.com, "Configure Windows Firewall logging"):
 * W3C header, CRLF, and the `pid` column Windows 11 appends after `path`.
 */
export function pfirewallPid(): string {
  const head = ["#Version: 1.5", "#Software: Microsoft Windows Firewall", "#Time Format: Local",
    "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid", ""];
  const rows = flows().map((f) => `${ymd(f.ts)} ${hms(f.ts)} ${f.ok ? "ALLOW" : "DROP"} TCP ${f.src} ${f.dst} ${f.sport} ${f.dport} 0 - - - - - - - SEND ${f.ok ? 6400 : 4}`);
  return `${[...head, ...rows].join("\r\n")}\r\n`;
}

/**
 * CEF (ArcSight "Implementing ArcSight CEF" rev. 25): FortiGate's CEF traffic logs (FortiOS "CEF support")
 * behind an RFC 5424 header, `rt` as "MMM dd yyyy HH:mm:ss", extension keys in the vendor's order, an escaped `=` in a value.
 */
export function cefFortinet5424(): string {
  const rt = (ms: number) => { const d = new Date(ms); return `${mon(ms)} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${hms(ms)}`; };
  return flows().map((f) => `<189>1 ${new Date(f.ts).toISOString()} FG100F - - - - CEF:0|Fortinet|Fortigate|v7.4.3|${f.ok ? "00013" : "00014"}|traffic:forward ${f.ok ? "close" : "deny"}|3|` +
    `deviceExternalId=FG100FTK22000001 FTNTFGTlogid=${f.ok ? "0000000013" : "0000000014"} cat=traffic:forward FTNTFGTsubtype=forward FTNTFGTlevel=notice FTNTFGTvd=root ` +
    `rt=${rt(f.ts)} src=${f.src} spt=${f.sport} deviceInboundInterface=port1 dst=${f.dst} dpt=${f.dport} deviceOutboundInterface=wan1 proto=6 act=${f.ok ? "close" : "deny"} ` +
    `FTNTFGTpolicyid=${f.ok ? 4 : 0} app=${f.dport === 43 ? "WHOIS" : "HTTPS"} out=${f.ok ? 420 : 0} in=${f.ok ? 1830 : 0} msg=policy a\\=b\n`).join("");
}

/**
 * LEEF (IBM QRadar DSM Guide, "Log Event Extended Format"): web records as LEEF 1.0 (tab-separated,
 * `devTimeFormat=MMM dd yyyy HH:mm:ss`, a Zscaler NSS web feed's keys) behind an RFC 3164 header; the
 * scanner's dropped flows as LEEF 2.0 with a hex delimiter (`x5E`, `^`), epoch-ms devTime and an RFC 5424 header.
 */
export function leefMixed(): string {
  const dt = (ms: number) => { const d = new Date(ms); return `${mon(ms)} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${hms(ms)}`; };
  return timeline().map((it) => {
    if (it.host === "B") {
      const p = it.p;
      return `<134>1 ${new Date(p.ts).toISOString()} smc01 - - - - LEEF:2.0|Lancope|StealthWatch|7.4|flow_denied|x5E|devTime=${p.ts}^src=${HOST.B}^dst=${p.dst}^srcPort=${p.sport}^dstPort=${p.dport}^proto=tcp^action=deny^sev=3\n`;
    }
    const [ts, src, url, ua] = it.host === "A" ? [it.l.ts, HOST.A, it.l.rdapUrl, "python-requests/2.31.0"] : [it.b.ts, HOST.C, `https://${it.b.name}/`, "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"];
    const attrs = [`devTimeFormat=MMM dd yyyy HH:mm:ss`, `devTime=${dt(ts)}`, `src=${src}`, `usrName=analyst@corp.example`, `cat=Professional Services`,
      `url=${url}`, `method=GET`, `userAgent=${ua}`, `action=Allowed`, `respsize=1893`];
    return `${bsd(ts)} zscaler-nss LEEF:1.0|Zscaler|NSSWeblog|6.1|Allowed|${attrs.join("\t")}\n`;
  }).join("");
}
