import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Bad flags of the scale-out commands: a clear error naming the problem, exit 2, no password printed.
describe("worker, queue status and bulk --queue: bad input", () => {
  it("names a queue URL that is not Redis", async () => {
    const run = await runCli(["worker", "--queue", "http://127.0.0.1:1/", "--store", ":memory:"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--queue needs a redis:\/\/ or rediss:\/\/ URL/);
  });

  it("checks numbers and the log level before connecting", async () => {
    for (const [flag, value, pattern] of [
      ["--concurrency", "0", /--concurrency needs a whole number from 1/],
      ["--lock-ms", "5", /--lock-ms needs a whole number from 1000/],
      ["--metrics-port", "70000", /--metrics-port needs a whole number from 0 to 65535/],
      ["--log-level", "loud", /--log-level needs one of/],
      ["--queue-name", "a:b", /--queue-name needs/],
    ] as const) {
      const run = await runCli(["worker", "--queue", "redis://127.0.0.1:1/0", "--store", ":memory:", flag, value]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr).toMatch(pattern);
    }
  });

  it("says the queue cannot be reached, without its password", async () => {
    const run = await runCli(["queue", "status", "--queue", "redis://:hunter2@127.0.0.1:1/0"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/cannot reach the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0/);
    expect(run.stderr).not.toMatch(/hunter2/);
  }, 20_000);
});
