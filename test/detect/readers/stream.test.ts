import { appendFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseColumnMap, readLog, sniffFormat } from "../../../src/detect/readers/index.js";
import type { DetectEvent } from "../../../src/detect/types.js";
import { FIXTURES, readAll, tempFile } from "./helpers.js";

const ZEEK_HEAD = "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\n";
const zeekLine = (i: number) => `${1700000000 + i}.000001\tC${i}\t10.0.${(i >> 8) & 255}.${i & 255}\t${40000 + (i % 20000)}\t198.51.100.43\t43\ttcp\tSF\n`;

describe("readers: gzip", () => {
  it("reads a gzip file like the plain one (sniffed by magic bytes, not the name)", async () => {
    const plain = readFileSync(join(FIXTURES, "eve.json"));
    const gz = tempFile("eve-compressed.log", gzipSync(plain));
    const a = await readAll(join(FIXTURES, "eve.json"));
    const b = await readAll(gz);
    expect(b.stats).toEqual({ ...a.stats, file: gz });
    expect(b.events.map((e) => e.ts)).toEqual(a.events.map((e) => e.ts));
  });

  it("a truncated gzip delivers the events so far and sets a clear error", async () => {
    const body = ZEEK_HEAD + Array.from({ length: 5000 }, (_, i) => zeekLine(i)).join("");
    const gz = gzipSync(body);
    const cut = tempFile("cut.log.gz", gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { events, stats } = await readAll(cut);
    expect(stats.format).toBe("zeek-conn");
    expect(stats.error).toMatch(/truncated or corrupt gzip/);
    expect(events.length).toBeGreaterThan(100);
    expect(events.length).toBeLessThan(5000);
    expect(events.every((e, i) => e.ts === (1700000000 + i) * 1000)).toBe(true);
  });

  it("garbage after the gzip magic is an error, not a throw", async () => {
    const bad = tempFile("bad.gz", Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const { stats } = await readAll(bad);
    expect(stats.error).toMatch(/gzip/);
  });
});

describe("readers: lines", () => {
  it("lines split across chunk boundaries, CRLF endings and a last line without newline", async () => {
    const body = ZEEK_HEAD.replace(/\n/g, "\r\n") + Array.from({ length: 30000 }, (_, i) => zeekLine(i).replace("\n", "\r\n")).join("").trimEnd();
    const { events, stats } = await readAll(tempFile("many.log", body));
    expect(stats).toMatchObject({ lines: 30003, events: 30000, skipped: 3, malformed: 0 });
    expect(events[29999]).toMatchObject({ src: "10.0.117.47", srcPort: 49999, state: "SF" });
  });

  it("over-long lines are malformed and reading goes on", async () => {
    const long = `{"event_type":"dns","x":"${"A".repeat(300_000)}"}\n`;
    const eve = readFileSync(join(FIXTURES, "eve.json"), "utf8");
    const { events, stats } = await readAll(tempFile("long.json", eve.split("\n").slice(0, 2).join("\n") + "\n" + long + eve));
    expect(stats.format).toBe("suricata-eve");
    expect(stats.malformed).toBe(2);
    expect(events.length).toBe(9);
    const small = await readAll(tempFile("long2.json", eve), { maxLineBytes: 300 });
    expect(small.stats.malformed).toBeGreaterThan(1);
  });

  it("unknown formats report an error; an explicit format skips sniffing", async () => {
    const p = tempFile("mystery.txt", "hello world\nthis is not a log\n");
    expect((await readAll(p)).stats).toMatchObject({ format: "unknown", events: 0 });
    expect((await readAll(p)).stats.error).toMatch(/unrecognized/);
    const forced = await readAll(tempFile("forced.txt", readFileSync(join(FIXTURES, "squid-access.log"))), { format: "squid" });
    expect(forced.stats).toMatchObject({ format: "squid", events: 3 });
  });

  it("a first line longer than the sniffing window is still recognized (winlogbeat puts winlog last)", async () => {
    const line = JSON.stringify({ "@timestamp": "2023-11-14T22:13:20.500Z", message: "Process Create: ".padEnd(6000, "x"),
      winlog: { provider_name: "Microsoft-Windows-Sysmon", event_id: 1, computer_name: "WS-9", event_data: { Image: "C:\\Tools\\whois.exe" } } });
    const { events, stats } = await readAll(tempFile("long-first.json", `${line}\n${line}\n`));
    expect(stats).toMatchObject({ format: "sysmon", events: 2 });
    expect(events[0]).toMatchObject({ kind: "process", src: "WS-9", process: { image: "C:\\Tools\\whois.exe" } });
  });

  it("an empty file is zero lines, no error", async () => {
    expect((await readAll(tempFile("empty.log", ""))).stats).toMatchObject({ lines: 0, events: 0, format: "unknown" });
    expect((await readAll(tempFile("empty.log", ""))).stats.error).toBeUndefined();
  });

  it("an exception thrown by the sink reaches the caller (it is not a malformed line)", async () => {
    const boom = new Error("sink bug");
    await expect(readLog(join(FIXTURES, "eve.json"), () => { throw boom; })).rejects.toBe(boom);
    await expect(readLog(join(FIXTURES, "zeek-conn.log"), () => { throw boom; })).rejects.toBe(boom);
    const big = tempFile("sink.log.gz", gzipSync(ZEEK_HEAD + Array.from({ length: 50000 }, (_, i) => zeekLine(i)).join("")));
    await expect(readLog(big, () => { throw boom; })).rejects.toBe(boom);
  });

  it("a missing file rejects with WL_ERR_INVALID_OPTION", async () => {
    await expect(readAll("/nonexistent/whoislens.log")).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
  });
});

describe("readers: Zeek details", () => {
  it("honours another #separator and a #fields header repeated mid-file", async () => {
    const body = "#separator \\x2c\n#path,whois\n#fields,ts,uid,id.orig_h,id.orig_p,id.resp_h,id.resp_p,query\n" +
      "1700000000.5,W1,10.0.0.5,50000,198.51.100.43,43,example\\x2ccom\n" +
      "#fields,ts,id.resp_h,id.orig_h,query,id.resp_p\n1700000001.5,203.0.113.43,10.0.0.6,AS64496,43\n";
    const { events, stats } = await readAll(tempFile("sep.log", body));
    expect(stats).toMatchObject({ format: "zeek-whois", events: 2, malformed: 0 });
    expect(events.map((e) => [e.src, e.kind === "whois" ? e.query : "", e.kind === "whois" ? e.dst : ""])).toEqual(
      [["10.0.0.5", "example,com", "198.51.100.43"], ["10.0.0.6", "AS64496", "203.0.113.43"]]);
  });
});

describe("readers: mixed Zeek JSON stream", () => {
  it("reads each line by its _path and skips the logs it does not use", async () => {
    const lines = [
      { _path: "files", ts: 1700000000, "id.orig_h": "10.0.0.1", fuid: "F1" },
      { _path: "whois", ts: 1700000001, "id.orig_h": "10.0.0.1", "id.orig_p": 5000, "id.resp_h": "198.51.100.43", "id.resp_p": 43, query: "example.com" },
      { _path: "conn", ts: 1700000002, "id.orig_h": "10.0.0.1", "id.orig_p": 5000, "id.resp_h": "198.51.100.43", "id.resp_p": 43, proto: "tcp", conn_state: "SF" },
    ].map((o) => JSON.stringify(o)).join("\n");
    const { events, stats } = await readAll(tempFile("mixed.json", lines));
    expect(events.map((e) => e.kind)).toEqual(["whois", "conn"]);
    expect(stats).toMatchObject({ lines: 3, skipped: 1, malformed: 0 });
  });
});

describe("readers: firewall CSV column map", () => {
  it("parseColumnMap parses the --columns string and names bad entries", () => {
    expect(parseColumnMap("src=SourceIP,dst=DestIP,dport=DestPort,ts=Time,proto=Protocol")).toEqual(
      { src: "SourceIP", dst: "DestIP", dport: "DestPort", ts: "Time", proto: "Protocol" });
    expect(() => parseColumnMap("src=A,bogus=B")).toThrow(/bogus=B/);
    expect(() => parseColumnMap("__proto__=x")).toThrow(/invalid --columns/);
    expect(() => parseColumnMap("dst=")).toThrow(/invalid --columns/);
  });

  it("maps unusual column names", async () => {
    const csv = "When;Who;Whom;Port\n".replace(/;/g, ",") + "1700000000,192.0.2.7,198.51.100.43,43\n1700000001,192.0.2.7,198.51.100.44,not-a-port\n";
    const p = tempFile("custom.csv", csv);
    const { events, stats } = await readAll(p, { columnMap: parseColumnMap("ts=When,src=Who,dst=Whom,dport=Port") });
    expect(stats).toMatchObject({ format: "firewall-csv", lines: 3, events: 1, skipped: 1, malformed: 1 });
    expect(events[0]).toMatchObject({ kind: "conn", ts: 1700000000000, src: "192.0.2.7", dst: "198.51.100.43", dstPort: 43, proto: "tcp" });
  });
});

/** Follows `path` until `stop()`; `waitFor(n)` polls (up to 5 s) until n events arrived. */
function follow(path: string): { events: DetectEvent[]; waitFor(n: number): Promise<void>; stop(): Promise<Awaited<ReturnType<typeof readLog>>> } {
  const events: DetectEvent[] = [];
  const ac = new AbortController();
  const done = readLog(path, (e) => events.push(e), { follow: true, signal: ac.signal });
  return {
    events,
    waitFor: async (n) => {
      for (let i = 0; i < 100 && events.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    },
    stop: () => {
      ac.abort();
      return done;
    },
  };
}

describe("readers: follow mode", () => {
  it("keeps reading appended lines until the signal aborts", async () => {
    const p = tempFile("follow.log", ZEEK_HEAD + zeekLine(0));
    const { events, waitFor, stop } = follow(p);
    await waitFor(1);
    expect(events.length).toBe(1);
    appendFileSync(p, zeekLine(1) + zeekLine(2).slice(0, 20));
    await waitFor(2);
    appendFileSync(p, zeekLine(2).slice(20) + zeekLine(3));
    await waitFor(4);
    const stats = await stop();
    expect(events.map((e) => e.ts)).toEqual([0, 1, 2, 3].map((i) => (1700000000 + i) * 1000));
    expect(stats).toMatchObject({ format: "zeek-conn", events: 4, malformed: 0 });
  });
});

describe("readers: follow mode and truncation", () => {
  it("without follow, an abort stops a long read early with the counts so far", async () => {
    const p = tempFile("abort.log", ZEEK_HEAD + Array.from({ length: 200_000 }, (_, i) => zeekLine(i)).join(""));
    const ac = new AbortController();
    let n = 0;
    const stats = await readLog(p, () => { if (++n === 10) ac.abort(); }, { signal: ac.signal });
    expect(stats.events).toBeGreaterThanOrEqual(10);
    expect(stats.events).toBeLessThan(200_000);
    expect(stats.error).toBeUndefined();
  });

  it("a file truncated in place (copytruncate rotation) is read again from its start", async () => {
    const p = tempFile("rotate.log", ZEEK_HEAD + zeekLine(0) + zeekLine(1));
    const { events, waitFor, stop } = follow(p);
    await waitFor(2);
    writeFileSync(p, zeekLine(7));
    await waitFor(3);
    await stop();
    expect(events.map((e) => e.ts)).toEqual([0, 1, 7].map((i) => (1700000000 + i) * 1000));
  });

  it("a file replaced under its name (rename rotation) is reopened", async () => {
    const p = tempFile("renamed.log", ZEEK_HEAD + zeekLine(0));
    const { events, waitFor, stop } = follow(p);
    await waitFor(1);
    renameSync(p, `${p}.1`);
    writeFileSync(p, ZEEK_HEAD + zeekLine(5) + zeekLine(6));
    await waitFor(3);
    await stop();
    expect(events.map((e) => e.ts)).toEqual([0, 5, 6].map((i) => (1700000000 + i) * 1000));
  });
});

describe("sniffFormat", () => {
  const table: [string, string | Buffer][] = [
    ["zeek-conn", ZEEK_HEAD],
    ["zeek-whois", "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\n"],
    ["zeek-dns", '{"ts":1.0,"id.orig_h":"10.0.0.1","query":"a.example","qtype":1}\n'],
    ["suricata-eve", '{"timestamp":"2023-11-14T22:13:20.000000+0000","event_type":"dns","src_ip":"10.0.0.1"}\n'],
    ["sysmon", '{"winlog":{"event_id":1}}\n'],
    ["sysmon", '{"Event":{"System":{"EventID":22}}}\n'],
    ["firewall-syslog", "Nov 14 22:13:20 gw kernel: [UFW BLOCK] IN=eth0 SRC=10.0.0.5 DST=198.51.100.43 PROTO=TCP\n"],
    ["squid", "1700000000.123    250 10.0.0.10 TCP_TUNNEL/200 4500 CONNECT rdap.example.net:443 - HIER_DIRECT/192.0.2.10 -\n"],
    ["firewall-csv", "timestamp,src_ip,dst_ip,dst_port\n"],
    ["pcap", Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0])],
    ["pcap", Buffer.from([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4])],
    ["pcap", Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0])],
    ["unknown", Buffer.from([0x1f, 0x8b, 8, 0])],
    ["unknown", "just some text\n"],
    ["unknown", ""],
  ];
  for (const [format, head] of table) {
    it(`${format}: ${String(head).slice(0, 40).replace(/\n/g, "⏎")}`, () => {
      expect(sniffFormat(Buffer.isBuffer(head) ? head : Buffer.from(head))).toBe(format);
    });
  }
});
