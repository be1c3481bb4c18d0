import { InvalidOptionError } from "../../errors.js";
import type { Sink } from "./sink.js";
import { SmtpSink } from "./smtp.js";
import { StdoutSink } from "./stdout.js";
import { SyslogSink } from "./syslog.js";
import { WebhookSink, type WebhookOptions } from "./webhook.js";

/** Where a watch run sends its alerts; stdout alone when nothing else is named. */
export interface ChannelSettings {
  stdout?: boolean;
  webhook?: string[];
  webhookSecret?: string;
  webhookTuning?: Partial<Omit<WebhookOptions, "secret">>;
  smtp?: string;
  mailTo?: string[];
  mailFrom?: string;
  smtpCa?: string;
  smtpRequireTls?: boolean;
  syslog?: string[];
}

/** The sinks of the settings, in a fixed order (stdout first); each validates its own destination. */
export function sinksFor(settings: ChannelSettings, write: (text: string) => unknown): Sink[] {
  const sinks: Sink[] = [];
  const others = (settings.webhook?.length ?? 0) + (settings.smtp ? 1 : 0) + (settings.syslog?.length ?? 0);
  if (settings.stdout === true || others === 0) sinks.push(new StdoutSink(write));
  for (const url of settings.webhook ?? []) sinks.push(new WebhookSink(url, { ...settings.webhookTuning, ...(settings.webhookSecret !== undefined ? { secret: settings.webhookSecret } : {}) }));
  if (settings.smtp !== undefined) {
    if (settings.mailFrom === undefined) throw new InvalidOptionError("--smtp needs --mail-from ADDRESS");
    sinks.push(new SmtpSink({ url: settings.smtp, to: settings.mailTo ?? [], from: settings.mailFrom, ...(settings.smtpCa !== undefined ? { ca: settings.smtpCa } : {}), requireTls: settings.smtpRequireTls ?? false }));
  } else if ((settings.mailTo?.length ?? 0) > 0 || settings.mailFrom !== undefined) {
    throw new InvalidOptionError("--mail-to and --mail-from need --smtp URL");
  }
  for (const url of settings.syslog ?? []) sinks.push(new SyslogSink(url));
  if (new Set(sinks.map((s) => s.channel)).size !== sinks.length) throw new InvalidOptionError("the same delivery destination is given twice");
  return sinks;
}
