import type { Store } from "../../store/store.js";
import { WatchStore } from "./watch-store.js";

/** The watch list's crown-jewel domains (A-labels, sorted): for the audit's registry-lock check. */
export async function crownJewels(store: Store): Promise<string[]> {
  const entries = await new WatchStore(store.db).list();
  return entries.filter((entry) => entry.kind === "domain" && entry.crownJewel).map((entry) => entry.value).sort();
}
