// Part of `npm run build` (after tsc): bundles the built CLI (dist/cli/main.js and every module it imports
// from dist/) into a few ES module chunks under dist/bundle/, which bin/whoislens runs. Why: Node's ES
// module loader spends ~1 ms resolving, reading and linking each of the ~110 small modules a one-shot
// command loads, more than their code costs (issue #13). The library (`import "whoislens"`, dist/index.js)
// and the tests keep the unbundled dist/.
//
// A hand-written concatenation could not keep the CLI's lazy `await import()` of each engine; esbuild's
// code splitting keeps each one a separate chunk loaded on first use (esbuild: a devDependency).
//
// npm packages stay external (`packages: "external"`): node_modules is resolved at run time as before,
// so `util/cjs-deps.ts` keeps require()-ing tldts/ipaddr.js, and the shipped data is found by
// `src/paths.ts` (walks up to the package root) rather than by a path relative to a module's depth.
// dist/bundle/meta.json (esbuild's metafile) says which dist/ modules each chunk holds: the start-up
// test (test/cli/startup-imports.test.ts) maps the chunks a command loads back to those modules.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = "dist/bundle";

// Chunk names carry a content hash: an earlier build's chunks would pile up beside the new ones.
rmSync(`${root}${outdir}`, { recursive: true, force: true });
mkdirSync(`${root}${outdir}`, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "dist/cli/main.js" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  outdir,
  // The chunk a dynamic import() starts is named after that module ([name]), shared code "chunk-…".
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});
writeFileSync(`${root}${outdir}/meta.json`, `${JSON.stringify(result.metafile, null, 1)}\n`);
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length;
console.log(`bundle: ${outdir}/main.js and ${chunks - 1} chunks (${outdir}/meta.json maps them to dist/ modules)`);
