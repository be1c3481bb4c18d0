// Parses a mix of WHOIS answers (shapes that once read past a string's or an array's end) enough times for
// V8 to optimize the parser, under `node --trace-deopt`: hot-path-bounds.test.ts looks for "out of bounds"
// bailouts in the output. Argument: the folder holding the built parse/ tree (dist/ by default).
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = process.argv[2] ?? fileURLToPath(new URL("../../../dist/", import.meta.url));
const { parseWhoisText } = await import(pathToFileURL(join(root, "parse/whois/index.js")).href);

const labels = Array.from({ length: 150 }, (_, index) => `Remark ${index}: line ${index}`).join("\n");
const answers = [
  // A heading as the last line (nothing after its colon), a one-character line, "[" alone.
  "Domain Name: example.com\nCreation Date: 2001-02-03T04:05:06\nRegistrar: Example Registrar\nA\n[\nRegistrant:",
  // Short month-name dates and a 19-character ISO date with nothing after the seconds.
  "domain: example.org\ncreated: 1-Aug-1995\nexpires: 14-Aug-2030\nchanged: 2001-02-03 04:05:06\nstatus: ok\n",
  // More labels than the tokenizer's per-position memo holds.
  `Domain Name: example.net\nUpdated Date: 2020-01-02T03:04:05Z\n${labels}\n`,
  // A doubled colon at the end of a line, a glued colon, a dated offset.
  "Domain Name: example.info\nRegistry WHOIS Server::\nAddress : Somewhere\n   No:114\nExpiry Date: 2030-01-02T03:04:05+0530\n",
  // A one-word line (read as a possible "Label    value" up to its end), a line whose colon ends it after " on "
  // (read as a possible name server and IPv6 address, the character after the colon being past the end).
  "Domain Name: example.biz\nHoasted\nRecord expires on:\nRegistrar: Example\n",
];
let fields = 0;
for (let round = 0; round < 4000; round += 1) {
  for (const answer of answers) fields += Object.keys(parseWhoisText(answer, { query: "example.com" })).length;
}
// Then, the parser optimized, a line shape none of the answers above holds: a tab before the colon (.tr's
// "NIC Handle<TAB><TAB>: value"). The fast path's test for it must not be a comparison that never ran.
fields += Object.keys(parseWhoisText("Domain Name: example.com.tr\nNIC Handle\t\t: ab123-metu\n", { query: "example.com.tr" })).length;
console.log(`parsed ${fields}`);
