/**
 * Exchange message tracking log (CSV, W3C-style header): `#Software: Microsoft Exchange Server`,
 * `#Log-type: Message Tracking Log`, `#Fields: date-time,client-ip,…,recipient-address,…,sender-address,…`.
 * Columns are taken from the `#Fields:` line, so any Exchange version's layout reads. Recipients are
 * `;`-separated. Source: Microsoft Learn, "Message tracking in Exchange Server" (§"Fields in the
 * message tracking log files") and "Event types in the message tracking log".
 */
import { parseIsoMs } from "../../../detect/readers/common.js";
import { splitCsv } from "../../../detect/readers/firewall.js";
import type { Evidence } from "../../../detect/types.js";
import { address, type MailSighting } from "./types.js";

export function exchangeReader(): (line: string, evidence: Evidence) => MailSighting | undefined {
  let col: Map<string, number> | undefined;
  return (line, evidence) => {
    if (line.startsWith("#")) {
      if (line.startsWith("#Fields:")) col = new Map(splitCsv(line.slice(8)).map((name, i) => [name.trim().toLowerCase(), i]));
      return undefined;
    }
    if (col === undefined) return undefined;
    const cells = splitCsv(line);
    const cell = (name: string): string | undefined => {
      const i = col?.get(name);
      return i === undefined ? undefined : cells[i];
    };
    const recipients = (cell("recipient-address") ?? "").split(";").map((a) => address(a)).filter((a): a is string => a !== undefined);
    if (recipients.length === 0) return undefined;
    const sender = address(cell("sender-address")) ?? address(cell("return-path"));
    const client = cell("original-client-ip") || cell("client-ip") || undefined;
    const id = cell("message-id");
    return {
      ts: parseIsoMs(cell("date-time") ?? ""), format: "exchange-tracking", event: (cell("event-id") ?? "").toLowerCase() || "tracked", recipients,
      ...(sender !== undefined ? { sender } : {}), ...(client !== undefined ? { client } : {}), ...(id ? { messageId: id } : {}), evidence,
    };
  };
}
