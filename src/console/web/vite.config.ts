// The console page's build: `vite build --config src/console/web/vite.config.ts` (a step of `npm run build`)
// writes static assets to dist/console-web/, which `whoislens console` serves at `/`. Offline: no CDN, no
// plugins. No inline script or style in the output (the API's CSP has no 'unsafe-inline'): the module
// preload polyfill (an inline-able helper) is off, and assets are files, never data: URLs.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "./",
  publicDir: false,
  logLevel: "warn",
  clearScreen: false,
  build: {
    outDir: fileURLToPath(new URL("../../../dist/console-web/", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    reportCompressedSize: false,
    // cytoscape alone is ~430 kB minified; it is its own chunk, loaded when a graph is first drawn.
    chunkSizeWarningLimit: 600,
  },
});
