/**
 * Postfix mail log (syslog): `postfix/smtpd[PID]: QID: client=host[ip]`, `postfix/qmgr[PID]: QID:
 * from=<s>, size=…`, `postfix/local|virtual|smtp|lmtp|pipe[PID]: QID: to=<r>, orig_to=<o>, … status=sent`,
 * `postfix/cleanup[PID]: QID: reject|hold|discard: header … from host[ip]; from=<s> to=<r>` and
 * `postfix/smtpd[PID]: NOQUEUE: reject: RCPT from host[ip]: …; from=<s> to=<r> proto=ESMTP helo=<h>`.
 * Sources: Postfix documentation, "Postfix logging" (MAILLOG_README) and "Postfix Architecture
 * Overview" (OVERVIEW), the postconf(5) smtpd_*_restrictions reject format. Multi-instance names
 * (`postfix-out/smtp`, `postfix/submission/smtpd`) are read too.
 */
import { syslogTime } from "../../../detect/readers/fields.js";
import type { Evidence } from "../../../detect/types.js";
import { address, type MailSighting } from "./types.js";

/** The program tag: `postfix[-instance]/service[/sub][PID]: ` (fixed-width classes, no nesting). */
const TAG = / (postfix[a-z0-9._-]{0,32})\/([a-z0-9/._-]{1,64})\[[0-9]{1,10}\]: /i;
/** Short (hex) and long (enable_long_queue_ids) queue ids, or NOQUEUE. */
const QID = /^([0-9A-Za-z]{6,20}): /;
const FIELD = (name: string): RegExp => new RegExp(`(?:^|[ ,;])${name}=<([^<>\\s]{0,320})>`);
const TO = FIELD("to"), ORIG_TO = FIELD("orig_to"), FROM = FIELD("from");
const CLIENT = /(?:client=|RCPT from |from )([^\s;,[\]]{0,255}\[[0-9a-fA-F:.]{2,45}\])/;
const STATUS = /status=([a-z]{1,16})/;

/** Per queue id: the client and sender seen on earlier lines (capped; oldest forgotten first). */
const MAX_QUEUE = 50_000;

export function postfixReader(): (line: string, evidence: Evidence) => MailSighting | undefined {
  const queue = new Map<string, { client?: string; sender?: string }>();
  const remember = (qid: string, patch: { client?: string; sender?: string }): void => {
    const had = queue.get(qid);
    if (had === undefined && queue.size >= MAX_QUEUE) {
      const oldest = queue.keys().next().value;
      if (oldest !== undefined) queue.delete(oldest);
    }
    queue.set(qid, { ...had, ...patch });
  };
  return (line, evidence) => {
    const tag = TAG.exec(line);
    if (tag === null) return undefined;
    const rest = line.slice((tag.index ?? 0) + tag[0].length);
    const q = QID.exec(rest);
    if (q === null) return undefined;
    const qid = q[1] ?? "";
    const body = rest.slice(q[0].length);
    const client = CLIENT.exec(body)?.[1];
    const from = address(FROM.exec(body)?.[1]);
    const to = address(TO.exec(body)?.[1]);
    if (qid !== "NOQUEUE") {
      if (client !== undefined || (from !== undefined && to === undefined)) remember(qid, { ...(client !== undefined ? { client } : {}), ...(from !== undefined ? { sender: from } : {}) });
      if (body.startsWith("removed")) queue.delete(qid);
    }
    if (to === undefined) return undefined;
    const known = qid !== "NOQUEUE" ? queue.get(qid) : undefined;
    const origTo = address(ORIG_TO.exec(body)?.[1]);
    const service = (tag[2] ?? "").split("/").pop() ?? "";
    const event = body.startsWith("reject") ? "rejected" : body.startsWith("hold") ? "held" : body.startsWith("discard") ? "discarded" : (STATUS.exec(body)?.[1] ?? service);
    const sender = from ?? known?.sender;
    const by = client ?? known?.client;
    return {
      ts: syslogTime(line), format: "postfix", event, recipients: origTo !== undefined && origTo !== to ? [to, origTo] : [to],
      ...(sender !== undefined && sender !== "" ? { sender } : {}), ...(by !== undefined ? { client: by } : {}),
      ...(qid !== "NOQUEUE" ? { messageId: qid } : {}), evidence,
    };
  };
}
