export { deliverQueued, type ChannelReport } from "./outbox.js";
export { alertLine, type SendOutcome, type Sink } from "./sink.js";
export { StdoutSink } from "./stdout.js";
export { WebhookSink, WEBHOOK_DEFAULTS, SIGNATURE_HEADER, signBody, type WebhookOptions } from "./webhook.js";
export { SmtpSink, type SmtpOptions } from "./smtp.js";
export { SyslogSink, SYSLOG_DEFAULTS, syslogMessage } from "./syslog.js";
export { sinksFor, type ChannelSettings } from "./channels.js";
