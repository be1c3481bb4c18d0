import type { Store } from "../../store/store.js";
import { WatchStore } from "./watch-store.js";

/** The watch list's domain entries (A-labels, sorted) and which of them are crown jewels: what `audit --watched` audits. */
export async function watchedDomains(store: Pick<Store, "db">): Promise<{ domains: string[]; crownJewels: string[] }> {
  const entries = (await new WatchStore(store.db).list()).filter((entry) => entry.kind === "domain");
  const sorted = (values: string[]): string[] => values.sort();
  return { domains: sorted(entries.map((entry) => entry.value)), crownJewels: sorted(entries.filter((entry) => entry.crownJewel).map((entry) => entry.value)) };
}

/** The watch list's crown-jewel domains (A-labels, sorted): for the audit's registry-lock check. */
export async function crownJewels(store: Pick<Store, "db">): Promise<string[]> {
  return (await watchedDomains(store)).crownJewels;
}
