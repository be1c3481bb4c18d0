/**
 * Leftovers of the last stop (w15), each a test that fails on the code before it:
 * (a) `--tz` applies to CEF `rt` and LEEF `devTime` written without a zone, as to the other local-time readers;
 * (b) a JSON log with `@timestamp` and `host`/`source` but no ECS field the reader can use is unrecognized, not "all skipped".
 */
import { describe, expect, it } from "vitest";
import { readAll, tempFile } from "./helpers.js";

const T = Date.UTC(2026, 11, 6, 14, 0, 0);

describe("--tz on CEF and LEEF times without a zone", () => {
  const cef = [
    "CEF:0|Fortinet|FortiGate|7.4|00013|traffic|3|rt=Dec 06 2026 15:00:00 src=10.20.30.40 dst=192.0.32.59 spt=41000 dpt=43 proto=TCP act=accept",
    "CEF:0|Fortinet|FortiGate|7.4|00013|traffic|3|rt=Dec 06 2026 14:00:01 UTC src=10.20.30.40 dst=192.0.32.59 spt=41001 dpt=43 proto=TCP act=accept",
    `CEF:0|Fortinet|FortiGate|7.4|00013|traffic|3|rt=${T + 2000} src=10.20.30.40 dst=192.0.32.59 spt=41002 dpt=43 proto=TCP act=accept`,
    "CEF:0|Vendor|Proxy|1|1|http|3|rt=2026-12-06T15:00:03 src=10.20.30.40 dst=192.0.32.59 spt=41003 dpt=43 proto=TCP",
  ];
  it("CEF rt: a wall-clock time takes --tz, a zoned or epoch time does not", async () => {
    const file = tempFile("tz.cef", `${cef.join("\n")}\n`);
    expect((await readAll(file, { tz: "Europe/Paris" })).events.map((e) => e.ts)).toEqual([T, T + 1000, T + 2000, T + 3000]);
    expect((await readAll(file)).events.map((e) => e.ts)).toEqual([T + 3_600_000, T + 1000, T + 2000, T + 3_603_000]);
  });

  it("LEEF devTime with devTimeFormat: a wall-clock time takes --tz", async () => {
    const leef = [
      "LEEF:1.0|Check Point|VPN-1 & FireWall-1|R81.20|Accept|devTimeFormat=MMM dd yyyy HH:mm:ss\tdevTime=Dec 06 2026 09:00:00\tsrc=10.20.30.40\tdst=192.0.32.59\tsrcPort=41000\tdstPort=43\tproto=6",
      "LEEF:2.0|Zscaler|NSSWeblog|6.1|Allowed|^|devTimeFormat=yyyy-MM-dd'T'HH:mm:ss^devTime=2026-12-06T09:00:01^src=10.20.30.40^dst=192.0.32.59^srcPort=41001^dstPort=43^proto=6",
      `LEEF:2.0|Lancope|StealthWatch|6.5|41|^|devTime=${T + 2000}^src=10.20.30.40^dst=192.0.32.59^srcPort=41002^dstPort=43^proto=tcp`,
    ];
    const { events } = await readAll(tempFile("tz.leef", `${leef.join("\n")}\n`), { tz: "-05:00" });
    expect(events.map((e) => e.ts)).toEqual([T, T + 1000, T + 2000]);
  });
});

describe("ECS sniffing needs an ECS field it can use", () => {
  it("a JSON log with @timestamp and host/source but no ECS object is unrecognized, with the usual notice", async () => {
    const rows = [
      { "@timestamp": "2026-12-06T14:00:00Z", host: "app01", source: "billing", level: "info", msg: "invoice 42 sent" },
      { "@timestamp": "2026-12-06T14:00:01Z", host: "app01", source: "billing", level: "warn", msg: "retrying" },
    ];
    const file = tempFile("app.json", `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const named = await readAll(file);
    expect(named.stats.format).toBe("unknown");
    expect(named.stats.error).toMatch(/unrecognized log format/);
    const found = await readAll(file, { unknownFormat: "notice" });
    expect(found.stats.notice).toMatch(/no log format detect reads/);
  });

  it("still takes ECS documents whose host/source are ECS objects, or that carry ecs/agent/event.category", async () => {
    const withObjects = { "@timestamp": "2026-12-06T14:00:00Z", source: { ip: "10.20.30.40", port: 41000 }, destination: { ip: "192.0.32.59", port: 43 }, network: { transport: "tcp" } };
    const withDns = { "@timestamp": "2026-12-06T14:00:00Z", host: { name: "ws-07", ip: ["10.20.30.40"] }, dns: { question: { name: "whois.iana.org", type: "A" } } };
    for (const [name, doc] of [["objects.json", withObjects], ["dns.json", withDns]] as const) {
      const { stats, events } = await readAll(tempFile(name, `${JSON.stringify(doc)}\n`));
      expect(stats.format, name).toBe("ecs");
      expect(events.length, name).toBe(1);
    }
  });
});
