// npm run eval:corpus [-- --failures] [--corpus DIR] [--kind whois|rdap]
import { parseRdap } from "../parse/rdap/index.js";
import { parseWhoisText } from "../parse/whois/index.js";
import { stripControl } from "../util/sanitize.js";
import { corpusAvailable, DEFAULT_CORPUS_DIR, loadCorpus, percent, scoreCorpus, type CorpusCase, type CorpusReport } from "./corpus.js";

export function whoislensCaseParser(item: CorpusCase): ReturnType<typeof parseWhoisText> {
  const server = item.server === "unknown" ? undefined : item.server;
  const options = { ...(server ? { server } : {}), ...(item.query ? { query: item.query } : {}) };
  if (item.kind === "rdap") return parseRdap(JSON.parse(item.raw) as unknown, options);
  return parseWhoisText(item.raw, options);
}

export function formatReport(report: CorpusReport, showFailures: boolean): string {
  const lines: string[] = [];
  const row = (name: string, passed: number, total: number, extra = ""): string =>
    `${name.padEnd(40)} ${String(passed).padStart(6)} / ${String(total).padEnd(6)} ${percent({ passed, total }).toFixed(1).padStart(6)}%${extra}`;
  lines.push("per server (servers with ≥ 3 cases below 85% are marked !)");
  for (const [server, tally] of Object.entries(report.byServer).sort(([a], [b]) => a.localeCompare(b))) {
    const weak = tally.cases >= 3 && percent(tally) < 85 ? "  !" : "";
    lines.push(row(`${server} (${tally.cases})`, tally.passed, tally.total, weak));
  }
  lines.push("", "per field");
  for (const [field, tally] of Object.entries(report.byField).sort(([, a], [, b]) => percent(a) - percent(b))) {
    lines.push(row(field, tally.passed, tally.total));
  }
  lines.push("", "per kind");
  for (const [kind, tally] of Object.entries(report.byKind)) lines.push(row(kind, tally.passed, tally.total));
  if (showFailures) {
    lines.push("", "failing cases");
    for (const item of report.cases) {
      const failed = item.results.filter((r) => !r.ok);
      if (failed.length === 0 && item.error === undefined) continue;
      lines.push(`- ${item.id}${item.error ? ` (threw: ${item.error})` : ""}`);
      for (const f of failed.slice(0, 12)) lines.push(`    ${f.field}: expected ${JSON.stringify(f.expected)} got ${JSON.stringify(f.actual)}`);
    }
  }
  // Every answer the parser could not classify stays visible, with its reason (always printed, not only with --failures).
  const unknown = report.cases.filter((item) => item.unknown !== undefined);
  lines.push("", `unclassified answers (status unknown): ${unknown.length}`);
  for (const item of unknown) lines.push(`- ${item.id}: ${stripControl(item.unknown ?? "")}`);
  const weakServers = Object.entries(report.byServer).filter(([, t]) => t.cases >= 3 && percent(t) < 85).map(([s]) => s);
  lines.push("", `servers with ≥ 3 cases scoring below 85%: ${weakServers.length ? weakServers.join(", ") : "none"}`);
  lines.push(`corpus score: ${percent(report.overall).toFixed(1)}% of ${report.overall.total} asserted fields`);
  return lines.join("\n");
}

function main(argv: string[]): number {
  const dirIndex = argv.indexOf("--corpus");
  const dir = dirIndex >= 0 ? (argv[dirIndex + 1] ?? DEFAULT_CORPUS_DIR) : DEFAULT_CORPUS_DIR;
  const kindIndex = argv.indexOf("--kind");
  const kinds = kindIndex >= 0 ? [argv[kindIndex + 1] as "whois" | "rdap"] : (["whois", "rdap"] as ("whois" | "rdap")[]);
  if (!corpusAvailable(dir)) {
    process.stderr.write(`eval:corpus: no corpus at ${dir} (expected ../shared/corpus next to the project); nothing to score\n`);
    return 2;
  }
  const report = scoreCorpus(loadCorpus(dir, kinds), whoislensCaseParser);
  process.stdout.write(`${formatReport(report, argv.includes("--failures"))}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
