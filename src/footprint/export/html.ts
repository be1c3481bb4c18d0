import { htmlText } from "../../util/export-text.js";
import type { FootprintGraph } from "../types.js";
import { assetCells, assetHeaders, buildReport, EXPIRY_WINDOW_DAYS, expiryCells } from "./model.js";
import { SECTIONS } from "./markdown.js";
import { PARTIAL_SENTENCE } from "./partial.js";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.c{text-align:right}.muted{color:#777}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}
.partial{background:#fff3cd;border:1px solid #e0b000;padding:.5em .8em}`;

const h = htmlText;

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return `<p class="muted">none</p>`;
  const head = `<tr>${headers.map((x) => `<th>${h(x)}</th>`).join("")}</tr>`;
  return `<table>${head}${rows.map((r) => `<tr>${r.map((x) => `<td>${h(x)}</td>`).join("")}</tr>`).join("")}</table>`;
}

/** A self-contained page (inline style, no scripts, no external resources). */
export function renderHtml(graph: FootprintGraph): string {
  const model = buildReport(graph);
  const title = `Attack surface: ${graph.seeds.map((s) => s.replace(/^[a-z]+:/, "")).join(", ")}`;
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  parts.push(`<title>${h(title)}</title><style>${STYLE}</style></head><body><h1>${h(title)}</h1>`);
  if (graph.interrupted) parts.push(`<p class="partial"><strong>Partial:</strong> ${h(PARTIAL_SENTENCE)}.</p>`);
  parts.push(`<p>${h(`${graph.spend.total} queries spent (budget ${graph.spend.budget}, ${graph.spend.paid} paid); depth ${graph.settings.depth}; confidence ≥ ${graph.settings.minConfidence}; ${graph.startedAt} – ${graph.finishedAt}`)}</p>`);
  if (model.expired.length > 0) parts.push("<h2>Domains past their expiry date</h2>", table(["Domain", "Expired", "Registrar"], model.expired.map(expiryCells)));
  parts.push(`<h2>${h(`Domains expiring within ${EXPIRY_WINDOW_DAYS} days`)}</h2>`, table(["Domain", "Expires", "Registrar"], model.expiring.map(expiryCells)));
  for (const [type, title, heading] of SECTIONS) {
    parts.push(`<h2>${h(title)}</h2>`, table(assetHeaders(type, heading), (model.owned[type] ?? []).map((row) => assetCells(row, type))));
  }
  parts.push("<h2>Registrars</h2>", table(["Registrar"], model.registrars.map((r) => [r.node.value])));
  parts.push("<h2>DNS providers</h2>", table(["Provider", "Name servers", "Shared"], model.dnsProviders.map((p) => [p.provider, p.nameservers.join(" "), p.shared ? "yes" : "no"])));
  parts.push("<h2>Not followed</h2>", table(["Node", "Why"], model.notFollowed.map((r) => [`${r.node.type} ${r.node.value}`, r.node.notes.join("; ")])));
  parts.push("<h2>Found and rejected</h2>", table(["Node", "Why"], model.rejected.map((r) => [`${r.node.type} ${r.node.value}`, r.node.notes.join("; ")])));
  parts.push("</body></html>\n");
  return parts.join("\n");
}
