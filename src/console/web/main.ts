/**
 * The console page: sign-in (token in session storage), the views and their navigation. Views are
 * plain sections shown one at a time; the address's #hash names the view so links and reloads keep it.
 */
import { clearToken, getToken, setToken, setUnauthorizedHandler } from "./api.js";
import { markAlertsSeen, startInbox, stopInbox } from "./alerts-view.js";
import { initAudit } from "./audit-view.js";
import { initBulk } from "./bulk-view.js";
import { initDetect } from "./detect-view.js";
import { byId, setStatus } from "./dom.js";
import { initFootprint } from "./footprint-view.js";
import { initLookup } from "./lookup-view.js";
import { initWatch, showWatch } from "./watch-view.js";

const VIEWS = ["lookup", "footprint", "bulk", "alerts", "detect", "audit", "watch"] as const;
type View = (typeof VIEWS)[number];
const isView = (v: string): v is View => (VIEWS as readonly string[]).includes(v);

function show(view: View | "token", focus: boolean): void {
  for (const section of document.querySelectorAll<HTMLElement>("section.view")) section.hidden = section.id !== `view-${view}`;
  for (const button of document.querySelectorAll<HTMLButtonElement>("#nav button[data-view]")) {
    if (button.dataset.view === view) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  if (view === "alerts") markAlertsSeen();
  if (view === "watch") showWatch();
  if (focus) byId(`view-${view}`).querySelector<HTMLElement>("input, select, textarea, button, [tabindex]")?.focus();
}

function signedIn(): void {
  byId("nav").hidden = false;
  byId("sign-out").hidden = false;
  const hash = location.hash.slice(1);
  show(isView(hash) ? hash : "lookup", false);
  void startInbox();
}

function signedOut(message?: string): void {
  clearToken();
  stopInbox();
  byId("nav").hidden = true;
  byId("sign-out").hidden = true;
  show("token", true);
  if (message !== undefined) setStatus(message, "error");
}

function init(): void {
  byId("nav").addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button[data-view]") : null;
    const view = button?.dataset.view;
    if (view === undefined || !isView(view)) return;
    history.replaceState(null, "", `#${view}`);
    show(view, true);
  });
  byId<HTMLFormElement>("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>("token-input");
    const token = input.value.trim();
    if (token === "") return;
    setToken(token);
    input.value = "";
    signedIn();
    setStatus("Signed in.");
  });
  byId("sign-out").addEventListener("click", () => signedOut());
  setUnauthorizedHandler((error) => signedOut(`Signed out: ${error.message}`));
  initLookup();
  initFootprint();
  initBulk();
  initDetect();
  initAudit();
  initWatch();
  if (getToken() !== undefined) signedIn();
  else signedOut();
  document.body.dataset.ready = "true";
}

init();
