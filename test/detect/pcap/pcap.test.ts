import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Packet, type WritePcapOptions, dnsMessage, httpRequest, mergePackets, tcpPacket, tcpSession, udpPacket, writePcap, FLAGS,
} from "../../../src/detect/pcap/write.js";
import { readLog } from "../../../src/detect/readers/index.js";
import type { DetectEvent } from "../../../src/detect/types.js";
import { brief, readAll, tempFile } from "../readers/helpers.js";
import { T0, scene } from "./scene.js";


const EXPECTED = [
  { kind: "conn", ts: T0, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "S1", payload: true, format: "pcap", line: 1 },
  { kind: "whois", ts: T0 + 3, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, query: "example.com", format: "pcap", line: 4 },
  { kind: "conn", ts: T0 + 1000, src: "2001:db8::5", dst: "2001:db8::43", dstPort: 43, srcPort: 51001, proto: "tcp", state: "S1", payload: true, format: "pcap", line: 14 },
  { kind: "whois", ts: T0 + 1003, src: "2001:db8::5", dst: "2001:db8::43", dstPort: 43, srcPort: 51001, query: "AS64496", format: "pcap", line: 17 },
  { kind: "conn", ts: T0 + 2000, src: "10.0.0.9", dst: "192.0.2.44", dstPort: 443, srcPort: 40001, proto: "tcp", state: "S1", payload: true, format: "pcap", line: 21 },
  { kind: "tls", ts: T0 + 2003, src: "10.0.0.9", dst: "192.0.2.44", dstPort: 443, sni: "rdap.example.org", format: "pcap", line: 24 },
  { kind: "conn", ts: T0 + 3000, src: "10.0.0.8", dst: "192.0.2.80", dstPort: 8080, srcPort: 40000, proto: "tcp", state: "S1", payload: true, format: "pcap", line: 28 },
  { kind: "http", ts: T0 + 3003, src: "10.0.0.8", dst: "192.0.2.80", dstPort: 8080, host: "rdap.example.net", method: "GET", path: "/domain/example.com",
    url: "http://rdap.example.net:8080/domain/example.com", userAgent: "curl/8", format: "pcap", line: 31 },
  { kind: "conn", ts: T0 + 4000, src: "10.0.0.7", dst: "10.0.0.2", dstPort: 53, srcPort: 53000, proto: "udp", format: "pcap", line: 36 },
  { kind: "dns", ts: T0 + 4000, src: "10.0.0.7", dst: "10.0.0.2", query: "rdap.example.net", qtype: "A", format: "pcap", line: 36 },
  { kind: "conn", ts: T0 + 5000, src: "10.0.0.7", dst: "10.0.0.2", dstPort: 53, srcPort: 53001, proto: "udp", format: "pcap", line: 38 },
  { kind: "dns", ts: T0 + 5000, src: "10.0.0.7", dst: "10.0.0.2", query: "nope.example.org", qtype: "AAAA", format: "pcap", line: 38 },
  { kind: "dns", ts: T0 + 5001, src: "10.0.0.7", dst: "10.0.0.2", query: "nope.example.org", qtype: "AAAA", rcode: "NXDOMAIN", format: "pcap", line: 39 },
];

const VARIANTS: [string, WritePcapOptions][] = [
  ["pcap LE ethernet", {}],
  ["pcap BE raw", { endian: "big", link: "raw" }],
  ["pcap LE ns sll", { nanoseconds: true, link: "sll" }],
  ["pcapng LE ethernet", { format: "pcapng" }],
  ["pcapng BE sll ns", { format: "pcapng", endian: "big", link: "sll", nanoseconds: true }],
];

async function read(packets: Packet[], options: WritePcapOptions = {}) {
  return readAll(tempFile(`scene-${Math.random().toString(36).slice(2)}.pcap`, writePcap(packets, options)));
}

describe("pcap reader", () => {
  for (const [name, options] of VARIANTS) {
    it(`${name}: conn, reassembled WHOIS, TLS SNI, HTTP, DNS`, async () => {
      const { events, stats } = await read(scene(), options);
      expect(stats).toMatchObject({ format: "pcap", lines: 39, malformed: 0, events: EXPECTED.length });
      expect(stats.error).toBeUndefined();
      expect(events.map(brief)).toEqual(EXPECTED);
      expect(events[1]?.evidence.text).toBe('TCP 10.0.0.5:51000 -> 198.51.100.43:43 whois "example.com"');
      expect(events[3]?.evidence.text).toContain("[2001:db8::5]:51001");
    });
  }

  it("a query without CRLF ends with the server's answer, the FIN, or the capture", async () => {
    const answered = tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, clientPayload: "example.net", serverPayload: "No match\r\n", ts: T0, close: false });
    const finned = tcpSession({ src: "10.0.0.6", dst: "198.51.100.43", dstPort: 43, clientPayload: "example.org", ts: T0 + 10 });
    const cut = tcpSession({ src: "10.0.0.7", dst: "198.51.100.43", dstPort: 43, clientPayload: "example.edu", ts: T0 + 20, close: false });
    const { events } = await read(mergePackets(answered, finned, cut));
    expect(events.filter((e) => e.kind === "whois").map((e) => [e.src, (e as { query: string }).query])).toEqual(
      [["10.0.0.5", "example.net"], ["10.0.0.6", "example.org"], ["10.0.0.7", "example.edu"]]);
  });

  it("mid-stream captures (no handshake) still find client and query", async () => {
    const s = tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", srcPort: 60000, dstPort: 43, clientPayload: "-B example.com\r\n", ts: T0, handshake: false });
    const { events } = await read(s);
    expect(events.map((e) => [e.kind, e.src, e.kind === "whois" ? e.query : (e as { state?: string }).state])).toEqual(
      [["conn", "10.0.0.5", "OTH"], ["whois", "10.0.0.5", "-B example.com"]]);
  });

  it("connection states: accepted without a request, rejected, unanswered (after 5 s of capture time or at the end), reset by the client", async () => {
    const syn = (sp: number, ts: number, flags: number = FLAGS.SYN, dst = "198.51.100.43") =>
      tcpPacket({ src: "10.0.0.66", dst, srcPort: sp, dstPort: 43, seq: 100, ack: 0, flags, ts });
    const back = (sp: number, ts: number, flags: number) => tcpPacket({ src: "198.51.100.43", dst: "10.0.0.66", srcPort: 43, dstPort: sp, seq: 9, ack: 101, flags, ts });
    const packets = [
      syn(40001, T0), back(40001, T0 + 1, FLAGS.SYN | FLAGS.ACK),
      syn(40002, T0 + 2), back(40002, T0 + 3, FLAGS.RST | FLAGS.ACK),
      syn(40003, T0 + 4), syn(40003, T0 + 1004), // retransmitted, never answered
      syn(40004, T0 + 5), syn(40004, T0 + 6, FLAGS.RST),
      syn(40005, T0 + 7000), // unanswered when the capture ends
      syn(40006, T0 + 7001, FLAGS.SYN, "198.51.100.44"),
      tcpPacket({ src: "198.51.100.44", dst: "10.0.0.66", srcPort: 43, dstPort: 40006, seq: 1, ack: 101, flags: FLAGS.SYN | FLAGS.ACK, ts: T0 + 7002 }),
    ];
    const { events } = await read(packets);
    // Accepted connections wait for the client's first bytes: none came, so they end as S1 without a request.
    expect(events.map((e) => [(e as { srcPort?: number }).srcPort, (e as { state?: string }).state, e.ts - T0, e.evidence.line, (e as { payload?: boolean }).payload])).toEqual([
      [40002, "REJ", 2, 3, undefined], [40004, "RSTOS0", 5, 7, undefined], [40003, "S0", 4, 5, undefined],
      [40001, "S1", 0, 1, false], [40005, "S0", 7000, 9, undefined], [40006, "S1", 7001, 10, false]]);
  });

  it("a port reused by a new SYN is a new session", async () => {
    const a = tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", srcPort: 50000, dstPort: 43, clientPayload: "one.example\r\n", ts: T0 });
    const b = tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", srcPort: 50000, dstPort: 43, clientPayload: "two.example\r\n", ts: T0 + 100, clientIsn: 90000 });
    const { events } = await read([...a, ...b]);
    expect(events.filter((e) => e.kind === "whois").map((e) => (e as { query: string }).query)).toEqual(["one.example", "two.example"]);
    expect(events.filter((e) => e.kind === "conn")).toHaveLength(2);
  });

  it("control characters in a query are stripped; long queries are capped", async () => {
    const s = tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, clientPayload: `exa\u001b[31mmple.com${"x".repeat(3000)}`, ts: T0 });
    const { events } = await read(s);
    const q = events.find((e): e is Extract<DetectEvent, { kind: "whois" }> => e.kind === "whois")?.query ?? "";
    expect(q.startsWith("exa[31mmple.com")).toBe(true);
    expect(q.length).toBeLessThanOrEqual(512);
  });

  it("a truncated capture keeps the events so far and sets an error", async () => {
    const full = writePcap(scene());
    const { events, stats } = await readAll(tempFile("cut.pcap", full.subarray(0, full.length - 30)));
    expect(stats.error).toMatch(/truncated pcap: packet 39 is incomplete/);
    expect(events.length).toBe(EXPECTED.length - 1);
    const header = await readAll(tempFile("cut-header.pcap", full.subarray(0, 10)));
    expect(header.stats.error).toMatch(/truncated pcap/);
    const ng = writePcap(scene(), { format: "pcapng" });
    const ngCut = await readAll(tempFile("cut.pcapng", ng.subarray(0, ng.length - 7)));
    expect(ngCut.stats.error).toMatch(/truncated pcapng/);
  });

  it("non-IP frames are skipped and broken headers are malformed", async () => {
    const junk: Packet[] = [
      { ts: T0, ip: Buffer.from([0x45, 0, 0, 20]) }, // IPv4 header cut short
      { ts: T0, ip: Buffer.from([0x10, 1, 2, 3]) }, // IP version 1
      udpPacket({ src: "10.0.0.1", dst: "10.0.0.2", srcPort: 5000, dstPort: 53, payload: Buffer.from([1, 2, 3]), ts: T0 }), // bad DNS
      udpPacket({ src: "10.0.0.1", dst: "10.0.0.2", srcPort: 5000, dstPort: 9999, payload: "hello", ts: T0 }),
      tcpPacket({ src: "10.0.0.1", dst: "10.0.0.2", srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: FLAGS.RST, ts: T0 }),
    ];
    const { stats } = await read(junk);
    expect(stats).toMatchObject({ lines: 5, malformed: 2, events: 3, skipped: 0 });
  });

  it("keep-alive HTTP: every request of a connection, bodies skipped", async () => {
    const post = "POST /domain/example.org HTTP/1.1\r\nHost: rdap.example.net\r\nContent-Length: 11\r\n\r\nhello=world";
    const s = tcpSession({ src: "10.0.0.8", dst: "192.0.2.80", dstPort: 80, ts: T0, clientPayload: [
      httpRequest({ host: "rdap.example.net", path: "/domain/example.com" }) + post.slice(0, 40), post.slice(40),
      httpRequest({ host: "rdap.example.net", path: "/ip/192.0.2.1" }).slice(0, 10), httpRequest({ host: "rdap.example.net", path: "/ip/192.0.2.1" }).slice(10),
    ] });
    const { events } = await read(s);
    expect(events.filter((e) => e.kind === "http").map((e) => (e.kind === "http" ? `${e.method} ${e.url}` : ""))).toEqual([
      "GET http://rdap.example.net/domain/example.com", "POST http://rdap.example.net/domain/example.org", "GET http://rdap.example.net/ip/192.0.2.1"]);
  });

  it("DNS over TCP: every query, and a refused AXFR answer", async () => {
    const msg = (m: Buffer) => Buffer.concat([Buffer.from([m.length >> 8, m.length & 255]), m]);
    const s = tcpSession({ src: "10.0.0.41", dst: "192.0.2.12", dstPort: 53, ts: T0,
      clientPayload: Buffer.concat([msg(dnsMessage({ id: 7, query: "example.com", qtype: 252 })), msg(dnsMessage({ id: 8, query: "example.net", qtype: 252 }))]),
      serverPayload: msg(dnsMessage({ id: 7, query: "example.com", qtype: 252, response: true, rcode: 5 })) });
    const { events } = await read(s);
    expect(events.filter((e) => e.kind === "dns").map(brief)).toEqual([
      { kind: "dns", ts: T0 + 3, src: "10.0.0.41", dst: "192.0.2.12", query: "example.com", qtype: "AXFR", format: "pcap", line: 4 },
      { kind: "dns", ts: T0 + 3, src: "10.0.0.41", dst: "192.0.2.12", query: "example.net", qtype: "AXFR", format: "pcap", line: 4 },
      { kind: "dns", ts: T0 + 4, src: "10.0.0.41", dst: "192.0.2.12", query: "example.com", qtype: "AXFR", rcode: "REFUSED", format: "pcap", line: 5 },
    ]);
  });

  it("UDP flows: one conn per 4-tuple until it has been quiet for a minute", async () => {
    const u = (ts: number, sp: number) => udpPacket({ src: "10.0.0.1", dst: "203.0.113.9", srcPort: sp, dstPort: 4343, payload: "x", ts });
    const back = udpPacket({ src: "203.0.113.9", dst: "10.0.0.1", srcPort: 4343, dstPort: 1000, payload: "y", ts: T0 + 5 });
    const { events } = await read([u(T0, 1000), back, u(T0 + 10, 1000), u(T0 + 20, 1001), u(T0 + 120_000, 1000)]);
    expect(events.map((e) => [e.kind, (e as { srcPort?: number }).srcPort, e.ts - T0])).toEqual([["conn", 1000, 0], ["conn", 1001, 20], ["conn", 1000, 120_000]]);
  });

  it("any chunking of a capture gives the same events", async () => {
    const { PcapReader } = await import("../../../src/detect/pcap/reader.js");
    const run = (data: Buffer, cuts: number[]) => {
      const stats = { file: "x", format: "pcap" as const, lines: 0, events: 0, skipped: 0, malformed: 0 };
      const out: unknown[] = [];
      const r = new PcapReader({ file: "x", stats, emit: (e) => { stats.events++; out.push(brief(e)); } });
      let at = 0;
      for (const cut of cuts.map((x) => x % (data.length + 1)).sort((a, b) => a - b)) {
        r.push(data.subarray(at, Math.max(at, cut)));
        at = Math.max(at, cut);
      }
      r.push(data.subarray(at));
      r.end(false);
      return { stats, out };
    };
    for (const options of [{}, { format: "pcapng" as const, endian: "big" as const }]) {
      const data = writePcap(scene(), options);
      const whole = run(data, []);
      fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 60 }), (cuts) => {
        expect(run(data, cuts)).toEqual(whole);
      }), { numRuns: 200 });
    }
  });

  it("an exception thrown by the sink reaches the caller", async () => {
    const boom = new Error("sink bug");
    const p = tempFile("sink.pcap", writePcap(scene()));
    await expect(readLog(p, () => { throw boom; })).rejects.toBe(boom);
  });

  it("random packets and byte flips of a capture never throw", async () => {
    const good = writePcap(scene());
    await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 20 }),
      fc.constantFrom<WritePcapOptions>({}, { format: "pcapng" }, { link: "raw" }), async (frames, flips, options) => {
        const random = writePcap(frames.map((ip, i) => ({ ts: T0 + i, ip: Buffer.from(ip) })), options);
        const flipped = Buffer.from(good);
        for (const [at, v] of flips) flipped[24 + (at % (flipped.length - 24))] = v;
        for (const b of [random, flipped]) {
          const { stats, events } = await readAll(tempFile(`fuzz-${Math.random().toString(36).slice(2)}.pcap`, b));
          expect(stats.events).toBe(events.length);
        }
      }), { numRuns: 200 });
  });
});
