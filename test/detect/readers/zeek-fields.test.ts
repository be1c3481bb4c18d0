/**
 * Zeek TSV numbers are read from the bytes when they are plain digits (ports, orig_bytes) and through
 * the text path otherwise; both must give what the text path always gave. Escapes are undone only on
 * lines that hold a backslash, wherever it is among the columns read.
 */
import { describe, expect, it } from "vitest";
import type { ConnEvent } from "../../../src/detect/types.js";
import { readAll, tempFile } from "./helpers.js";

const HEAD = [
  "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\torig_bytes\tconn_state\thistory\ttunnel_parents",
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tcount\tstring\tstring\tset[string]",
];

async function conns(rows: string[][]): Promise<{ events: ConnEvent[]; malformed: number; skipped: number }> {
  const text = [...HEAD, ...rows.map((r) => ["1700000000.5", "Cx", ...r].join("\t"))].join("\n");
  const { events, stats } = await readAll(tempFile(`conn-${rows.length}-${Math.random().toString(36).slice(2)}.log`, `${text}\n`));
  return { events: events as ConnEvent[], malformed: stats.malformed, skipped: stats.skipped };
}

describe("Zeek TSV numeric fields", () => {
  it("ports and orig_bytes as the text path reads them: digits, leading zeros, escapes, unset, over-long", async () => {
    const { events, skipped } = await conns([
      ["10.0.0.1", "51000", "192.0.2.1", "43", "tcp", "-", "13", "SF", "ShADadFf", "-"],
      ["10.0.0.2", "00051", "192.0.2.2", "0043", "tcp", "-", "0", "RSTO", "ShR", "-"],
      ["10.0.0.3", "\\x35\\x31", "192.0.2.3", "\\x34\\x33", "tcp", "-", "-", "SF", "ShADadFf", "-"],
      ["10.0.0.4", "-", "192.0.2.4", "43", "tcp", "-", "-", "S1", "Sh", "-"],
      ["10.0.0.5", "51000", "192.0.2.5", "43", "tcp", "-", "(empty)", "SF", "-", "-"],
      ["10.0.0.6", "51000", "192.0.2.6", "1234567890123456", "tcp", "-", "1", "SF", "-", "-"],
      ["10.0.0.7", "5 1", "192.0.2.7", "43", "tcp", "-", "1e3", "SF", "-", "-"],
    ]);
    expect(events.map((e) => [e.src, e.srcPort, e.dstPort, e.payload])).toEqual([
      ["10.0.0.1", 51000, 43, true],
      ["10.0.0.2", 51, 43, false],
      ["10.0.0.3", 51, 43, true], // escaped digits: unescaped, then read
      ["10.0.0.4", undefined, 43, false], // orig_bytes unset: history without D
      ["10.0.0.5", 51000, 43, undefined], // neither said
      ["10.0.0.7", undefined, 43, true], // "5 1" is no port; "1e3" reads as 1000 as it always did
    ]);
    expect(skipped).toBeGreaterThanOrEqual(HEAD.length + 1); // the 16-digit port: no event
  });

  it("undoes escapes in any column read, only on lines that have one", async () => {
    const { events } = await conns([
      ["10.0.0.8", "51000", "192.0.2.8", "43", "tcp", "-", "5", "S\\x46", "-", "-"],
      ["10.0.0.9", "51000", "192.0.2.9", "43", "tcp", "-", "5", "SF", "-", "a\\x41"],
      ["10.0.0.\\x31\\x30", "51000", "192.0.2.10", "43", "tcp", "-", "5", "SF", "-", "-"],
    ]);
    expect(events.map((e) => [e.src, e.state])).toEqual([["10.0.0.8", "SF"], ["10.0.0.9", "SF"], ["10.0.0.10", "SF"]]);
    expect(events[0]!.evidence.text).toBe("1700000000.5 Cx 10.0.0.8 51000 192.0.2.8 43 tcp - 5 S\\x46 - -");
  });
});
