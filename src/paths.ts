import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "./errors.js";

/**
 * Where whoislens's own files are: the package root is the nearest folder above this module that holds
 * whoislens's package.json and its data/ folder. The code runs from src/ (tests), dist/ (the library) and
 * dist/bundle/ (the CLI's esbuild chunks, one level deeper), so a path written relative to a module's own
 * depth (`new URL("../../data/…", import.meta.url)`) holds in some of them only; walking up holds in all.
 */
export const PACKAGE_NAME = "whoislens";
/** Folders above the starting one that are looked at: the deepest layout (dist/bundle/) needs 2. */
const MAX_LEVELS = 8;

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest) || !existsSync(join(dir, "data"))) return false;
  try {
    // Our own package.json (a few KB); a size check keeps a stray huge file from being read.
    if (statSync(manifest).size > 64 * 1024) return false;
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The package root above `from` (a file: URL or a path); throws ConfigError naming where it looked. */
export function findPackageRoot(from: string | URL): string {
  const start = typeof from === "string" && !from.startsWith("file:") ? from : fileURLToPath(from);
  let dir = dirname(start);
  for (let level = 0; level <= MAX_LEVELS; level += 1) {
    if (isPackageRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ConfigError(
    `cannot find whoislens's own files: no folder above ${dirname(start)} holds its package.json and data/ (is the package installed whole?)`,
  );
}

let root: string | undefined;
/** The package root of this copy of whoislens, found once. */
export function packageRoot(): string {
  root ??= findPackageRoot(import.meta.url);
  return root;
}

/** A path under the shipped data/ folder, e.g. `dataPath("iana-bootstrap")`. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), "data", ...parts);
}
