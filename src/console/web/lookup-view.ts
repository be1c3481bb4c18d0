/** The lookup form: POST /api/lookup → the normalized record and the chain of hops. */
import { apiJson } from "./api.js";
import { byId, clear, h, setStatus } from "./dom.js";
import { renderRecord, renderTimeline } from "./record-view.js";

interface LookupAnswer {
  record?: unknown;
  hops?: unknown;
  /** The console answered from its store (a recent lookup) instead of asking the servers again. */
  cached?: unknown;
}

export function initLookup(): void {
  const form = byId<HTMLFormElement>("lookup-form");
  const out = byId("lookup-result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = byId<HTMLInputElement>("lookup-query").value.trim();
    const protocol = byId<HTMLSelectElement>("lookup-protocol").value;
    if (query === "") return;
    const button = form.querySelector("button");
    if (button !== null) button.disabled = true;
    out.setAttribute("aria-busy", "true");
    void apiJson<LookupAnswer>("/api/lookup", { json: { query, protocol } })
      .then((answer) => {
        clear(out);
        out.append(renderRecord(answer.record), renderTimeline(answer.hops ?? (typeof answer.record === "object" && answer.record !== null ? (answer.record as { chain?: unknown }).chain : undefined)));
        setStatus(answer.cached === true ? `${query}: a recent answer from the console's store` : `Looked up ${query}`);
      })
      .catch((error: unknown) => {
        clear(out);
        out.append(h("p", { class: "error", text: `Lookup failed: ${error instanceof Error ? error.message : String(error)}` }));
      })
      .finally(() => {
        if (button !== null) button.disabled = false;
        out.removeAttribute("aria-busy");
      });
  });
}
