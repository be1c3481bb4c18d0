// Runs the unbundled CLI (dist/cli/main.js, as the library's dist/ has it) the way bin/whoislens runs the
// bundle: test/cli/startup-imports.test.ts traces both, so a module-level guarantee holds for either.
const { main } = await import(new URL("../../dist/cli/main.js", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
