/**
 * No module of src/detect imports itself back through other modules at run time (type-only imports aside):
 * a cycle makes a module's exports undefined while the other is still loading, depending on which one a
 * caller imports first (w15: fields.ts and firewall.ts imported each other for parseSyslogTime).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../src/detect/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
}

/** The run-time relative imports of a file (`import type` and `export type` skipped), as absolute .ts paths. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+"(\.{1,2}\/[^"]+)\.js";/gms)) out.push(resolve(dirname(file), `${m[1]}.ts`));
  return out;
}

/** Every cycle found by a depth-first walk, each as the files on it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, imports(f).filter((i) => files.includes(i))]));
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, "open");
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === "open") found.push(stack.slice(stack.indexOf(next)).map((p) => relative(ROOT, p)));
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of files) if (state.get(f) === undefined) visit(f);
  return found;
}

it("src/detect has no run-time import cycle", () => {
  expect(cycles(sources(ROOT))).toEqual([]);
});
