/**
 * Server-sent events (WHATWG HTML §9.2 "Interpreting an event stream") parsed from text chunks, for
 * streams read with fetch() + a reader: EventSource cannot send the Authorization header the API
 * needs. Pure (no DOM) so the node tests run it directly.
 *
 * The stream is the server's, so a line longer than `maxLine` characters is an error, never a
 * growing buffer.
 */
export interface SseEvent {
  /** "message" when the stream named none. */
  event: string;
  data: string;
  id?: string;
}

export const SSE_LIMITS = {
  /** Longest line kept (a progress or alert event is a few KiB; an alert's evidence is capped at 50 lines of 512). */
  maxLine: 1024 * 1024,
} as const;

export class SseLineTooLong extends Error {}

export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private id: string | undefined;
  /** A chunk ended with \r: a \n starting the next one belongs to the same line end. */
  private pendingCr = false;

  constructor(private readonly maxLine: number = SSE_LIMITS.maxLine) {}

  /** Feeds decoded text; returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer + text.slice(start, i), out);
      this.buffer = "";
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else this.pendingCr = true;
      }
      start = i + 1;
    }
    this.buffer += text.slice(start);
    if (this.buffer.length > this.maxLine) {
      this.buffer = "";
      throw new SseLineTooLong(`event stream line longer than ${this.maxLine} characters`);
    }
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line.length > this.maxLine) throw new SseLineTooLong(`event stream line longer than ${this.maxLine} characters`);
    if (line === "") {
      if (this.data.length > 0) out.push({ event: this.event || "message", data: this.data.join("\n"), ...(this.id !== undefined ? { id: this.id } : {}) });
      this.event = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id" && !value.includes("\u0000")) this.id = value;
  }
}
