/** What the mail-log readers produce: one sighting per line that names recipients (or a sender). */
import type { Evidence } from "../../../detect/types.js";

export type MailLogFormat = "postfix" | "exim" | "exchange-tracking" | "imap";

export interface MailSighting {
  /** Epoch ms of the log line (NaN when the line had no readable time). */
  ts: number;
  format: MailLogFormat;
  /** What the line records: delivered, received, rejected, bounced, deferred, tracked event id… */
  event: string;
  /** Recipient addresses, lower case. */
  recipients: string[];
  /** The envelope sender, lower case, when the line (or its queue id) tells. */
  sender?: string;
  /** The SMTP client that handed the message in: "host[ip]" or the IP. */
  client?: string;
  /** Postfix queue id / Exim message id / Exchange message id. */
  messageId?: string;
  evidence: Evidence;
}

/** An address as written in a log (`<a@b>`, `a@b`), lower-cased; undefined when it is not one. */
export function address(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(/^<|>$/g, "").toLowerCase();
  return /^[a-z0-9._%+=-]{1,64}@[a-z0-9.-]{1,253}$/.test(t) ? t : undefined;
}
