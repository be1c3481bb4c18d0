import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The GNU whois client (Debian package `whois`) on PATH, not an npm package's `whois` script that node_modules/.bin puts first. */
export function gnuWhois(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "whois");
    if (dir.includes("node_modules") || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    if (`${version.stdout}${version.stderr}`.includes("md+whois@linux.it")) return candidate;
  }
  return undefined;
}
