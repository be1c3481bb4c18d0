/**
 * The alert inbox: the latest alerts (GET /api/alerts), then new ones as they arrive (SSE `alert` on
 * /api/alerts/events), reconnecting with backoff when the stream drops. The badge in the navigation
 * counts alerts that arrived while another view was shown.
 */
import { apiJson, eventJson, streamEvents } from "./api.js";
import { byId, clear, h } from "./dom.js";
import { renderAlert } from "./alert-view.js";
import { isObj } from "./json-read.js";

export const INBOX_LIMITS = {
  /** Alerts loaded at sign-in and kept on the page (oldest dropped first). */
  keep: 200,
  /** Reconnect backoff: first wait, cap. */
  retryMs: 1000,
  maxRetryMs: 30_000,
} as const;

let abort: AbortController | undefined;
let unseen = 0;

function badge(): void {
  byId("alert-count").textContent = unseen > 0 ? String(unseen) : "";
}

export function markAlertsSeen(): void {
  unseen = 0;
  badge();
}


/** The inbox wraps each ECS alert as { id, createdAt, origin, alert }; a bare ECS alert is read too. */
function unwrap(item: unknown): { alert: unknown; origin?: string; at: number } {
  if (isObj(item) && isObj(item.alert)) {
    const at = Date.parse(String(item.createdAt ?? "")) || Date.parse(String(item.alert["@timestamp"] ?? "")) || 0;
    return { alert: item.alert, ...(typeof item.origin === "string" ? { origin: item.origin } : {}), at };
  }
  return { alert: item, at: isObj(item) ? Date.parse(String(item["@timestamp"] ?? "")) || 0 : 0 };
}

function add(raw: unknown, live: boolean): void {
  const list = byId("alerts-list");
  const { alert, origin } = unwrap(raw);
  const item = h("li", { class: live ? "new" : "" }, [origin !== undefined ? h("p", { class: "origin muted", text: `From ${origin}` }) : undefined, renderAlert(alert)]);
  list.prepend(item);
  while (list.children.length > INBOX_LIMITS.keep) list.lastElementChild?.remove();
  if (live && byId("view-alerts").hidden) {
    unseen++;
    badge();
  }
}

export function stopInbox(): void {
  abort?.abort();
  abort = undefined;
  clear(byId("alerts-list"));
  markAlertsSeen();
}

export async function startInbox(): Promise<void> {
  stopInbox();
  const mine = new AbortController();
  abort = mine;
  const live = byId("alerts-live");
  try {
    const page = await apiJson<{ items?: unknown; total?: unknown }>(`/api/alerts?offset=0&limit=${INBOX_LIMITS.keep}`, { signal: mine.signal });
    const items = Array.isArray(page.items) ? page.items : [];
    // Newest first on screen: add the oldest first, whichever order the API lists them in.
    for (const alert of [...items].sort((x, y) => unwrap(x).at - unwrap(y).at)) add(alert, false);
  } catch (error) {
    if (mine.signal.aborted) return;
    live.textContent = `Could not load alerts: ${error instanceof Error ? error.message : String(error)}`;
  }
  let wait: number = INBOX_LIMITS.retryMs;
  while (!mine.signal.aborted) {
    live.textContent = "Live: new alerts appear here as they arrive.";
    live.dataset.live = "connecting";
    try {
      await streamEvents(
        "/api/alerts/events",
        (event) => {
          live.dataset.live = "open";
          if (event.event !== "alert") return;
          const alert = eventJson(event);
          if (alert !== undefined) add(alert, true);
          wait = INBOX_LIMITS.retryMs;
        },
        mine.signal,
      );
    } catch (error) {
      if (mine.signal.aborted) return;
      live.textContent = `Live updates interrupted (${error instanceof Error ? error.message : String(error)}); retrying in ${Math.round(wait / 1000)} s.`;
    }
    live.dataset.live = "closed";
    if (mine.signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(INBOX_LIMITS.maxRetryMs, wait * 2);
  }
}
