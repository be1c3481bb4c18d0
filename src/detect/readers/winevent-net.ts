/**
 * The network events Windows teams collect beside Sysmon, one builder per event id (winevent.ts PROVIDERS
 * dispatches to them by provider), the same in every encoding (JSON layouts in sysmon.ts, XML in winxml.ts):
 *
 * - Security 5156 "The Windows Filtering Platform has permitted a connection" and 5157 "… has blocked a
 *   connection" (Microsoft Learn, windows/security/threat-protection/auditing/event-5156 and event-5157):
 *   ProcessID, Application (a device path, `\device\harddiskvolume2\windows\system32\whois.exe`), Direction
 *   (`%%14593` outbound, `%%14592` inbound), SourceAddress/SourcePort (the local end), DestAddress/DestPort
 *   (the remote end), Protocol (IANA number: 6 TCP, 17 UDP). An outbound connection is the host's own:
 *   src = SourceAddress (the host rule: the event's own address at that moment). An inbound one was opened by
 *   the remote end, so the sides swap: src = DestAddress, dst = SourceAddress:SourcePort. 5157 is a blocked
 *   connection: an attempt (state "blocked", no payload), port-scan evidence, never a lookup.
 * - Microsoft-Windows-DNS-Client/Operational 3006 "DNS query is called", 3008 "DNS query is completed",
 *   3020 "Query response" (the channel's event manifest, `wevtutil gp Microsoft-Windows-DNS-Client /ge /gm`;
 *   Microsoft Learn "DNS client event logging"): QueryName, QueryType (number), QueryStatus (3008) / Status
 *   (3020) as Windows DNS status codes (sysmon.ts QUERY_STATUS), the caller's process id only in
 *   System/Execution@ProcessID. One lookup writes 3006, then 3020 per network answer, then 3008: the first
 *   of 3020/3008 for a (host, pid, name, type) within 5 s is the event, the others are skipped as its
 *   copies; 3006 (the call, no answer yet) is skipped.
 */
import type { DetectEvent } from "../types.js";
import { int, protoName } from "./common.js";
import { QTYPES } from "../pcap/payload.js";
import { type Ctx, QUERY_STATUS } from "./sysmon.js";

type Build = (c: Ctx) => DetectEvent | undefined | null;

/** Direction as the event writes it (the `%%` message ids, or the rendered words some exports carry). */
const DIRECTIONS: Record<string, "out" | "in"> = {
  "%%14593": "out", "%%14592": "in", outbound: "out", inbound: "in",
};

const wfp = (blocked: boolean): Build => (c) => {
  const raw = c.data("Direction")?.toLowerCase();
  const dir = raw === undefined ? undefined : Object.hasOwn(DIRECTIONS, raw) ? DIRECTIONS[raw] : undefined;
  const local = c.data("SourceAddress"), remote = c.data("DestAddress");
  const localPort = int(c.data("SourcePort")), remotePort = int(c.data("DestPort"));
  if (dir === undefined || local === undefined || remote === undefined || localPort === undefined || remotePort === undefined) return undefined;
  const [src, srcPort, dst, dstPort] = dir === "out" ? [local, localPort, remote, remotePort] : [remote, remotePort, local, localPort];
  const image = c.data("Application") ?? "";
  return { kind: "conn", ts: c.ts, src, srcPort, dst, dstPort, proto: protoName(c.data("Protocol")), format: "windows-event", evidence: c.evidence,
    ...(blocked ? { state: "blocked", payload: false } : {}),
    // An inbound connection's process is the local listener, not the remote client that opened it.
    ...(dir === "out" ? { process: { image, pid: int(c.data("ProcessID")) ?? int(c.data("ProcessId")), host: c.host } } : {}) };
};

export const WFP_EVENTS: Record<string, Build> = { "5156": wfp(false), "5157": wfp(true) };

const dnsClient = (statusField: string): Build => (c) => {
  const query = c.data("QueryName");
  const src = c.hostIp ?? c.host;
  if (query === undefined || src === undefined) return undefined;
  const type = c.data("QueryType");
  if (c.recent?.(`${src}|${c.systemPid ?? ""}|${query.toLowerCase()}|${type ?? ""}`, c.ts) === true) return null;
  const status = c.data(statusField);
  const n = int(type);
  return { kind: "dns", ts: c.ts, src, query: query.endsWith(".") ? query.slice(0, -1) : query,
    qtype: n !== undefined && Object.hasOwn(QTYPES, n) ? QTYPES[n] : type,
    rcode: status === undefined ? undefined : Object.hasOwn(QUERY_STATUS, status) ? QUERY_STATUS[status] : status,
    format: "windows-event", evidence: c.evidence, process: { image: "", pid: c.systemPid, host: c.host } };
};

export const DNS_CLIENT_EVENTS: Record<string, Build> = {
  "3006": () => null, // the call: its 3020/3008 follow with the answer
  "3008": dnsClient("QueryStatus"),
  "3020": dnsClient("Status"),
};

const RECENT_MS = 5_000;
const RECENT_MAX = 4_096;

/** A bounded memory of keys seen in the last 5 s (oldest forgotten first): true when `key` was. */
export function recentKeys(): (key: string, ts: number) => boolean {
  const seen = new Map<string, number>();
  return (key, ts) => {
    const at = seen.get(key);
    seen.delete(key);
    seen.set(key, ts);
    if (seen.size > RECENT_MAX) seen.delete(seen.keys().next().value as string);
    return at !== undefined && Math.abs(ts - at) <= RECENT_MS;
  };
}
