/**
 * Leftovers of the last stop (w12), each on the smallest input that shows it; every one failed on the
 * old code (3edd131): JSON-array exports of every JSON format, VPC Flow Logs as CloudWatch Logs exports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, brief, readAll, tempFile } from "../readers/helpers.js";

/** The fixture's JSON lines as objects; its deliberately broken lines kept as strings (an array element that is not an event). */
const ndjsonDocs = (file: string) => readFileSync(join(FIXTURES, file), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => {
  try {
    return JSON.parse(l) as object;
  } catch {
    return { broken: l };
  }
});
const same = (events: { evidence: unknown }[]) => events.map((e) => brief(e as never)).map(({ line: _l, ...rest }) => rest);

describe("JSON-array exports read like NDJSON, for every JSON format", () => {
  for (const file of ["eve.json", "sysmon-ecs.json", "sysmon-evtx.json", "winevent-ecs.json", "winevent-evtx.json", "winevent-nxlog.json", "zeek-json.log"]) {
    it(`${file} as one pretty-printed array and as one compact array`, async () => {
      const base = await readAll(join(FIXTURES, file));
      const docs = ndjsonDocs(file);
      for (const [name, text] of [[`${file}.array.json`, JSON.stringify(docs, null, 2)], [`${file}.compact.json`, JSON.stringify(docs)]] as const) {
        const { events, stats } = await readAll(tempFile(name, text));
        expect(stats.format, name).toBe(base.stats.format);
        expect(stats.error).toBeUndefined();
        expect([stats.events, stats.malformed], name).toEqual([base.stats.events, base.stats.malformed]);
        expect(same(events)).toEqual(same(base.events));
      }
    });
  }

  it("a record cut off at the end of the array is one malformed record, the ones before it are read", async () => {
    const docs = ndjsonDocs("eve.json");
    const text = JSON.stringify(docs, null, 1);
    const { stats } = await readAll(tempFile("eve-cut.json", text.slice(0, text.lastIndexOf("{") + 20)));
    expect(stats.malformed).toBe(1);
    expect(stats.events).toBeGreaterThan(0);
  });

  it("a record longer than the line cap is counted malformed and the next one still read", async () => {
    const docs = ndjsonDocs("eve.json");
    const huge = { ...(docs[0] as object), pad: "x".repeat(300 * 1024) };
    const { stats } = await readAll(tempFile("eve-huge.json", JSON.stringify([huge, ...docs])));
    const base = await readAll(join(FIXTURES, "eve.json"));
    expect(stats.events).toBe(base.stats.events);
    expect(stats.malformed).toBe(base.stats.malformed + 1);
  });
});

describe("AWS VPC Flow Logs as CloudWatch Logs exports", () => {
  const records = readFileSync(join(FIXTURES, "vpc-flow.log"), "utf8").split("\n").filter((l) => l.startsWith("2 "));
  const ts = 1796549401000;

  it("GetLogEvents / a subscription payload: {\"logEvents\":[{\"message\":…}]}", async () => {
    const base = await readAll(join(FIXTURES, "vpc-flow.log"));
    const payload = { messageType: "DATA_MESSAGE", owner: "123456789010", logGroup: "vpc-flow", logStream: "eni-1235b8ca123456789-all", subscriptionFilters: ["all"],
      logEvents: records.map((m, i) => ({ id: `3${i}`, timestamp: ts, message: m })) };
    for (const [name, text] of [["cwl-payload.json", JSON.stringify(payload)], ["cwl-pretty.json", JSON.stringify(payload, null, 4)]] as const) {
      const { events, stats } = await readAll(tempFile(name, text));
      expect(stats.format, name).toBe("aws-vpc-flow");
      expect([stats.lines, stats.malformed]).toEqual([records.length, 1]); // the fixture's last record lacks its `end` field
      expect(same(events)).toEqual(same(base.events));
    }
  });

  it("`aws logs filter-log-events` output and its events as JSON lines", async () => {
    const out = { events: records.map((m, i) => ({ logStreamName: "eni-1235b8ca123456789-all", timestamp: ts, message: m, ingestionTime: ts + 60_000, eventId: `3${i}` })),
      searchedLogStreams: [{ logStreamName: "eni-1235b8ca123456789-all", searchedCompletely: true }] };
    const { events, stats } = await readAll(tempFile("filter-log-events.json", JSON.stringify(out, null, 4)));
    expect(stats.format).toBe("aws-vpc-flow");
    expect(stats.malformed).toBe(1);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ kind: "conn", src: "10.0.0.5", dst: "192.0.32.59", dstPort: 43, ts });
    const lines = `${out.events.map((e) => JSON.stringify(e)).join("\n")}\n`;
    const { events: fromLines, stats: s2 } = await readAll(tempFile("cwl-lines.ndjson", lines));
    expect(s2.format).toBe("aws-vpc-flow");
    expect(same(fromLines)).toEqual(same(events));
  });
});

describe("syslog relays' headers", () => {
  const built = "%ASA-6-302013: Built outbound TCP connection 91 for outside:192.0.32.59/43 (192.0.32.59/43) to inside:10.0.0.5/51000 (203.0.113.1/51000)";
  const at = Date.UTC(2026, 11, 6, 14, 0, 0);

  it("cisco-asa with `no logging timestamp`: the relay's own stamp is the time (syslog-ng `YYYY-MM-DD hh:mm:ss`, Kiwi Syslog's tab columns)", async () => {
    const log = [`2026-12-06 14:00:00 10.1.1.1 ${built}`, `2026-12-06 14:00:00\tLocal4.Info\t10.1.1.1\t${built.replace("connection 91", "connection 92")}`,
      `<166>${built.replace("connection 91", "connection 93")}`].join("\n");
    const { events, stats } = await readAll(tempFile("asa-relay.log", `${log}\n`));
    expect(stats.format).toBe("cisco-asa");
    // The last line has no time anywhere (the device sent none and nothing stamped it): malformed.
    expect([stats.events, stats.malformed]).toEqual([2, 1]);
    expect(events.map((e) => e.ts)).toEqual([at, at]);
  });

  it("firewall-syslog: an iptables --log-prefix / nftables `log prefix` verdict behind an RFC 5424 header", async () => {
    const rows = [
      "<4>1 2026-12-06T14:00:00.000Z gw01 kernel - - - nft-drop: IN=eth1 OUT=eth0 SRC=10.20.30.66 DST=198.51.100.200 LEN=60 PROTO=TCP SPT=61000 DPT=43 SYN URGP=0",
      "<4>1 2026-12-06T14:00:00.000Z gw01 kernel - - [meta sequenceId=\"7\"] [ 8812.123456] REJECT-OUT IN=eth1 OUT=eth0 SRC=10.20.30.66 DST=198.51.100.200 LEN=60 PROTO=TCP SPT=61001 DPT=43 SYN URGP=0",
      "<4>1 2026-12-06T14:00:00.000Z gw01 kernel - - - ACCEPT-WHOIS: IN=eth1 OUT=eth0 SRC=10.20.30.40 DST=199.7.51.11 LEN=60 PROTO=TCP SPT=51000 DPT=43 SYN URGP=0",
    ];
    const { events, stats } = await readAll(tempFile("nft-5424.log", `${rows.join("\n")}\n`));
    expect(stats.format).toBe("firewall-syslog");
    expect(events.map((e) => (e.kind === "conn" ? e.state : ""))).toEqual(["drop", "reject", "accept"]);
  });
});

describe("NDJSON is still NDJSON", () => {
  it("an EVE file whose first line is cut off is read line by line (one malformed line), not as one broken document", async () => {
    const text = readFileSync(join(FIXTURES, "eve.json"), "utf8");
    const first = text.indexOf("\n");
    const base = await readAll(join(FIXTURES, "eve.json"));
    const { stats } = await readAll(tempFile("eve-first-cut.json", `${text.slice(0, Math.floor(first / 2))}\n${text.slice(first + 1)}`));
    expect(stats.format).toBe("suricata-eve");
    expect(stats.lines).toBe(base.stats.lines);
    expect(stats.malformed).toBeGreaterThanOrEqual(1);
    expect(stats.events).toBeGreaterThanOrEqual(base.stats.events - 1);
  });
});
