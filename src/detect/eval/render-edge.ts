/** Edge devices: iptables/ufw syslog, a firewall CSV export, and the Squid native access log. */
import type { Flow, World } from "./model.js";
import type { Rng } from "./prng.js";

export const internal = (ip: string) => ip.startsWith("10.");
export const egress = (w: World) => w.flows.filter((f) => internal(f.src) && !internal(f.dst));
const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}${String((ms * 1000) % 1000 | 0).padStart(3, "0")}+00:00`;

/** Inbound internet noise hitting the WAN address (blocked): not internal hosts, never an alert. */
export function inbound(w: World, rng: Rng): Flow[] {
  const out: Flow[] = [];
  for (let t = w.start; t < w.end; t += rng.exp(20_000)) {
    out.push({ uid: "", ts: Math.round(t), src: `198.51.100.${rng.int(1, 254)}`, sport: rng.int(1024, 65535), dst: "203.0.113.1", dport: rng.pick([22, 23, 3389, 445, 8080, 5060]), proto: "tcp", durationMs: 0, origBytes: 0, respBytes: 0, state: "S0" });
  }
  return out;
}

export function renderFirewallSyslog(w: World, rng: Rng): string {
  const rows = [...egress(w).map((f) => [f, true] as const), ...inbound(w, rng).map((f) => [f, false] as const)].sort((a, b) => a[0].ts - b[0].ts);
  const boot = w.start - 3_456_789_000;
  return rows.map(([f, out], i) => {
    const proto = f.proto.toUpperCase();
    const tcp = f.proto === "tcp" ? ` WINDOW=64240 RES=0x00 SYN URGP=0` : ` LEN=${f.origBytes + 8}`;
    const uptime = ((f.ts - boot) / 1000).toFixed(6).padStart(12);
    const ufw = i % 3 === 0;
    const prefix = out ? (ufw ? "[UFW ALLOW]" : "FW-EGRESS-ACCEPT ") : ufw ? "[UFW BLOCK]" : "FW-WAN-DROP ";
    const ifaces = out ? "IN=ens19 OUT=ens18" : "IN=ens18 OUT=";
    return `${rfc3339(f.ts)} fw01 kernel: [${uptime}] ${prefix}${ufw ? " " : ""}${ifaces} MAC=52:54:00:9c:1e:aa:52:54:00:41:7f:02:08:00 SRC=${f.src} DST=${f.dst} LEN=${f.proto === "tcp" ? 60 : f.origBytes + 28} TOS=0x00 PREC=0x00 TTL=63 ID=${(i * 7919) % 65536}${f.proto === "tcp" ? " DF" : ""} PROTO=${proto} SPT=${f.sport} DPT=${f.dport}${tcp}\n`;
  }).join("");
}

/** Column names of the CSV export (the column map readers need is in CSV_COLUMN_MAP). */
/** A PAN-OS-like traffic export; its column map is what a user passes (`--column-map`). */
export const CSV_HEADER = ["Generate Time", "Serial #", "Type", "Source address", "Destination address", "NAT Source IP", "Rule", "Application", "Source Port", "Destination Port", "IP Protocol", "Action", "Bytes Sent", "Bytes Received"] as const;
export const CSV_COLUMN_MAP: Record<string, string> = { ts: "Generate Time", src: "Source address", dst: "Destination address", sport: "Source Port", dport: "Destination Port", proto: "IP Protocol", action: "Action" };

export function renderFirewallCsv(w: World, rng: Rng): string {
  const rows = [...egress(w).map((f) => [f, true] as const), ...inbound(w, rng).map((f) => [f, false] as const)].sort((a, b) => a[0].ts - b[0].ts);
  const app: Record<number, string> = { 43: "whois", 53: "dns", 80: "web-browsing", 443: "ssl", 25: "smtp", 123: "ntp" };
  const lines = rows.map(([f, out]) => [new Date(f.ts).toISOString(), "013201001234", "TRAFFIC", f.src, f.dst, out ? "203.0.113.1" : "", out ? "allow-egress" : "default-deny",
    app[f.dport] ?? (f.state === "S0" ? "incomplete" : "unknown-tcp"), f.sport, f.dport, f.proto, out ? "allow" : "deny", out ? f.origBytes : 0, out ? f.respBytes : 0].join(","));
  return `${[CSV_HEADER.join(","), ...lines].join("\n")}\n`;
}

/** Squid native log: CONNECT lines for HTTPS, plus the HTTPS URLs when it bumps TLS; full URLs for HTTP. */
export function renderSquid(w: World, bump: boolean): string {
  const rows: [number, string][] = [];
  const line = (end: number, elapsed: number, f: Flow, code: string, bytes: number, method: string, url: string, type: string) =>
    rows.push([end, `${(end / 1000).toFixed(3)} ${String(elapsed).padStart(6)} ${f.src} ${code} ${bytes} ${method} ${url} - HIER_DIRECT/${f.dst} ${type}`]);
  const seen = new Set<Flow>();
  for (const h of w.http) {
    if (!internal(h.flow.src) || internal(h.flow.dst)) continue;
    if (h.encrypted) {
      if (!seen.has(h.flow)) {
        seen.add(h.flow);
        line(h.flow.ts + h.flow.durationMs, h.flow.durationMs, h.flow, bump ? "NONE_NONE/200" : "TCP_TUNNEL/200", bump ? 0 : h.flow.respBytes, "CONNECT", `${h.host}:443`, "-");
      }
      if (bump) line(h.ts + 60, 60, h.flow, `TCP_MISS/${h.status}`, h.respLen, h.method, `https://${h.host}${h.uri}`, h.host.startsWith("rdap") ? "application/rdap+json" : "text/html");
    } else {
      const type = h.host.startsWith("rdap") ? "application/rdap+json" : "text/html";
      line(h.ts + 40, 40, h.flow, `TCP_MISS/${h.status}`, h.respLen, h.method, `http://${h.host}${h.uri}`, type);
    }
  }
  rows.sort((a, b) => a[0] - b[0]);
  return rows.map(([, l]) => `${l}\n`).join("");
}
