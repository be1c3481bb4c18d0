import { createRequire } from "node:module";
import type * as IconvLite from "iconv-lite";
import type * as Ipaddr from "ipaddr.js";
import type * as Tldts from "tldts";
import type * as Zod from "zod";

/**
 * CommonJS packages on the lookup and parse paths, loaded with require() instead of `import`.
 *
 * Node 20 runs cjs-module-lexer over every CommonJS file an ES module imports, to find its named
 * exports. For tldts (a 200 KB bundle holding the public-suffix trie) and ipaddr.js (38 KB) that scan
 * cost ~45 ms and ~25 ms of each one-shot command's start-up, against ~5 ms to require() them
 * (hyperfine, `node --input-type=module -e 'import("tldts")'` against `node -e 'require("tldts")'`).
 * The values are the same objects `import` would give; only the lexer pass is skipped.
 */
const require = createRequire(import.meta.url);

export const ipaddr = require("ipaddr.js") as typeof Ipaddr;
export const tldts = require("tldts") as typeof Tldts;

let iconvModule: typeof IconvLite | undefined;
/** iconv-lite, required on first use: answers that are valid UTF-8 (most) never need it. */
export function iconvLite(): typeof IconvLite {
  iconvModule ??= require("iconv-lite") as typeof IconvLite;
  return iconvModule;
}

let zodModule: typeof Zod | undefined;
/**
 * zod, required on first use: the --servers map's quick check (servers/server-map-parse.ts) passes a
 * well-formed map without it; zod judges and words the rest. require() from a synchronous caller.
 */
export function zodLib(): typeof Zod {
  zodModule ??= require("zod") as typeof Zod;
  return zodModule;
}

/** The type names callers write as `ipaddr.IPv4`, as with `import ipaddr from "ipaddr.js"`. */
export declare namespace ipaddr {
  type IPv4 = Ipaddr.IPv4;
  type IPv6 = Ipaddr.IPv6;
}
