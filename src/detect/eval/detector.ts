/**
 * The detector under evaluation, loaded at run time (`detectFiles` from src/detect/index.ts or
 * src/detect/engine/) so that the generator and scorer never depend on the rules at build time.
 */
import type { Alert, ReadStats } from "../types.js";

export interface DetectRun { alerts: Alert[]; stats: ReadStats[] }
export interface DetectCall { orgDomains: string[]; orgDomainsFile: string; columnMap?: Record<string, string> }
export type DetectFn = (paths: string[], call: DetectCall) => Promise<DetectRun>;

type Loose = (paths: string[], options: Record<string, unknown>) => Promise<DetectRun>;

const CANDIDATES = ["../index.js", "../engine/index.js"];

export async function loadDetector(): Promise<DetectFn | undefined> {
  for (const rel of CANDIDATES) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(new URL(rel, import.meta.url).href)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const fn = mod.detectFiles;
    if (typeof fn !== "function") continue;
    const detect = fn as Loose;
    return (paths, call) => detect(paths, {
      orgDomains: call.orgDomains,
      ...(call.columnMap ? { columnMap: call.columnMap } : {}),
    });
  }
  return undefined;
}
