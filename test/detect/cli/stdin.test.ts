/**
 * `whoislens detect -` reads the CLI's own standard input (io.stdin), not process.stdin, so a test (or an
 * embedding program) feeds it in process (w15). Fed here: Route 53 Resolver records inside a CloudWatch
 * Logs answer, sniffed from stdin like from a file.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { route53CloudWatch } from "../second/render-cloud-dns.js";
import { HOST } from "../second/scenario.js";

describe("detect - (standard input)", () => {
  it("reads the CLI io's stdin: the format sniffed, the burst named by the record's own srcaddr", async () => {
    const run = await runCli(["detect", "-", "--format", "ndjson"], { stdin: route53CloudWatch() });
    expect(run.stderr).toContain("-: route53-resolver,");
    expect(run.code).toBe(1);
    const alerts = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { rule: { id: string }; source: { address: string } });
    expect(new Set(alerts.filter((a) => a.rule.id.startsWith("whois-burst")).map((a) => a.source.address))).toEqual(new Set([HOST.A]));
    expect(alerts.filter((a) => a.source.address === HOST.C)).toEqual([]);
  }, 20_000);

  it("an empty stdin is no error and no alert", async () => {
    const run = await runCli(["detect", "-"], { stdin: "" });
    expect(run.code).toBe(0);
  }, 20_000);
});
