import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHmac, timingSafeEqual } from "node:crypto";
import { SMTPServer } from "smtp-server";

export interface Received {
  id: string;
  body: Record<string, unknown>;
  signatureOk: boolean;
}

/** A webhook receiver that checks the HMAC itself (written from the header's definition, not our signer). */
export interface WebhookReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Stops listening (the receiver is "down"); `start` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** When set, requests are accepted but never answered (for the kill -9 test). */
  hang: boolean;
  /** Each request is taken (recorded) at once and answered this many ms later: a slow receiver. */
  answerDelayMs: number;
  onRequest?: () => void;
}

async function listenOn(server: net.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

function closeAll(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  return new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const sockets = new Set<net.Socket>();
  let server: http.Server;
  const make = (): http.Server => {
    const s = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        receiver.onRequest?.();
        if (receiver.hang) return;
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`);
        const given = Buffer.from(String(request.headers["x-whoislens-signature"] ?? ""));
        const signatureOk = given.length === expected.length && timingSafeEqual(given, expected);
        const body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
        receiver.received.push({ id: String(body.id), body, signatureOk });
        const answer = (): void => {
          response.writeHead(signatureOk ? 204 : 401);
          response.end();
        };
        if (receiver.answerDelayMs > 0) setTimeout(answer, receiver.answerDelayMs);
        else answer();
      });
    });
    s.on("connection", (socket: net.Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    return s;
  };
  server = make();
  const port = await listenOn(server, 0);
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/whoislens`,
    port,
    received: [],
    hang: false,
    answerDelayMs: 0,
    stop: () => closeAll(server, sockets),
    start: async () => {
      server = make();
      await listenOn(server, port);
    },
  };
  return receiver;
}

export interface Mail {
  from: string;
  to: string[];
  data: string;
  /** The session was upgraded with STARTTLS before the message. */
  secure: boolean;
}

export interface SmtpReceiver {
  port: number;
  url: string;
  ca: string;
  mails: Mail[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A certificate for 127.0.0.1 made with openssl (the real tool), so nodemailer's STARTTLS verifies it. */
export function loopbackCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "wl-watch-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], { stdio: "ignore" });
  return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
}

/** The smtp-server package, offering STARTTLS with a loopback certificate. */
export async function startSmtpReceiver(tls = loopbackCertificate()): Promise<SmtpReceiver> {
  let server: SMTPServer;
  const mails: Mail[] = [];
  const make = (): SMTPServer =>
    new SMTPServer({
      key: tls.key,
      cert: tls.cert,
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          mails.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8"), secure: session.secure });
          callback();
        });
      },
    });
  server = make();
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    ca: tls.cert,
    mails,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    start: async () => {
      server = make();
      await listen(port);
    },
  };
}
