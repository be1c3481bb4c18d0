import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseLineTooLong, SseParser } from "../../../src/console/web/sse.js";

describe("the page's event-stream parser (WHATWG HTML §9.2)", () => {
  it("reads named events, joins data lines, skips comments and keeps the last id", () => {
    const p = new SseParser();
    const events = p.push(": open\n\nevent: progress\ndata: {\"done\":1,\ndata: \"total\":3}\nid: 7\n\nevent: end\ndata:\n\ndata: plain\n\n");
    expect(events).toEqual([
      { event: "progress", data: '{"done":1,\n"total":3}', id: "7" },
      { event: "end", data: "", id: "7" },
      { event: "message", data: "plain", id: "7" },
    ]);
  });

  it("accepts \\r\\n, \\r and \\n line ends, also when a chunk ends between \\r and \\n", () => {
    const p = new SseParser();
    expect(p.push("event: a\r\ndata: 1\r")).toEqual([]);
    expect(p.push("\n\r\nevent: b\rdata: 2\r\r")).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
    ]);
  });

  it("gives the same events however the stream is cut into chunks", () => {
    const stream = "event: alert\ndata: {\"x\":\"é — ü\"}\n\n: keep-alive\n\nevent: progress\r\ndata: 1\r\n\r\ndata: a\rdata: b\r\r";
    const whole = new SseParser().push(stream);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
        const p = new SseParser();
        const out = [];
        for (let i = 0; i + 1 < points.length; i++) out.push(...p.push(stream.slice(points[i], points[i + 1])));
        expect(out).toEqual(whole);
      }),
    );
  });

  it("refuses an endless line instead of buffering it", () => {
    const p = new SseParser(1024);
    expect(() => {
      for (let i = 0; i < 10; i++) p.push("x".repeat(200));
    }).toThrow(SseLineTooLong);
    expect(() => new SseParser(1024).push(`data: ${"y".repeat(2000)}\n\n`)).toThrow(SseLineTooLong);
  });
});
