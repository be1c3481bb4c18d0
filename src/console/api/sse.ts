/**
 * Server-sent events (the WHATWG HTML "server-sent events" format: `event:` and `data:` lines, a blank
 * line ends an event, `:` lines are comments). Streams are capped: each holds a socket and listeners.
 */
import type { FastifyReply } from "fastify";
import { ApiError } from "./http-errors.js";

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Ends the stream (the client sees the connection close). */
  close(): void;
  /** Resolves when the client goes away or close() is called. */
  readonly closed: Promise<void>;
}

export class EventStreams {
  private open = 0;
  private readonly live = new Set<EventStream>();

  constructor(private readonly max: number, private readonly heartbeatMs: number) {}

  get count(): number {
    return this.open;
  }

  /** Takes over the reply and starts a stream, or refuses with WL_ERR_API_BUSY (503) at the cap. */
  start(reply: FastifyReply): EventStream {
    if (this.open >= this.max) throw new ApiError(503, "WL_ERR_API_BUSY", `too many live event streams open (cap ${this.max}, --max-streams raises it); close one and retry`);
    this.open += 1;
    reply.hijack();
    const raw = reply.raw;
    // The security headers set by the hooks (helmet) go out with the stream's own.
    const inherited: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) inherited[name] = value;
    raw.writeHead(200, { ...inherited, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", connection: "keep-alive" });
    raw.write(": whoislens console\n\n");
    let finished = false;
    let resolveClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), this.heartbeatMs);
    heartbeat.unref();
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      this.open -= 1;
      resolveClosed();
    };
    raw.on("close", finish);
    const stream: EventStream = {
      closed,
      send(event, data) {
        if (finished) return;
        // JSON.stringify never emits a raw newline, so one data: line carries the whole value.
        raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      close() {
        if (!finished) raw.end();
        finish();
      },
    };
    this.live.add(stream);
    void closed.then(() => this.live.delete(stream));
    return stream;
  }

  /** Ends every open stream (shutdown: a server waits for its open requests, and a stream never ends by itself). */
  closeAll(): void {
    for (const stream of [...this.live]) stream.close();
  }
}
