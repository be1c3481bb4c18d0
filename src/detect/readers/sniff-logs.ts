/**
 * Recognition of the issue #13 log families from one of the first lines: one row per format, most
 * specific first (the first row that matches a line wins; the first line that matches decides).
 * Cheap substring checks only, no regex over the line.
 */
import type { LogFormat } from "../types.js";
import { afterTag, tokens } from "./fields.js";
import { panRecordStart } from "./panos.js";
import { isVpcFlowHeader } from "./vpcflow.js";
import { cefStart } from "./cef.js";
import { leefStart } from "./leef.js";
import { looksUmbrellaDns } from "./umbrella.js";
import { coreDnsLine } from "./coredns.js";
import { WINDOWS_FIREWALL_FIELDS, WINDOWS_FIREWALL_SOFTWARE } from "./windows-firewall.js";

interface Row { format: LogFormat; why: string; test: (line: string) => boolean }

export const LINE_SNIFFERS: readonly Row[] = [
  { format: "cef", why: "a CEF:N|vendor|product|… record (behind any syslog header)", test: (l) => cefStart(l) >= 0 },
  { format: "leef", why: "a LEEF:1.0|vendor|product|… or LEEF:2.0|… record (behind any syslog header)", test: (l) => leefStart(l) >= 0 },
  { format: "auditd", why: "an audit record: type=… msg=audit(EPOCH:SERIAL)", test: (l) => l.includes("type=") && l.includes("msg=audit(") },
  { format: "windows-dns", why: "a PACKET line (Snd/Rcv) or the debug log's header", test: (l) =>
    (l.includes(" PACKET ") && (l.includes(" Rcv ") || l.includes(" Snd "))) || l.startsWith("DNS Server log file creation at") || l.startsWith("Message logging key (for packets") },
  { format: "bind-query", why: "client [@0x…] ADDR#PORT (name): [view V: ]query: …", test: (l) => {
    const c = l.indexOf("client ");
    return c >= 0 && l.indexOf(" query: ", c) > 0 && l.indexOf("#", c) > 0;
  } },
  { format: "unbound", why: "an unbound[PID:TID] info:/query:/reply: line", test: (l) => {
    const u = l.indexOf("unbound");
    return u >= 0 && u < 120 && (l.includes(" info: ") || l.includes(" query: ") || l.includes(" reply: "));
  } },
  { format: "dnsmasq", why: "the dnsmasq[PID]: (or pihole-FTL) program tag", test: (l) => afterTag(l, "dnsmasq") >= 0 || afterTag(l, "pihole-FTL") >= 0 },
  { format: "pfsense-filterlog", why: "the filterlog program tag", test: (l) => afterTag(l, "filterlog") >= 0 || (l.includes(" filterlog ") && l.includes(" - - ")) },
  { format: "cisco-asa", why: "a %ASA-n-NNNNNN: (or %FTD-) message id", test: (l) => l.includes("%ASA-") || l.includes("%FTD-") },
  { format: "fortigate-traffic", why: "date= … logid= … type= key/values", test: (l) => l.includes("date=") && l.includes("logid=") && (l.includes(" type=") || l.includes(",type=")) },
  { format: "panos-traffic", why: "a CSV record with Type TRAFFIC/THREAT after a YYYY/MM/DD time", test: (l) => panRecordStart(l) >= 0 },
  { format: "windows-firewall", why: "pfirewall.log's #Software or #Fields header", test: (l) => l.startsWith(WINDOWS_FIREWALL_SOFTWARE) || l.startsWith(WINDOWS_FIREWALL_FIELDS) },
  { format: "aws-vpc-flow", why: "a header of field names with srcaddr and dstaddr (default or custom format), or 14 fields starting `2 ACCOUNT eni-…`", test: (l) => {
    if (isVpcFlowHeader(l)) return true;
    const t = tokens(l, 15);
    return t.length === 14 && t[0] === "2" && (t[2] ?? "").startsWith("eni-");
  } },
  // w15: DNS security services and cluster DNS
  { format: "umbrella-dns", why: "a headerless quoted CSV row: \"YYYY-MM-DD hh:mm:ss\", … and a \"N (TYPE)\" query type in the 7th cell", test: looksUmbrellaDns },
  { format: "coredns", why: "a CoreDNS log plugin line: [INFO] CLIENT:PORT - ID \"TYPE CLASS NAME …\" RCODE", test: (l) => coreDnsLine(l) !== undefined },
];

/** The first issue #13 format one of `lines` shows, or undefined. */
export function sniffLogLines(lines: readonly string[]): LogFormat | undefined {
  for (const line of lines) {
    for (const row of LINE_SNIFFERS) if (row.test(line)) return row.format;
  }
  return undefined;
}

/** Windows event JSON (Winlogbeat, EVTX-to-JSON or NXLog's flat to_json) of the Security, PowerShell or DNS Server providers. */
export function sniffWindowsEvent(line: string): boolean {
  const windows = line.includes('"winlog"') || (line.includes('"EventID"') && (line.includes('"System"') || line.includes('"SourceName"') || line.includes('"EventSourceName"')));
  return windows && (line.includes("Microsoft-Windows-Security-Auditing") || line.includes("PowerShell") || line.includes("Microsoft-Windows-DNSServer") || line.includes("Microsoft-Windows-DNS-Client"));
}
