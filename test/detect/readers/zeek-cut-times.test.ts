/**
 * w23 (issue #13): Zeek TSV as `zeek-cut` hands it on. `zeek-cut -c -d` keeps the header block and writes
 * `ts` as text (its default `%Y-%m-%dT%H:%M:%S%z`; `-u` the same in UTC, `-D`/`-U FMT` any strftime
 * format), and reorders the columns it was given (zeek-cut(1), zeek-aux: "-c Include the first format header
 * block in the output", "-d Convert time values into human-readable format"). Every such line was malformed.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import type { ConnEvent } from "../../../src/detect/types.js";
import { readAll, tempFile } from "./helpers.js";

/** `zeek-cut -c -d id.orig_h id.resp_h id.resp_p ts proto conn_state < conn.log`: no uid, no orig_bytes or history. */
const CUT_HEAD = [
  "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
  "#fields\tid.orig_h\tid.resp_h\tid.resp_p\tts\tproto\tconn_state", "#types\taddr\taddr\tport\ttime\tenum\tstring",
];

async function times(stamps: string[]): Promise<{ ts: number[]; malformed: number }> {
  const rows = stamps.map((t, i) => ["10.1.2.3", `192.0.43.${i + 1}`, "43", t, "tcp", "SF"].join("\t"));
  const { events, stats } = await readAll(tempFile(`cut-${Math.random().toString(36).slice(2)}.log`, `${[...CUT_HEAD, ...rows].join("\n")}\n`));
  return { ts: (events as ConnEvent[]).map((e) => e.ts), malformed: stats.malformed };
}

describe("zeek-cut -c -d: ts as ISO 8601 text", () => {
  it("-d (local time with its offset), -u (UTC), -D '%Y-%m-%d %H:%M:%S' (no zone: UTC), fractions: the same instants", async () => {
    const at = Date.UTC(2026, 11, 7, 10, 0, 0);
    expect(await times(["2026-12-07T11:00:00+0100", "2026-12-07T10:00:00+0000", "2026-12-07 10:00:00", "2026-12-07T10:00:00.250000Z"]))
      .toEqual({ ts: [at, at, at, at + 250], malformed: 0 });
  });

  it("epoch seconds still read as before; text that is neither is malformed", async () => {
    expect(await times(["1796637600.5", "yesterday", "2026-13-07T10:00:00+0000"])).toEqual({ ts: [1796637600500], malformed: 2 });
  });

  it("the two lookups of such a log alert, at their own times", async () => {
    const rows = ["2026-12-07T10:00:00+0000", "2026-12-07T10:00:01+0000"].map((t, i) => ["10.1.2.3", `192.0.43.${7 + i}`, "43", t, "tcp", "SF"].join("\t"));
    const { alerts } = await detectFiles([tempFile("zeek-cut-d.log", `${[...CUT_HEAD, ...rows].join("\n")}\n`)]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip, new Date(a.timestamp).toISOString(), a.evidence.length])).toEqual([
      ["whois-port43-egress", "10.1.2.3", "2026-12-07T10:00:00.000Z", 2],
    ]);
  });
});
