/**
 * Egress flows (plus blocked inbound noise) as five firewall and flow-log families: PAN-OS traffic
 * CSV over syslog, FortiGate key=value, Cisco ASA 302013-302016, pfSense filterlog (RFC 5424) and
 * AWS VPC Flow Logs v2, plus Windows Defender Firewall's pfirewall.log and CEF. Stamps carry their year (or are epochs) so the labels' windows stay right.
 */
import type { Flow, World } from "./model.js";
import type { Rng } from "./prng.js";
import { egress, inbound } from "./render-edge.js";

const NAT = "203.0.113.1";
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
type Row = readonly [Flow, boolean];

function rows(w: World, rng: Rng): Row[] {
  return [...egress(w).map((f) => [f, true] as const), ...inbound(w, rng).map((f) => [f, false] as const)].sort((a, b) => a[0].ts - b[0].ts);
}

const panTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const APP: Record<number, string> = { 43: "whois", 53: "dns", 80: "web-browsing", 443: "ssl", 25: "smtp", 123: "ntp" };

/** PAN-OS 10.x traffic log fields in syslog order (the first 50 of them). */
export function renderPanos(w: World, rng: Rng): string {
  return rows(w, rng).map(([f, out], i) => {
    const end = f.ts + f.durationMs;
    const reason = !out ? "policy-deny" : f.state === "S0" ? "aged-out" : f.state === "REJ" ? "tcp-rst-from-server" : f.proto === "tcp" ? "tcp-fin" : "aged-out";
    const app = out ? (APP[f.dport] ?? (f.state === "S0" ? "incomplete" : "unknown-tcp")) : "not-applicable";
    const fields = ["1", panTime(end + 1000), "013201001234", "TRAFFIC", out ? "end" : "drop", "2817", panTime(f.ts), f.src, f.dst, out ? NAT : "0.0.0.0", out ? f.dst : "0.0.0.0",
      out ? "allow-egress" : "interzone-default", "", "", app, "vsys1", out ? "trust" : "untrust", out ? "untrust" : "trust", out ? "ethernet1/2" : "ethernet1/1", out ? "ethernet1/1" : "",
      "Log-Fwd", panTime(end + 1000), String(40000 + i), "1", String(f.sport), String(f.dport), out ? String(f.sport) : "0", out ? String(f.dport) : "0", out ? "0x400053" : "0x0",
      f.proto, out ? "allow" : "deny", String(f.origBytes + f.respBytes), String(f.origBytes), String(f.respBytes), "4", panTime(f.ts), String(Math.round(f.durationMs / 1000)),
      "any", "", String(7253419119627122716n + BigInt(i)), "0x8000000000000000", "10.0.0.0-10.255.255.255", "United States", "", "2", "2", reason];
    return `<14>${new Date(end + 1000).toISOString()} PA-3220 ${fields.join(",")}\n`;
  }).join("");
}

/** FortiOS traffic logs; the session's end as action (close/timeout/server-rst), eventtime in ns. */
export function renderFortigate(w: World, rng: Rng): string {
  return rows(w, rng).map(([f, out], i) => {
    const d = new Date(f.ts);
    const action = !out ? "deny" : f.proto !== "tcp" ? "accept" : f.state === "S0" ? "timeout" : f.state === "REJ" ? "server-rst" : "close";
    const service = f.dport === 43 ? "WHOIS" : f.dport === 443 ? "HTTPS" : f.dport === 80 ? "HTTP" : f.dport === 53 ? "DNS" : `${f.proto.toUpperCase()}/${f.dport}`;
    return `date=${d.toISOString().slice(0, 10)} time=${d.toISOString().slice(11, 19)} devname="FGT60F-HQ" devid="FGT60FTK2109ABCD" eventtime=${BigInt(f.ts) * 1_000_000n} tz="+0000" ` +
      `logid="${out ? "0000000013" : "0000000020"}" type="traffic" subtype="forward" level="notice" vd="root" srcip=${f.src} srcport=${f.sport} srcintf="${out ? "internal" : "wan1"}" ` +
      `srcintfrole="${out ? "lan" : "wan"}" dstip=${f.dst} dstport=${f.dport} dstintf="${out ? "wan1" : "internal"}" sessionid=${900000 + i} proto=${f.proto === "tcp" ? 6 : 17} ` +
      `action="${action}" policyid=${out ? 1 : 0} policytype="policy" service="${service}" trandisp="${out ? "snat" : "noop"}" duration=${Math.round(f.durationMs / 1000)} ` +
      `sentbyte=${f.origBytes} rcvdbyte=${out ? f.respBytes : 0} appcat="unscanned"\n`;
  }).join("");
}

const asaStamp = (ms: number) => {
  const d = new Date(ms);
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()]} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** ASA with `logging timestamp`: Built/Teardown pairs for egress, 106023 denies for inbound noise. */
export function renderAsa(w: World, rng: Rng): string {
  const lines: [number, string][] = [];
  rows(w, rng).forEach(([f, out], i) => {
    const id = 310000 + i;
    if (!out) {
      lines.push([f.ts, `<164>${asaStamp(f.ts)}: %ASA-4-106023: Deny ${f.proto} src outside:${f.src}/${f.sport} dst inside:${f.dst}/${f.dport} by access-group "outside_in" [0x0, 0x0]`]);
      return;
    }
    const P = f.proto === "tcp" ? "TCP" : "UDP";
    const [built, down] = f.proto === "tcp" ? ["302013", "302014"] : ["302015", "302016"];
    lines.push([f.ts, `<166>${asaStamp(f.ts)}: %ASA-6-${built}: Built outbound ${P} connection ${id} for outside:${f.dst}/${f.dport} (${f.dst}/${f.dport}) to inside:${f.src}/${f.sport} (${NAT}/${f.sport})`]);
    const end = f.ts + (f.state === "S0" ? 30_000 : f.durationMs);
    const reason = f.proto !== "tcp" ? "" : f.state === "S0" ? " SYN Timeout" : f.state === "REJ" ? " TCP Reset-O" : " TCP FINs";
    const secs = Math.round((end - f.ts) / 1000);
    lines.push([end, `<166>${asaStamp(end)}: %ASA-6-${down}: Teardown ${P} connection ${id} for outside:${f.dst}/${f.dport} to inside:${f.src}/${f.sport} duration 0:${pad(Math.floor(secs / 60))}:${pad(secs % 60)} bytes ${f.origBytes + f.respBytes}${reason}`]);
  });
  return lines.sort((a, b) => a[0] - b[0]).map(([, l]) => `${l}\n`).join("");
}

/** pfSense filterlog in RFC 5424 syslog: LAN `pass in` for egress, WAN `block in` for inbound noise. */
export function renderPfsense(w: World, rng: Rng): string {
  return rows(w, rng).map(([f, out], i) => {
    const stamp = `${new Date(f.ts).toISOString().slice(0, 23)}000+00:00`;
    const ip = `4,0x0,,64,${(i * 7919) % 65536},0,DF,${f.proto === "tcp" ? "6,tcp" : "17,udp"},${f.proto === "tcp" ? 60 : f.origBytes + 28},${f.src},${f.dst},${f.sport},${f.dport}`;
    const tail = f.proto === "tcp" ? `,0,S,${(i * 104729) % 4294967296},,64240,,mss;sackOK;TS;nop;wscale` : `,${f.origBytes}`;
    return `<134>1 ${stamp} pfSense.corp.example filterlog 61452 - - ${out ? "5,,,1000000103,igb1,match,pass,in" : "7,,,1000000105,igb0,match,block,in"},${ip}${tail}\n`;
  }).join("");
}

/** VPC Flow Logs v2 with the S3 header: each direction of a flow is a record; NODATA intervals between. */
export function renderVpcFlow(w: World, rng: Rng): string {
  const lines: [number, string][] = [];
  const eni = "eni-0a1b2c3d4e5f60718";
  const rec = (f: Flow, src: string, dst: string, sport: number, dport: number, bytes: number, action: string) => {
    const s = Math.floor(f.ts / 1000);
    lines.push([f.ts, `2 123456789012 ${eni} ${src} ${dst} ${sport} ${dport} ${f.proto === "tcp" ? 6 : 17} ${Math.max(1, Math.round(bytes / 600))} ${bytes} ${s} ${s + 60} ${action} OK`]);
  };
  for (const [f, out] of rows(w, rng)) {
    if (!out) {
      rec(f, f.src, f.dst, f.sport, f.dport, 60, "REJECT");
      continue;
    }
    rec(f, f.src, f.dst, f.sport, f.dport, f.origBytes + 40, "ACCEPT");
    if (f.respBytes > 0 && f.state !== "S0") rec(f, f.dst, f.src, f.dport, f.sport, f.respBytes, "ACCEPT");
  }
  for (let t = w.start; t < w.end; t += 600_000) {
    const s = Math.floor(t / 1000);
    lines.push([t, `2 123456789012 eni-0fedcba9876543210 - - - - - - - ${s} ${s + 60} - NODATA`]);
  }
  lines.sort((a, b) => a[0] - b[0]);
  return `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n${lines.map(([, l]) => `${l}\n`).join("")}`;
}

/**
 * Windows Defender Firewall's pfirewall.log (header as Windows writes it, CRLF lines): egress as ALLOW … SEND,
 * the blocked inbound noise as DROP … RECEIVE. Collected from the hosts into one file, as a log shipper would.
 */
export function renderWindowsFirewall(w: World, rng: Rng): string {
  const head = ["#Version: 1.5", "#Software: Microsoft Windows Firewall", "#Time Format: Local",
    "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid", ""];
  const lines = rows(w, rng).map(([f, out], i) => {
    const stamp = new Date(f.ts).toISOString().slice(0, 19).replace("T", " ");
    const proto = f.proto === "tcp" ? "TCP" : "UDP";
    return out ? `${stamp} ALLOW ${proto} ${f.src} ${f.dst} ${f.sport} ${f.dport} 0 - - - - - - - SEND ${4000 + (i % 300)}`
      : `${stamp} DROP ${proto} ${f.src} ${f.dst} ${f.sport} ${f.dport} ${proto === "TCP" ? 52 : 0} ${proto === "TCP" ? "S" : "-"} - - - - - - RECEIVE 0`;
  });
  return [...head, ...lines].map((l) => `${l}\r\n`).join("");
}

/** The same flows as ArcSight CEF behind a syslog header, as a firewall set to CEF output writes them (Check Point's field use). */
export function renderCef(w: World, rng: Rng): string {
  return rows(w, rng).map(([f, out]) => {
    const d = new Date(f.ts);
    const syslog = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)}`;
    const proto = f.proto === "tcp" ? 6 : 17;
    return `<134>${syslog} cp-mgmt CheckPoint[2211]: CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|${out ? "Accept" : "Drop"}|Unknown|act=${out ? "Accept" : "Drop"} ` +
      `deviceDirection=${out ? 1 : 0} rt=${f.ts} spt=${f.sport} dpt=${f.dport} cs2Label=Rule Name cs2=${out ? "Allow outbound" : "Cleanup rule"} dst=${f.dst} proto=${proto} src=${f.src} origin=10.0.0.1\n`;
  }).join("");
}

/**
 * LEEF 1.0 as PAN-OS writes it for QRadar (a custom syslog format; IBM QRadar DSM Guide, "LEEF event
 * components" and "Predefined LEEF event attributes"): tab-separated, epoch-ms devTime, BSD syslog header.
 */
export function renderLeef(w: World, rng: Rng): string {
  return rows(w, rng).map(([f, out]) => {
    const d = new Date(f.ts);
    const syslog = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)}`;
    const attrs = [`cat=TRAFFIC`, `devTime=${f.ts}`, `src=${f.src}`, `dst=${f.dst}`, `srcPort=${f.sport}`, `dstPort=${f.dport}`, `proto=${f.proto}`,
      `action=${out ? "allow" : "deny"}`, `srcBytes=${f.origBytes}`, `dstBytes=${out ? f.respBytes : 0}`, `srcPostNAT=${out ? NAT : "0.0.0.0"}`];
    return `<14>${syslog} PA-3220 LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1|${out ? "allow" : "deny"}|${attrs.join("\t")}\n`;
  }).join("");
}
