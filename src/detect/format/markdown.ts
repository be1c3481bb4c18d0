/**
 * The default output: a readable Markdown summary — inputs with their counters (malformed and
 * skipped lines, read errors), alerts by severity, then one section per alert with its reasons,
 * targets and evidence lines. Every value is stripped of terminal escapes, HTML-escaped, has its
 * Markdown specials escaped and a leading spreadsheet-formula character guarded.
 */
import type { Alert, ReadStats } from "../types.js";
import { markdownText } from "../../util/export-text.js";
import { TACTIC, TECHNIQUE } from "./common.js";
import { displayTarget } from "./target-display.js";

/** Safe inline Markdown text: no raw HTML (tags, entities), no emphasis/link/table/code syntax (util/export-text). */
export function md(text: string, max = 512): string {
  return markdownText(text, max);
}

const ORDER = ["critical", "high", "medium", "low"] as const;

export function formatStatsMarkdown(stats: readonly ReadStats[]): string {
  if (stats.length === 0) return "";
  const rows = stats.map((s) => `| ${md(s.file, 200)} | ${md(s.format)} | ${s.lines} | ${s.events} | ${s.skipped} | ${s.malformed} | ${s.error !== undefined ? md(s.error, 300) : s.notice !== undefined ? md(s.notice, 300) : s.evicted !== undefined ? `${s.evicted} flows evicted (flow table full)` : ""} |`);
  return ["## Inputs", "", "| file | format | lines | events | skipped | malformed | error / note |", "| --- | --- | ---: | ---: | ---: | ---: | --- |", ...rows, ""].join("\n");
}

export function formatAlertMarkdown(a: Alert, n: number): string {
  const who = [a.source.ip, a.source.host !== undefined && a.source.host !== a.source.ip ? a.source.host : undefined].filter((s): s is string => s !== undefined).map((s) => md(s, 255)).join(" / ");
  const dest = a.destination === undefined ? undefined : [a.destination.domain !== undefined ? displayTarget(a.destination.domain) : undefined, a.destination.ip !== undefined ? `${a.destination.ip}${a.destination.port !== undefined ? `:${a.destination.port}` : ""}` : undefined].filter((s): s is string => s !== undefined).map((s) => md(s, 255)).join(" ");
  const lines = [
    `### ${n}. ${a.severity.toUpperCase()} — ${md(a.ruleName, 200)} — ${who}`,
    "",
    `- **rule:** ${md(a.ruleId, 128)} (score ${a.score}; ${TECHNIQUE.id}, ${TACTIC.id} ${TACTIC.name})`,
    `- **first seen:** ${new Date(a.timestamp).toISOString()}`,
    ...(a.source.process !== undefined ? [`- **process:** ${md(a.source.process, 300)}`] : []),
    ...(dest ? [`- **destination:** ${dest}`] : []),
    ...(a.targets.length > 0 ? [`- **targets (${a.targets.length}):** ${a.targets.slice(0, 20).map((t) => md(displayTarget(t), 255)).join(", ")}${a.targets.length > 20 ? ", …" : ""}`] : []),
    "- **why:**",
    ...a.reasons.map((r) => `  - ${md(r)}`),
    `- **evidence (${a.evidence.length}):**`,
    ...a.evidence.slice(0, 10).map((e) => `  - ${md(e.file, 200)}:${e.line}${e.text !== undefined ? ` — ${md(e.text, 200)}` : ""}`),
    ...(a.evidence.length > 10 ? [`  - … ${a.evidence.length - 10} more (use --format ndjson for all)`] : []),
    "",
  ];
  return lines.join("\n");
}

export function formatMarkdown(alerts: readonly Alert[], stats: readonly ReadStats[]): string {
  const counts = ORDER.map((s) => [s, alerts.filter((a) => a.severity === s).length] as const).filter(([, c]) => c > 0);
  const sources = new Set(alerts.map((a) => a.source.ip)).size;
  const out = [
    "# WHOIS reconnaissance (T1596.002)",
    "",
    alerts.length === 0 ? "No alerts." : `${alerts.length} alert(s) from ${sources} source(s): ${counts.map(([s, c]) => `${c} ${s}`).join(", ")}.`,
    "",
    formatStatsMarkdown(stats),
  ];
  if (alerts.length > 0) {
    out.push("## Alerts", "");
    const sorted = [...alerts].sort((x, y) => ORDER.indexOf(x.severity) - ORDER.indexOf(y.severity) || x.timestamp - y.timestamp);
    sorted.forEach((a, i) => out.push(formatAlertMarkdown(a, i + 1)));
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
