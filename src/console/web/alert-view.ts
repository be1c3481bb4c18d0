/** One detect alert (ECS, as `whoislens detect` prints it) as an article with its evidence lines. */
import { definitionList, h } from "./dom.js";
import { list, obj } from "./json-read.js";
import { displayText } from "./safe-text.js";


/** Evidence lines shown per alert (the engine keeps at most 50). */
const MAX_EVIDENCE = 50;

export function renderAlert(alertJson: unknown): HTMLElement {
  const a = obj(alertJson);
  const rule = obj(a.rule);
  const wl = obj(a.whoislens);
  const source = obj(a.source);
  const destination = obj(a.destination);
  const severity = displayText(wl.severity ?? obj(a.event).severity, 16);
  const article = h("article", { class: `alert sev-${severity.replace(/[^a-z]/g, "")}` }, [
    h("h3", {}, [h("span", { class: "sev", text: severity || "alert" }), " ", h("span", { text: rule.name ?? rule.id ?? "alert" })]),
    definitionList([
      ["When", a["@timestamp"]],
      ["Rule", rule.id],
      ["Source", source.address ?? source.ip],
      ["Host", obj(a.host).name],
      ["Process", obj(a.process).executable],
      ["Destination", [destination.address ?? destination.domain, destination.port].filter((v) => v !== undefined).map((v) => displayText(v)).join(":")],
      ["Targets", list(wl.targets).map((t) => displayText(t))],
    ]),
  ]);
  const reasons = list(wl.reasons);
  if (reasons.length > 0) article.append(h("ul", { class: "reasons", attrs: { "aria-label": "Reasons" } }, reasons.slice(0, 20).map((r) => h("li", { text: r }))));
  const evidence = list(wl.evidence).slice(0, MAX_EVIDENCE).map(obj);
  if (evidence.length > 0) {
    article.append(
      h("details", { class: "evidence-lines", attrs: { open: "" } }, [
        h("summary", { text: `Evidence: ${evidence.length} line${evidence.length === 1 ? "" : "s"}` }),
        h(
          "ol",
          {},
          evidence.map((e) => h("li", {}, [h("span", { class: "where", text: `${displayText(e.file, 256)}:${displayText(e.line, 16)}` }), " ", h("code", { text: e.text ?? "" })])),
        ),
      ]),
    );
  }
  return article;
}
