/** Detection upload: a log file in (POST /api/detect, octet-stream), alerts with their evidence lines out. */
import { apiFetch } from "./api.js";
import { byId, clear, h, rawBlock } from "./dom.js";
import { renderAlert } from "./alert-view.js";

export function initDetect(): void {
  const form = byId<HTMLFormElement>("detect-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>("detect-file").files?.[0];
    const format = byId<HTMLInputElement>("detect-format").value.trim();
    if (file === undefined) return;
    const out = byId("detect-result");
    clear(out);
    out.append(h("p", { class: "muted", text: `Uploading ${file.name} (${file.size} bytes)…` }));
    const path = `/api/detect${format !== "" ? `?format=${encodeURIComponent(format)}` : ""}`;
    void apiFetch(path, { method: "POST", body: file, contentType: "application/octet-stream" })
      .then((res) => res.json() as Promise<{ alerts?: unknown; stats?: unknown }>)
      .then((answer) => {
        clear(out);
        const alerts = Array.isArray(answer.alerts) ? answer.alerts : [];
        out.append(h("h3", { text: `${alerts.length} alert${alerts.length === 1 ? "" : "s"} in ${file.name}` }));
        const list = h("ol", { class: "alerts" });
        for (const alert of alerts) list.append(h("li", {}, [renderAlert(alert)]));
        out.append(list);
        if (answer.stats !== undefined) out.append(rawBlock("Reader statistics", JSON.stringify(answer.stats, null, 2)));
      })
      .catch((error: unknown) => {
        clear(out);
        out.append(h("p", { class: "error", text: `Detection failed: ${error instanceof Error ? error.message : String(error)}` }));
      });
  });
}
