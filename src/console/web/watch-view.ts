/**
 * Watch: the watch list (add, remove, crown-jewel mark), a watch pass started as a job with its live
 * progress (its alerts reach the inbox through the alert stream the page already reads), and a
 * domain's history with each change's before and after. Every value is text.
 */
import { apiJson, eventJson, streamEvents } from "./api.js";
import { byId, clear, h, table } from "./dom.js";
import { list, obj } from "./json-read.js";
import { displayText } from "./safe-text.js";

async function refresh(): Promise<void> {
  const out = byId("watch-list");
  const answer = await apiJson("/api/watch");
  const items = list(obj(answer).items).map(obj);
  clear(out);
  if (items.length === 0) {
    out.append(h("p", { class: "muted", text: "The watch list is empty." }));
    return;
  }
  out.append(
    table(
      ["Entry", "Crown jewel", "Added", "Last run", ""],
      items.map((e) => {
        const id = displayText(e.id, 400);
        const actions = h("span", { class: "row" }, [
          h("button", { text: "Remove", attrs: { type: "button", "data-remove": id, "aria-label": `Remove ${id}` } }),
          e.kind === "domain" ? h("button", { text: "History", attrs: { type: "button", "data-history": displayText(e.value, 260), "aria-label": `History of ${displayText(e.value, 260)}` } }) : undefined,
        ]);
        return [id, e.crownJewel === true ? "yes" : "", displayText(e.addedAt, 40), displayText(e.lastRun ?? "", 40), actions];
      }),
      "Watch list",
    ),
  );
}

async function showHistory(domain: string): Promise<void> {
  const out = byId("watch-history");
  clear(out);
  const answer = obj(await apiJson(`/api/watch/${encodeURIComponent(domain)}/history`));
  const events = list(answer.events).map(obj);
  out.append(h("h3", { attrs: { tabindex: "-1", id: "watch-history-title" }, text: `History of ${displayText(answer.domain, 260)}` }));
  out.append(
    table(
      ["When", "Change", "Severity", "Field", "Before", "After", "Alert"],
      events.map((e) => [
        displayText(e.at, 40),
        displayText(e.kind, 40),
        displayText(e.severity, 16),
        displayText(e.field, 200),
        h("del", { class: "before", text: e.before ?? "" }),
        h("ins", { class: "after", text: e.after ?? "" }),
        displayText(e.alert ?? "", 40),
      ]),
      `History of ${displayText(answer.domain, 260)}`,
    ),
  );
  byId("watch-history-title").focus();
}

export function initWatch(): void {
  const status = byId("watch-counts");
  const fail = (what: string) => (error: unknown): void => {
    status.textContent = `${what} failed: ${error instanceof Error ? error.message : String(error)}`;
  };
  const kind = byId<HTMLSelectElement>("watch-kind");
  kind.addEventListener("change", () => {
    byId<HTMLSelectElement>("watch-field").disabled = kind.value !== "term";
    byId<HTMLInputElement>("watch-jewel").disabled = kind.value !== "domain";
  });
  byId<HTMLFormElement>("watch-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = byId<HTMLInputElement>("watch-value");
    const body = {
      kind: kind.value,
      value: value.value.trim(),
      ...(kind.value === "term" ? { field: byId<HTMLSelectElement>("watch-field").value } : {}),
      ...(kind.value === "domain" && byId<HTMLInputElement>("watch-jewel").checked ? { crownJewel: true } : {}),
    };
    void apiJson("/api/watch", { json: body })
      .then((answer) => {
        const entry = obj(obj(answer).entry);
        status.textContent = `${obj(answer).added === true ? "Added" : "Already watched (mark updated):"} ${displayText(entry.id, 400)}`;
        value.value = "";
        return refresh();
      })
      .catch(fail("Adding"));
  });
  byId("watch-list").addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button") : null;
    const remove = button?.dataset.remove;
    const history = button?.dataset.history;
    if (remove !== undefined) void apiJson(`/api/watch/${encodeURIComponent(remove)}`, { method: "DELETE" }).then(() => refresh()).then(() => (status.textContent = `Removed ${remove}`)).catch(fail("Removing"));
    else if (history !== undefined) void showHistory(history).catch(fail("History"));
  });
  const run = byId<HTMLButtonElement>("watch-run");
  const progress = byId<HTMLProgressElement>("watch-progress");
  run.addEventListener("click", () => {
    run.disabled = true;
    status.textContent = "Watch pass starting…";
    void (async () => {
      const { id } = obj(await apiJson("/api/watch/run", { method: "POST" })) as { id?: unknown };
      const jobId = displayText(id, 80);
      const stop = new AbortController();
      await streamEvents(`/api/watch/runs/${encodeURIComponent(jobId)}/events`, (e) => {
        const data = obj(eventJson(e));
        const total = Number(data.total) || 0;
        const done = Number(data.done) || 0;
        progress.max = Math.max(1, total);
        progress.value = done;
        status.textContent = e.event === "end" ? `Watch pass ${displayText(data.state, 20)}: ${done} checked, ${Number(data.failed) || 0} failed.` : `Watch pass: ${done}/${total} checked…`;
        if (e.event === "end") stop.abort();
      }, stop.signal).catch((error: unknown) => {
        if (!stop.signal.aborted) throw error;
      });
      const outcome = obj(await apiJson(`/api/watch/runs/${encodeURIComponent(jobId)}`));
      status.textContent = `${status.textContent ?? ""} ${Number(outcome.alerts) || 0} new alert(s) (see the inbox).`;
      await refresh();
    })()
      .catch(fail("The watch pass"))
      .finally(() => (run.disabled = false));
  });
}

/** Called when the Watch view is shown (signed in): the list as the store has it now. */
export function showWatch(): void {
  void refresh().catch((error: unknown) => (byId("watch-counts").textContent = `Reading the watch list failed: ${error instanceof Error ? error.message : String(error)}`));
}
