import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type ReadOptions, readLog } from "../../../src/detect/readers/index.js";
import type { DetectEvent, ReadStats } from "../../../src/detect/types.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export async function readAll(path: string, options?: ReadOptions): Promise<{ events: DetectEvent[]; stats: ReadStats }> {
  const events: DetectEvent[] = [];
  const stats = await readLog(path, (e) => events.push(e), options);
  return { events, stats };
}

let dir: string | undefined;
/** Writes `content` to a new file in a per-run temp directory and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), "whoislens-readers-"));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The event fields a test compares (evidence reduced to its line number). */
export function brief(e: DetectEvent): Record<string, unknown> {
  const { evidence, ...rest } = e;
  const out: Record<string, unknown> = { ...rest, line: evidence.line };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Reads a fixture and checks what every fixture must show: the sniffed format, no error, the counters
 * [lines, skipped, malformed], one counted event per delivered event, evidence from that file with
 * text and without control characters, finite times. Returns the events for the caller's own checks.
 */
export async function readFixture(file: string, format: string, counts: [number, number, number]): Promise<DetectEvent[]> {
  const { events, stats } = await readAll(join(FIXTURES, file));
  expect(stats.format).toBe(format);
  expect(stats.error).toBeUndefined();
  expect([stats.lines, stats.skipped, stats.malformed]).toEqual(counts);
  expect(stats.events).toBe(events.length);
  for (const e of events) {
    expect(e.evidence.file).toBe(join(FIXTURES, file));
    expect(e.evidence.text?.length ?? 0).toBeGreaterThan(0);
    expect(e.evidence.text).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(Number.isFinite(e.ts)).toBe(true);
  }
  return events;
}
