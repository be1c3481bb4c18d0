// Preloaded with `node --import` by test/cli/startup-imports.test.ts: records every module a CLI process
// loads into the file named by WHOISLENS_MODULE_TRACE, one URL or path a line. ES modules (and the
// CommonJS files they import) through a module.register() load hook, which runs on Node's loader thread;
// CommonJS files loaded with require() (createRequire, or inside a package) from require.cache at exit.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const out = process.env.WHOISLENS_MODULE_TRACE;
if (out) {
  register(new URL("./module-trace-hooks.mjs", import.meta.url), { data: { out } });
  const require = createRequire(import.meta.url);
  process.once("exit", () => {
    const cache = Object.keys(require.cache);
    if (cache.length > 0) appendFileSync(out, `${cache.join("\n")}\n`);
  });
}
