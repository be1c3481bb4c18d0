/**
 * `canary check --imap imaps://user@host[:port]/MAILBOX`: the newest messages of a mailbox (imapflow)
 * as MailSightings: recipients from the envelope (To, Cc, Bcc) and the delivery headers that name the
 * envelope recipient (Delivered-To, X-Original-To, Envelope-To), sender from the envelope. The password
 * comes from the environment or a file, never from argv (it would show in `ps` and shell history).
 */
import { InvalidOptionError } from "../../errors.js";
import type { MailSighting } from "./maillog/types.js";
import { address } from "./maillog/types.js";

export interface ImapTarget { secure: boolean; host: string; port: number; user: string; mailbox: string; display: string }

export interface ImapOptions {
  password: string;
  /** Newest messages read (default 10,000). */
  maxMessages?: number;
  /** Connection, greeting and socket timeouts in ms (default 30,000). */
  timeoutMs?: number;
  /** Accept a certificate that does not verify (a test server's self-signed one). */
  insecure?: boolean;
}

/** Parses `imaps://user@host[:port]/MAILBOX` (993) or `imap://…` (143, STARTTLS when offered). */
export function parseImapUrl(text: string): ImapTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // the text may hold a password the user meant to keep out of it: repeat it without its user part
    throw new InvalidOptionError(`--imap: "${text.replace(/^([^/]*\/\/).*@/, "$1…@").slice(0, 120)}" is not a URL like imaps://user@host/INBOX`);
  }
  if (url.protocol !== "imaps:" && url.protocol !== "imap:") throw new InvalidOptionError(`--imap: scheme must be imaps: or imap:, got ${url.protocol}`);
  if (url.password !== "") throw new InvalidOptionError("--imap: put no password in the URL (it would show in ps and shell history); use WHOISLENS_IMAP_PASSWORD or --imap-password-file");
  const user = decodeURIComponent(url.username);
  if (user === "") throw new InvalidOptionError("--imap: name the user: imaps://user@host/INBOX");
  const secure = url.protocol === "imaps:";
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port === "" ? (secure ? 993 : 143) : Number(url.port);
  return { secure, host, port, user, mailbox, display: `${url.protocol}//${user}@${url.host}/${mailbox}` };
}

const DELIVERY_HEADERS = ["delivered-to", "x-original-to", "envelope-to"];

/** The addresses in the delivery headers of a raw header block. */
function headerRecipients(raw: Buffer | undefined): string[] {
  if (raw === undefined) return [];
  const out: string[] = [];
  for (const line of raw.toString("utf8", 0, Math.min(raw.length, 64 * 1024)).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0 || !DELIVERY_HEADERS.includes(line.slice(0, colon).trim().toLowerCase())) continue;
    for (const part of line.slice(colon + 1).split(",")) {
      const a = address(/<([^<>]{1,320})>/.exec(part)?.[1] ?? part);
      if (a !== undefined) out.push(a);
    }
  }
  return out;
}

export async function readImapMailbox(target: ImapTarget, options: ImapOptions, sink: (s: MailSighting) => void): Promise<number> {
  const { ImapFlow } = await import("imapflow");
  const timeout = options.timeoutMs ?? 30_000;
  const client = new ImapFlow({
    host: target.host, port: target.port, secure: target.secure, auth: { user: target.user, pass: options.password }, logger: false,
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    ...(options.insecure === true ? { tls: { rejectUnauthorized: false } } : {}),
  });
  client.on("error", () => undefined); // reported by the awaited call that fails
  try {
    await client.connect();
  } catch (error) {
    throw new InvalidOptionError(`--imap ${target.display}: cannot log in: ${(error as Error).message}`, { cause: error });
  }
  let count = 0;
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const exists = client.mailbox === false ? 0 : client.mailbox.exists;
      if (exists === 0) return 0;
      const from = Math.max(1, exists - (options.maxMessages ?? 10_000) + 1);
      for await (const msg of client.fetch(`${from}:*`, { uid: true, envelope: true, internalDate: true, headers: DELIVERY_HEADERS })) {
        const env = msg.envelope;
        const listed = [...(env?.to ?? []), ...(env?.cc ?? []), ...(env?.bcc ?? [])].map((a) => address(a.address)).filter((a): a is string => a !== undefined);
        const recipients = [...new Set([...headerRecipients(msg.headers), ...listed])];
        if (recipients.length === 0) continue;
        const sender = address(env?.from?.[0]?.address);
        const date = msg.internalDate ?? env?.date;
        count++;
        sink({
          ts: date === undefined ? Number.NaN : new Date(date).getTime(), format: "imap", event: "in-mailbox", recipients,
          ...(sender !== undefined ? { sender } : {}), ...(env?.messageId !== undefined ? { messageId: env.messageId } : {}),
          evidence: { file: target.display, line: msg.uid, text: `uid ${msg.uid}: to ${recipients.slice(0, 5).join(", ")}${sender !== undefined ? ` from ${sender}` : ""}` },
        });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return count;
}
