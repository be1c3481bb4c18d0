import { InvalidOptionError } from "../../errors.js";
import { singleLine } from "../../util/export-text.js";
import type { Alert } from "../watch/types.js";
import { alertLine, type SendOutcome, type Sink } from "./sink.js";

export interface SmtpOptions {
  /** smtp://[user:pass@]host[:port] (STARTTLS when the server offers it) or smtps:// (TLS from the start). */
  url: string;
  to: string[];
  from: string;
  /** Extra CA certificates (PEM) to trust, e.g. a private relay's. */
  ca?: string;
  /** Demand STARTTLS: refuse to send in clear when the server does not offer it. */
  requireTls?: boolean;
  timeoutMs?: number;
}

const SMTP_TIMEOUT_MS = 20_000;
/** Subject lines list at most this many kinds. */
const SUBJECT_KINDS = 4;
const ADDRESS = /^[^\s@<>,;"]{1,64}@[^\s@<>,;"]{1,253}$/;

/** One e-mail per send (every alert queued), through nodemailer (loaded lazily: the CLI starts without it). */
export class SmtpSink implements Sink {
  readonly channel: string;
  private readonly target: URL;

  constructor(private readonly options: SmtpOptions) {
    try {
      this.target = new URL(options.url);
    } catch {
      throw new InvalidOptionError(`--smtp needs smtp://host[:port] or smtps://host[:port], got "${options.url.slice(0, 80)}"`);
    }
    if (this.target.protocol !== "smtp:" && this.target.protocol !== "smtps:") throw new InvalidOptionError(`--smtp needs smtp:// or smtps://, got "${this.target.protocol}"`);
    if (options.to.length === 0) throw new InvalidOptionError("--smtp needs --mail-to ADDRESS");
    for (const address of [...options.to, options.from]) if (!ADDRESS.test(address)) throw new InvalidOptionError(`not an e-mail address: "${address.slice(0, 80)}"`);
    this.channel = `smtp:${this.target.hostname}:${this.port()}:${[...options.to].sort().join(",")}`;
  }

  private port(): number {
    return this.target.port !== "" ? Number(this.target.port) : this.target.protocol === "smtps:" ? 465 : 25;
  }

  async send(alerts: readonly Alert[]): Promise<SendOutcome> {
    const nodemailer = (await import("nodemailer")).default;
    const timeout = this.options.timeoutMs ?? SMTP_TIMEOUT_MS;
    const user = decodeURIComponent(this.target.username);
    const transport = nodemailer.createTransport({
      host: this.target.hostname.replace(/^\[|\]$/g, ""),
      port: this.port(),
      secure: this.target.protocol === "smtps:",
      // nodemailer upgrades with STARTTLS whenever the server offers it; requireTLS refuses clear text.
      requireTLS: this.options.requireTls ?? false,
      ...(user !== "" ? { auth: { user, pass: decodeURIComponent(this.target.password) } } : {}),
      ...(this.options.ca !== undefined ? { tls: { ca: this.options.ca } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    try {
      await transport.sendMail({
        from: this.options.from,
        to: this.options.to,
        subject: subjectOf(alerts),
        text: bodyOf(alerts),
        headers: { "X-Whoislens-Alert-Ids": alerts.map((a) => a.id).join(" ") },
      });
      return { delivered: alerts.map((a) => a.id) };
    } catch (error) {
      return { delivered: [], error: (error as Error).message };
    } finally {
      transport.close();
    }
  }
}

function subjectOf(alerts: readonly Alert[]): string {
  const kinds = [...new Set(alerts.map((a) => a.kind))];
  const shown = kinds.slice(0, SUBJECT_KINDS).join(", ") + (kinds.length > SUBJECT_KINDS ? ", …" : "");
  return `[whoislens] ${alerts.length} watch alert${alerts.length === 1 ? "" : "s"}: ${shown}`;
}

/** A line per alert for the reader, then the alerts as NDJSON for a program. */
function bodyOf(alerts: readonly Alert[]): string {
  const lines = alerts.map((a) => singleLine(alertLine(a), 2000));
  const json = alerts.map((a) => JSON.stringify(a));
  return `${lines.join("\n")}\n\n-- alerts as NDJSON --\n${json.join("\n")}\n`;
}
