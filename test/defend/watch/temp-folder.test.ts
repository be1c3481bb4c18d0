import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";

// A watch pass makes a temporary folder for paid reverse-WHOIS answers. It was removed only once the
// store had opened: a store that could not be opened left the folder behind on every pass. Now the
// pass opens the store through withStore inside the try that removes the folder.
describe("watch run: its temporary folder goes on every path", () => {
  const saved = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });

  it("also when the store cannot be opened", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "wl-watch-tmp-"));
    process.env.TMPDIR = scratch;
    const env = { WHOISLENS_CACHE_DIR: join(scratch, "cache-dir"), XDG_CONFIG_HOME: join(scratch, "no-config") };
    writeFileSync(join(scratch, "a-file"), "not a folder");
    const run = await runCli(["watch", "run", "--store", join(scratch, "a-file", "watch.db")], { env });
    expect(run.code).not.toBe(0);
    expect(readdirSync(scratch).filter((name) => name.startsWith("whoislens-watch-api-"))).toEqual([]);
  });
});
