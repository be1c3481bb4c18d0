import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Every test's temp files (caches, stores, log files) go under one directory that is removed
 * when the run ends, pass or fail: os.tmpdir() follows TMPDIR, which the test workers inherit.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "whoislens-tests-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
