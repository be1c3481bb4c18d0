import { createSocket } from "node:dgram";
import { hostname } from "node:os";
import net from "node:net";
import { InvalidOptionError } from "../../errors.js";
import { SEVERITIES, type Alert, type AlertSeverity } from "../watch/types.js";
import { alertLine, type SendOutcome, type Sink } from "./sink.js";

/**
 * RFC 5424 over UDP (RFC 5426: one message per datagram) or TCP (RFC 6587 §3.4.1 octet counting:
 * `MSG-LEN SP SYSLOG-MSG`). PRI = facility × 8 + severity (RFC 5424 §6.2.1).
 */
export const SYSLOG_DEFAULTS = Object.freeze({
  /** 1 = user-level messages (RFC 5424 table 1). */
  facility: 1,
  appName: "whoislens",
  /** SD-ID of our structured data: name@<private enterprise number>; 32473 is the number RFC 5612 reserves for documentation. */
  sdId: "whoislens@32473",
  /** RFC 5426 §3.2: receivers should take 2048-octet datagrams; a longer message is cut there. */
  maxUdpBytes: 2048,
  timeoutMs: 10_000,
});

/** Alert severity → syslog severity (RFC 5424 table 2). */
const SEVERITY_CODE: Record<AlertSeverity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };

/** PRINTUSASCII (33–126) only, cut to `max` (HOSTNAME 255, APP-NAME 48, MSGID 32; RFC 5424 §6). */
function header(text: string, max: number): string {
  const clean = text.replace(/[^\x21-\x7e]/g, "");
  return clean === "" ? "-" : clean.slice(0, max);
}

/** PARAM-VALUE escaping (RFC 5424 §6.3.3): `"`, `\` and `]` get a backslash. */
const paramValue = (text: string): string => text.replace(/["\\\]]/g, (c) => `\\${c}`);

/** One RFC 5424 message for an alert: structured data for machines, a UTF-8 line (with BOM) for people. */
export function syslogMessage(alert: Alert, at: Date = new Date(), host: string = hostname()): string {
  const pri = SYSLOG_DEFAULTS.facility * 8 + SEVERITY_CODE[SEVERITIES.includes(alert.severity) ? alert.severity : "info"];
  const sd = `[${SYSLOG_DEFAULTS.sdId} id="${paramValue(alert.id)}" kind="${paramValue(alert.kind)}" severity="${paramValue(alert.severity)}" domain="${paramValue(alert.domain)}"]`;
  return `<${pri}>1 ${at.toISOString()} ${header(host, 255)} ${SYSLOG_DEFAULTS.appName} ${process.pid} ${header(alert.kind, 32)} ${sd} \ufeff${alertLine(alert)}`;
}

/** Cuts a UTF-8 buffer to `max` bytes without splitting a character. */
function cut(message: string, max: number): Buffer {
  const bytes = Buffer.from(message, "utf8");
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

export class SyslogSink implements Sink {
  readonly channel: string;
  private readonly transport: "udp" | "tcp";
  private readonly host: string;
  private readonly port: number;

  constructor(url: string) {
    const match = /^(udp|tcp):\/\/(\[[0-9a-f:.]+\]|[^:/[\]]+):(\d{1,5})\/?$/i.exec(url.trim());
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535) throw new InvalidOptionError(`--syslog needs udp://host:port or tcp://host:port, got "${url.slice(0, 80)}"`);
    this.transport = (match[1] ?? "udp").toLowerCase() as "udp" | "tcp";
    this.host = (match[2] ?? "").replace(/^\[|\]$/g, "");
    this.port = port;
    this.channel = `syslog:${this.transport}://${match[2]}:${port}`;
  }

  async send(alerts: readonly Alert[]): Promise<SendOutcome> {
    const messages = alerts.map((alert) => syslogMessage(alert));
    try {
      if (this.transport === "udp") await this.sendUdp(messages);
      else await this.sendTcp(messages);
      return { delivered: alerts.map((a) => a.id) };
    } catch (error) {
      return { delivered: [], error: (error as Error).message };
    }
  }

  /** UDP has no acknowledgement: "delivered" means sent without a local error (RFC 5426 §3.6). */
  private async sendUdp(messages: string[]): Promise<void> {
    const socket = createSocket(net.isIPv6(this.host) ? "udp6" : "udp4");
    try {
      for (const message of messages) {
        const datagram = cut(message, SYSLOG_DEFAULTS.maxUdpBytes);
        await new Promise<void>((resolve, reject) => socket.send(datagram, this.port, this.host, (error) => (error ? reject(error) : resolve())));
      }
    } finally {
      socket.close();
    }
  }

  /** TCP: every message octet-counted on one connection, which is ended cleanly before they count as delivered. */
  private sendTcp(messages: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setTimeout(SYSLOG_DEFAULTS.timeoutMs, () => socket.destroy(new Error(`syslog ${this.host}:${this.port} timed out`)));
      socket.once("error", reject);
      socket.once("connect", () => {
        const frames = messages.map((message) => {
          const body = Buffer.from(message, "utf8");
          return Buffer.concat([Buffer.from(`${body.length} `), body]);
        });
        socket.end(Buffer.concat(frames));
      });
      socket.once("close", (hadError) => {
        if (!hadError) resolve();
      });
      socket.resume();
    });
  }
}
