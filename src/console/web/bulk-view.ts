/**
 * Bulk: submit a list (POST /api/bulk), follow progress live (SSE `progress` … `end`; polling
 * GET /api/bulk/:id when the stream drops), then the first page of results and the NDJSON download.
 */
import { queryOfLine } from "../../bulk/query-line.js";
import { apiFetch, apiJson, eventJson, streamEvents } from "./api.js";
import { byId, clear, downloadBlob, h, setStatus, table } from "./dom.js";
import { isObj, obj } from "./json-read.js";
import { displayText } from "./safe-text.js";

export const BULK_LIMITS = {
  /** Queries per job sent from the page (the API has its own cap). */
  maxQueries: 100_000,
  /** Result rows fetched per page (after the end, and per "Show more"). */
  pageSize: 200,
  /** Polling interval when the event stream is unavailable. */
  pollMs: 1000,
} as const;

interface Progress {
  total: number;
  done: number;
  failed: number;
  state?: string;
}

let current: AbortController | undefined;

export function initBulk(): void {
  byId<HTMLFormElement>("bulk-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const queries = byId<HTMLTextAreaElement>("bulk-queries")
      .value.split("\n")
      .map(queryOfLine)
      .filter((q) => q !== undefined);
    if (queries.length === 0) return;
    if (queries.length > BULK_LIMITS.maxQueries) {
      setStatus(`Too many queries: ${queries.length} (the page sends at most ${BULK_LIMITS.maxQueries} per job).`, "error");
      return;
    }
    void run(queries);
  });
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0;
}

function show(p: Progress): void {
  const bar = byId<HTMLProgressElement>("bulk-progress");
  bar.max = Math.max(1, p.total);
  bar.value = Math.min(p.total, p.done);
  byId("bulk-counts").textContent = `${p.done} of ${p.total} done, ${p.failed} failed`;
  if (p.state !== undefined) byId("bulk-state").textContent = `State: ${displayText(p.state, 32)}`;
}

async function run(queries: string[]): Promise<void> {
  current?.abort();
  const abort = new AbortController();
  current = abort;
  const job = byId("bulk-job");
  job.hidden = false;
  clear(byId("bulk-results"));
  show({ total: queries.length, done: 0, failed: 0, state: "submitting" });
  try {
    const { id } = await apiJson<{ id: string }>("/api/bulk", { json: { queries }, signal: abort.signal });
    const jobId = encodeURIComponent(String(id));
    show({ total: queries.length, done: 0, failed: 0, state: "running" });
    let ended = false;
    try {
      await streamEvents(
        `/api/bulk/${jobId}/events`,
        (event) => {
          const data = eventJson(event) as Partial<Record<keyof Progress, unknown>> | undefined;
          if (event.event === "progress" && data !== undefined) show({ total: num(data.total), done: num(data.done), failed: num(data.failed), state: "running" });
          if (event.event === "end") {
            ended = true;
            abort.abort();
          }
        },
        abort.signal,
      );
    } catch (error) {
      if (!ended && current === abort) await poll(jobId, abort);
      else if (!ended) throw error;
    }
    if (current !== abort) return;
    const status = await apiJson<Record<string, unknown>>(`/api/bulk/${jobId}`);
    show({ total: num(status.total), done: num(status.done), failed: num(status.failed), state: typeof status.state === "string" ? status.state : "done" });
    await results(jobId);
  } catch (error) {
    if (current === abort) {
      byId("bulk-state").textContent = "State: failed";
      setStatus(`Bulk job failed: ${error instanceof Error ? error.message : String(error)}`, "error");
    }
  }
}

/** The stream dropped: ask for the job's state until it is no longer running. */
async function poll(jobId: string, abort: AbortController): Promise<void> {
  for (;;) {
    if (current !== abort) return;
    const status = await apiJson<Record<string, unknown>>(`/api/bulk/${jobId}`);
    show({ total: num(status.total), done: num(status.done), failed: num(status.failed), state: String(status.state ?? "") });
    if (status.state !== "running" && status.state !== "queued" && status.state !== "pending") return;
    await new Promise((resolve) => setTimeout(resolve, BULK_LIMITS.pollMs));
  }
}

function resultRow(raw: unknown): string[] {
  const item = obj(raw);
  const record = obj(item.record);
  const error = isObj(item.error) ? item.error : undefined;
  return [displayText(item.query), displayText(item.state), displayText(record.status), displayText(obj(record.registrar).name), error !== undefined ? `${displayText(error.code)} ${displayText(error.message)}` : ""];
}

/** Results a page at a time (`Show more` asks for the next one), and all of them as NDJSON. */
async function results(jobId: string): Promise<void> {
  const out = byId("bulk-results");
  clear(out);
  const caption = h("p", { class: "muted", attrs: { "aria-live": "polite" } });
  const body = h("tbody");
  const wrap = table(["Query", "State", "Status", "Registrar", "Error"], [], "Results");
  wrap.querySelector("tbody")?.replaceWith(body);
  const more = h("button", { text: `Show ${BULK_LIMITS.pageSize} more`, class: "secondary", attrs: { type: "button" } });
  let offset = 0;
  const next = async (): Promise<void> => {
    more.disabled = true;
    const page = await apiJson<{ items?: unknown; total?: unknown }>(`/api/bulk/${jobId}/results?offset=${offset}&limit=${BULK_LIMITS.pageSize}`);
    const items = Array.isArray(page.items) ? page.items : [];
    for (const raw of items) body.append(h("tr", {}, resultRow(raw).map((cell) => h("td", { text: cell }))));
    offset += items.length;
    const total = num(page.total);
    caption.textContent = `Showing ${offset} of ${total} results.`;
    more.hidden = items.length === 0 || offset >= total;
    more.disabled = false;
  };
  more.addEventListener("click", () => void next().catch((error: unknown) => setStatus(`Results failed: ${error instanceof Error ? error.message : String(error)}`, "error")));
  const button = h("button", { text: "Download all results (NDJSON)", class: "secondary", attrs: { type: "button" } });
  button.addEventListener("click", () => {
    void apiFetch(`/api/bulk/${jobId}/results.ndjson`)
      .then((res) => res.blob())
      .then((blob) => downloadBlob(blob, `bulk-${jobId}.ndjson`))
      .catch((error: unknown) => setStatus(`Download failed: ${error instanceof Error ? error.message : String(error)}`, "error"));
  });
  out.append(caption, wrap, h("div", { class: "row" }, [more, button]));
  await next();
}
