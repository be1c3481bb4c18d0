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

/**
 * npm packages bundled into the chunks rather than resolved from node_modules at run time, with why.
 * Every other package stays external (see above).
 */
const BUNDLED = {
  // Every command parses its arguments with it, --version and --help included. Loaded from node_modules
  // it is 7 CommonJS files that Node resolves, reads, compiles and scans for ESM named exports
  // (cjs-module-lexer) on each start: about 8 ms of the ~27 ms --version takes beyond `node -e 0` (issue #13).
  commander: "parses every command line, on every start",
};

/** An esbuild plugin: bare package imports are external unless the package is in `bundled`. */
function externalExcept(bundled) {
  return {
    name: "external-except",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        const pkg = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
        if (pkg.startsWith("node:") || !Object.hasOwn(bundled, pkg)) return { path: args.path, external: true };
        return undefined;
      });
    },
  };
}

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = "dist/bundle";

// Chunk names carry a content hash: an earlier build's chunks would pile up beside the new ones.
rmSync(`${root}${outdir}`, { recursive: true, force: true });
mkdirSync(`${root}${outdir}`, { recursive: true });
const result = await build({
  absWorkingDir: root,
  // The `parse --batch` worker thread's script is an entry of its own: a Worker is started from a file, and
  // the pool looks for it beside itself (dist/bundle/batch-worker.js here, dist/cli/batch/ unbundled).
  entryPoints: { main: "dist/cli/main.js", "batch-worker": "dist/cli/batch/batch-worker.js" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // npm packages stay external, but for commander (see BUNDLED below).
  plugins: [externalExcept(BUNDLED)],
  outdir,
  // Written below, once the chunk that needs a real `require` has it.
  write: false,
  // The chunk a dynamic import() starts is named after that module ([name]), shared code "chunk-…".
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});
// Commander is CommonJS and require()s node builtins: esbuild's ESM output calls them through its
// `__require` shim, which throws "Dynamic require … is not supported" unless a `require` is in scope.
// The line below gives one to the chunk defining the shim only (as esbuild's `banner` it would cost every
// chunk an import and a createRequire() call, ~1 ms over a lookup's 30 chunks).
const SHIM = 'typeof require !== "undefined" ? require';
const REQUIRE_LINE = 'import { createRequire as __wlCreateRequire } from "node:module";\nconst require = __wlCreateRequire(import.meta.url);\n';
// (A shim esbuild someday writes differently would leave commander without `require`: test/cli/bundle.test.ts
// runs the bundle.)
for (const file of result.outputFiles) {
  const needsRequire = file.path.endsWith(".js") && file.text.includes(SHIM);
  writeFileSync(file.path, needsRequire ? REQUIRE_LINE + file.text : file.contents);
}
writeFileSync(`${root}${outdir}/meta.json`, `${JSON.stringify(result.metafile, null, 1)}\n`);
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length;
console.log(`bundle: ${outdir}/main.js and ${chunks - 1} chunks (${outdir}/meta.json maps them to dist/ modules)`);
