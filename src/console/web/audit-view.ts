/**
 * Audit: the organisation's domains in (POST /api/audit), the findings table out (severity, check,
 * domain, field, value, fix), ordered by severity, domain or check; the same request downloads the
 * report as SARIF or HTML (attachments, never rendered in the console's origin). Every value is text.
 */
import { apiFetch, apiJson } from "./api.js";
import { byId, clear, downloadBlob, h, table } from "./dom.js";
import { list, obj } from "./json-read.js";
import { displayText } from "./safe-text.js";

/** Domains one request takes (the API's MAX_API_AUDIT_DOMAINS). */
const MAX_DOMAINS = 500;
const RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

interface Row {
  severity: string;
  id: string;
  domain: string;
  field: string;
  value: string;
  fix: string;
}

const words = (text: string): string[] => text.split(/[\s,]+/).map((w) => w.trim()).filter((w) => w !== "");

function rowsOf(report: unknown): Row[] {
  return list(obj(report).findings).map((f) => {
    const o = obj(f);
    const evidence = obj(o.evidence);
    return { severity: displayText(o.severity, 16), id: displayText(o.id, 80), domain: displayText(o.domain, 260), field: displayText(evidence.field, 200), value: displayText(evidence.value), fix: displayText(o.fix) };
  });
}

function sorted(rows: Row[], by: string): Row[] {
  const rank = (r: Row): number => RANK[r.severity] ?? 5;
  const key = (r: Row): string => (by === "domain" ? r.domain : by === "id" ? r.id : "");
  return [...rows].sort((a, b) => (by === "severity" ? 0 : key(a).localeCompare(key(b))) || rank(a) - rank(b) || a.domain.localeCompare(b.domain) || a.id.localeCompare(b.id));
}

export function initAudit(): void {
  let last: { body: unknown; rows: Row[] } | undefined;
  const out = byId("audit-result");
  const summary = byId("audit-summary");
  const sort = byId<HTMLSelectElement>("audit-sort");
  const render = (): void => {
    clear(out);
    if (!last) return;
    const rows = sorted(last.rows, sort.value);
    out.append(table(["Severity", "Check", "Domain", "Field", "Value", "Fix"], rows.map((r) => [h("span", { class: `sev sev-${r.severity.replace(/[^a-z]/g, "")}`, text: r.severity }), r.id, r.domain, r.field, r.value, r.fix]), "Audit findings"));
  };
  sort.addEventListener("change", render);
  const download = (format: "sarif" | "html"): void => {
    if (!last) return;
    void apiFetch(`/api/audit?format=${format}`, { method: "POST", body: JSON.stringify(last.body), contentType: "application/json" })
      .then((res) => res.blob())
      .then((blob) => downloadBlob(blob, `whoislens-audit.${format}`))
      .catch((error: unknown) => (summary.textContent = `Download failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  byId("audit-sarif").addEventListener("click", () => download("sarif"));
  byId("audit-html").addEventListener("click", () => download("html"));
  byId<HTMLFormElement>("audit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const domains = words(byId<HTMLTextAreaElement>("audit-domains").value);
    const crownJewels = words(byId<HTMLInputElement>("audit-jewels").value);
    const asOf = byId<HTMLInputElement>("audit-asof").value.trim();
    const watched = byId<HTMLInputElement>("audit-watched").checked;
    if (domains.length === 0 && !watched) {
      summary.textContent = "Name at least one domain, or include the watch list.";
      return;
    }
    if (domains.length > MAX_DOMAINS) {
      summary.textContent = `${domains.length} domains: at most ${MAX_DOMAINS} per audit here (whoislens audit --file takes more).`;
      return;
    }
    // The API needs one listed domain; with only the watch list, its domains are all there is.
    const body = { domains, ...(crownJewels.length > 0 ? { crownJewels } : {}), ...(watched ? { watched } : {}), ...(asOf !== "" ? { asOf } : {}) };
    summary.textContent = `Auditing ${domains.length} domain${domains.length === 1 ? "" : "s"}…`;
    for (const id of ["audit-sarif", "audit-html"]) byId<HTMLButtonElement>(id).disabled = true;
    void apiJson(`/api/audit`, { json: body })
      .then((report) => {
        last = { body, rows: rowsOf(report) };
        const domainsSeen = list(obj(report).domains).length;
        summary.textContent = `${last.rows.length} finding${last.rows.length === 1 ? "" : "s"} over ${domainsSeen} domain${domainsSeen === 1 ? "" : "s"}.`;
        for (const id of ["audit-sarif", "audit-html"]) byId<HTMLButtonElement>(id).disabled = false;
        render();
      })
      .catch((error: unknown) => {
        last = undefined;
        render();
        summary.textContent = `Audit failed: ${error instanceof Error ? error.message : String(error)}`;
      });
  });
}
