/** One small generated set per test file (temp dir), read back with readLog. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLog } from "../../../src/detect/readers/index.js";
import type { DetectEvent, ReadStats } from "../../../src/detect/types.js";
import { generate, type GenerateOptions, type Labels } from "../../../src/detect/eval/generate.js";

export const SMALL: GenerateOptions = { hosts: 80, hours: 2, perKind: 3, sessionsPerHostHour: 6 };

export interface Fixture { dir: string; labels: Labels; cleanup(): void }

export function makeSet(seed: number, options: GenerateOptions = SMALL): Fixture {
  const dir = mkdtempSync(join(tmpdir(), "wl-eval-test-"));
  const labels = generate(dir, { ...options, seed });
  return { dir, labels, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function readRendering(f: Fixture, name: string): Promise<{ events: DetectEvent[]; stats: ReadStats[] }> {
  const r = f.labels.renderings.find((x) => x.name === name);
  if (!r) throw new Error(`no rendering ${name}`);
  const events: DetectEvent[] = [];
  const stats: ReadStats[] = [];
  for (const file of r.files) stats.push(await readLog(join(f.dir, file), (e) => events.push(e), r.columnMap ? { columnMap: r.columnMap } : {}));
  return { events, stats };
}
