import { createSocket } from "node:dgram";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SyslogSink, syslogMessage } from "../../../src/defend/delivery/index.js";
import type { Alert } from "../../../src/defend/watch/index.js";

const alert = (domain: string, kind: Alert["kind"] = "registrar-changed", severity: Alert["severity"] = "high"): Alert => ({
  id: `${domain.length}`.padStart(32, "a"),
  kind,
  severity,
  domain,
  before: "Registrar One",
  after: 'Evil "Registrar" ]\\',
  evidence: { field: "registrar", entry: `domain:${domain}` },
  firstSeen: "2026-12-06T00:00:00.000Z",
});

/**
 * The RFC 5424 grammar (§6), checked field by field by a parser written from the RFC, not from our
 * writer: PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG].
 */
function parse5424(message: string): { pri: number; version: string; timestamp: string; host: string; app: string; procid: string; msgid: string; sd: Record<string, string>; msg: string } {
  const head = /^<(\d{1,3})>(\d) (\S+) (\S{1,255}) (\S{1,48}) (\S{1,128}) (\S{1,32}) /.exec(message);
  if (!head) throw new Error(`not RFC 5424: ${message}`);
  let rest = message.slice(head[0].length);
  const sd: Record<string, string> = {};
  if (!rest.startsWith("[")) throw new Error("no structured data");
  const id = /^\[([^ \]]+)/.exec(rest)?.[1] ?? "";
  sd["@id"] = id;
  let i = 1 + id.length;
  while (rest[i] === " ") {
    const name = /^ ([^= \]"]+)="/.exec(rest.slice(i));
    if (!name) throw new Error("bad SD-PARAM");
    i += name[0].length;
    let value = "";
    while (rest[i] !== '"') {
      if (rest[i] === "\\" && ['"', "\\", "]"].includes(rest[i + 1] ?? "")) i += 1;
      value += rest[i];
      i += 1;
    }
    sd[name[1] ?? ""] = value;
    i += 1;
  }
  if (rest[i] !== "]") throw new Error("SD-ELEMENT not closed");
  rest = rest.slice(i + 1);
  return { pri: Number(head[1]), version: head[2] ?? "", timestamp: head[3] ?? "", host: head[4] ?? "", app: head[5] ?? "", procid: head[6] ?? "", msgid: head[7] ?? "", sd, msg: rest.replace(/^ /, "") };
}

describe("syslog delivery (RFC 5424)", () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  it("writes a message the RFC grammar reads back, with escaped SD values and a BOM before the UTF-8 text", () => {
    const parsed = parse5424(syslogMessage(alert("acme-widgets.org"), new Date("2026-12-06T10:00:00Z"), "watch host"));
    expect(parsed).toMatchObject({ pri: 11, version: "1", timestamp: "2026-12-06T10:00:00.000Z", host: "watchhost", app: "whoislens", msgid: "registrar-changed" });
    expect(parsed.sd).toEqual({ "@id": "whoislens@32473", id: alert("acme-widgets.org").id, kind: "registrar-changed", severity: "high", domain: "acme-widgets.org" });
    expect(parsed.msg.startsWith("\ufeff[high] registrar-changed acme-widgets.org")).toBe(true);
    // facility user (1) × 8 + severity: critical 2, info 6
    expect(parse5424(syslogMessage(alert("a.org", "domain-dropped", "critical"))).pri).toBe(10);
    expect(parse5424(syslogMessage(alert("a.org", "lock-added", "info"))).pri).toBe(14);
  });

  it("sends one datagram per alert over UDP", async () => {
    const socket = createSocket("udp4");
    const got: string[] = [];
    socket.on("message", (message) => got.push(message.toString("utf8")));
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    closers.push(() => socket.close());
    const sink = new SyslogSink(`udp://127.0.0.1:${socket.address().port}`);
    const outcome = await sink.send([alert("one.org"), alert("second.org")]);
    expect(outcome.delivered).toHaveLength(2);
    for (let i = 0; i < 100 && got.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got.map((m) => parse5424(m).sd.domain).sort()).toEqual(["one.org", "second.org"]);
  });

  it("frames TCP messages by octet counting (RFC 6587 §3.4.1), byte-exact with multi-byte text", async () => {
    const chunks: Buffer[] = [];
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    const server = net.createServer((socket) => {
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("end", () => ended());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    closers.push(() => server.close());
    const sink = new SyslogSink(`tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
    const outcome = await sink.send([alert("bücher-lookalike.org"), alert("two.org")]);
    expect(outcome.delivered).toHaveLength(2);
    await done;
    const stream = Buffer.concat(chunks);
    const frames: string[] = [];
    let at = 0;
    while (at < stream.length) {
      const space = stream.indexOf(0x20, at);
      const length = Number(stream.subarray(at, space).toString("ascii"));
      frames.push(stream.subarray(space + 1, space + 1 + length).toString("utf8"));
      at = space + 1 + length;
    }
    expect(frames.map((f) => parse5424(f).sd.domain)).toEqual(["bücher-lookalike.org", "two.org"]);
  });

  it("reports a TCP receiver that is down, so the alerts stay queued", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await new SyslogSink(`tcp://127.0.0.1:${port}`).send([alert("x.org")]);
    expect(outcome.delivered).toEqual([]);
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  it("refuses a destination that is not udp:// or tcp:// host:port", () => {
    for (const bad of ["syslog://h:514", "udp://h", "tcp://h:0", "tcp://h:70000", "udp://h:514/x/y"]) expect(() => new SyslogSink(bad), bad).toThrow(/--syslog needs/);
  });
});
