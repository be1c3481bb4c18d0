/**
 * Exim main log (mainlog): `DATE TIME [PID] MSGID <= sender H=name (helo) [ip] … for r1 r2`,
 * `MSGID => addr <orig> R=router T=transport`, `-> addr` (more recipients of one delivery), `**`
 * (delivery failed, bounce), `==` (deferred), and the reject lines `H=… [ip] F=<sender> rejected RCPT
 * <addr>: reason`. Source: the Exim specification, chapter "Log files" (§"Log line flags", "Reading
 * log files", log_selector `received_recipients`). Message ids in the classic `XXXXXX-XXXXXX-XX` form
 * and the Exim 4.97 `XXXXXX-XXXXXXXXXXX-XXXX` form.
 */
import { parseIsoMs } from "../../../detect/readers/common.js";
import type { Evidence } from "../../../detect/types.js";
import { address, type MailSighting } from "./types.js";

/** Stamp (optional `+ZZZZ` zone, optional `[pid]`), message id, flag. */
const HEAD = /^([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?)( [+-][0-9]{4})?(?: \[[0-9]{1,10}\])? ([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (<=|=>|->|\*>|\*\*|==) /;
const REJECT = /^([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?)( [+-][0-9]{4})?(?: \[[0-9]{1,10}\])? .{0,600}?F=<([^<>\s]{0,320})> rejected RCPT <([^<>\s]{0,320})>/;
const HOST_IP = / H=[^[\]]{0,300}\[([0-9a-fA-F:.]{2,45})\]/;
const EVENT: Readonly<Record<string, string>> = { "<=": "received", "=>": "delivered", "->": "delivered", "*>": "suppressed", "**": "failed", "==": "deferred" };
const MAX_MESSAGES = 50_000;

function stamp(date: string, zone: string | undefined): number {
  const z = zone === undefined ? "Z" : `${zone.slice(1, 4)}:${zone.slice(4)}`;
  return parseIsoMs(`${date.replace(" ", "T")}${z}`);
}

export function eximReader(): (line: string, evidence: Evidence) => MailSighting | undefined {
  const messages = new Map<string, { sender?: string; client?: string }>();
  return (line, evidence) => {
    const head = HEAD.exec(line);
    if (head === null) {
      const r = REJECT.exec(line);
      if (r === null) return undefined;
      const to = address(r[4]);
      if (to === undefined) return undefined;
      const sender = address(r[3]);
      const ip = HOST_IP.exec(line)?.[1];
      return { ts: stamp(r[1] ?? "", r[2]), format: "exim", event: "rejected", recipients: [to], ...(sender !== undefined ? { sender } : {}), ...(ip !== undefined ? { client: ip } : {}), evidence };
    }
    const id = head[3] ?? "";
    const flag = head[4] ?? "";
    const rest = line.slice(head[0].length);
    const ts = stamp(head[1] ?? "", head[2]);
    const first = rest.split(" ", 1)[0] ?? "";
    if (flag === "<=") {
      const sender = first === "<>" ? "" : address(first);
      const ip = HOST_IP.exec(rest)?.[1];
      if (messages.size >= MAX_MESSAGES) {
        const oldest = messages.keys().next().value;
        if (oldest !== undefined) messages.delete(oldest);
      }
      messages.set(id, { ...(sender !== undefined && sender !== "" ? { sender } : {}), ...(ip !== undefined ? { client: ip } : {}) });
      const forAt = rest.lastIndexOf(" for ");
      const recipients = forAt < 0 ? [] : rest.slice(forAt + 5).split(" ").map((a) => address(a)).filter((a): a is string => a !== undefined);
      if (recipients.length === 0) return undefined;
      return { ts, format: "exim", event: "received", recipients, ...(sender ? { sender } : {}), ...(ip !== undefined ? { client: ip } : {}), messageId: id, evidence };
    }
    const to = address(first);
    if (to === undefined) return undefined;
    const orig = /^ <([^<>\s]{1,320})>/.exec(rest.slice(first.length))?.[1];
    const origTo = address(orig);
    const known = messages.get(id);
    return {
      ts, format: "exim", event: EVENT[flag] ?? flag, recipients: origTo !== undefined && origTo !== to ? [to, origTo] : [to],
      ...(known?.sender !== undefined ? { sender: known.sender } : {}), ...(known?.client !== undefined ? { client: known.client } : {}), messageId: id, evidence,
    };
  };
}
