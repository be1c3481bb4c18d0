import { describe, expect, it } from "vitest";
import { CHECK_DEFAULTS } from "../../../src/defend/lookalikes/index.js";
import { WATCH_DEFAULTS } from "../../../src/defend/watch/index.js";
import { runCli } from "../../helpers/cli.js";

// watch's lookalike DNS step is the look-alike check's dnsPass: one default for both, read from
// defend/lookalikes/defaults.ts (WATCH_DEFAULTS.dnsConcurrency and the lookalikes flag had their own 32s).
describe("one DNS concurrency default for watch and lookalikes", () => {
  it("WATCH_DEFAULTS takes the check's value, and both commands' help show it", async () => {
    expect(WATCH_DEFAULTS.dnsConcurrency).toBe(CHECK_DEFAULTS.dnsConcurrency);
    const shown = (help: string): string | undefined => /--dns-concurrency <n>[^\n]*(?:\n {10,}[^\n]*)*\(default:\s+"(\d+)"\)/.exec(help)?.[1];
    const watch = await runCli(["watch", "run", "--help"]);
    const lookalikes = await runCli(["lookalikes", "--help"]);
    expect(shown(watch.stdout)).toBe(String(CHECK_DEFAULTS.dnsConcurrency));
    expect(shown(lookalikes.stdout)).toBe(String(CHECK_DEFAULTS.dnsConcurrency));
  });

  it("both refuse the same range, with the shared parser's message", async () => {
    for (const argv of [["watch", "run", "--dns-concurrency", "1025"], ["lookalikes", "example.com", "--dns-concurrency", "1025"]]) {
      const run = await runCli(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('whoislens: WL_ERR_INVALID_OPTION: --dns-concurrency needs a whole number from 1 to 1024, got "1025"\n');
    }
  });
});
