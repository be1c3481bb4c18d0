/**
 * The page's only way to put data on screen: elements built with createElement and text set through
 * textContent (never innerHTML), links only for http(s) URLs (safe-text.ts), anything else shown as text.
 */
import { displayText, safeHttpUrl } from "./safe-text.js";

type Child = Node | string | undefined | null | false;

export interface Props {
  class?: string;
  text?: unknown;
  attrs?: Record<string, string>;
}

/** An element with a class, text (display-cleaned) and attributes; children appended in order. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class !== undefined) el.className = props.class;
  if (props.text !== undefined) el.textContent = displayText(props.text);
  if (props.attrs !== undefined) for (const [name, value] of Object.entries(props.attrs)) el.setAttribute(name, value);
  for (const child of children) if (child !== undefined && child !== null && child !== false) el.append(typeof child === "string" ? document.createTextNode(child) : child);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`page is missing #${id}`);
  return el as T;
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** A link when the value is an http(s) URL, else the value as plain text (a `javascript:` URL stays inert). */
export function linkOrText(value: unknown): HTMLElement {
  const href = safeHttpUrl(value);
  if (href === undefined) return h("span", { class: "inert", text: value });
  return h("a", { text: value, attrs: { href, rel: "noopener noreferrer nofollow", target: "_blank" } });
}

/** A definition list of the rows that have a value. */
export function definitionList(rows: [string, unknown][]): HTMLDListElement {
  const dl = h("dl", { class: "facts" });
  for (const [term, value] of rows) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    dl.append(h("dt", { text: term }), h("dd", {}, [value instanceof Node ? value : displayText(Array.isArray(value) ? value.join(", ") : value)]));
  }
  return dl;
}

/** A table in a horizontally scrolling wrapper (readable on a phone). */
export function table(headers: string[], rows: Child[][], caption?: string): HTMLElement {
  const t = h("table", {}, [caption !== undefined ? h("caption", { text: caption }) : undefined, h("thead", {}, [h("tr", {}, headers.map((c) => h("th", { text: c, attrs: { scope: "col" } })))])]);
  const body = h("tbody");
  for (const row of rows) body.append(h("tr", {}, row.map((cell) => h("td", {}, [typeof cell === "string" ? displayText(cell) : cell]))));
  t.append(body);
  return h("div", { class: "table-wrap", attrs: { tabindex: "0", role: "region", "aria-label": caption ?? headers.join(", ") } }, [t]);
}

/** A collapsed block of preformatted text (raw answers, JSON). */
export function rawBlock(summary: string, text: unknown, max?: number): HTMLDetailsElement {
  const pre = h("pre");
  pre.textContent = displayText(text, max);
  return h("details", { class: "raw" }, [h("summary", { text: summary }), pre]);
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** The page's status line (role=status): errors stay, notes fade after a while. */
export function setStatus(message: string, kind: "note" | "error" = "note"): void {
  const el = byId("status");
  el.textContent = displayText(message);
  el.dataset.kind = kind;
  if (statusTimer !== undefined) clearTimeout(statusTimer);
  if (kind === "note" && message !== "") statusTimer = setTimeout(() => (el.textContent = ""), 8000);
}

/** Saves a fetched answer as a file (an object URL on a temporary link; no data: URL, CSP-safe). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { attrs: { href: url, download: name.replace(/[^A-Za-z0-9_.-]/g, "_") } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
