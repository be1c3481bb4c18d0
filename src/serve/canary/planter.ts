/**
 * The ContactPlanter that `serve` calls for every decoy answer (src/serve/contract.ts): the contacts
 * of one decoy object — per object, or per asking source so that a harvested address names the
 * harvester — issued once, re-served after, and every serving recorded in the store.
 */
import { randomInt } from "node:crypto";
import { InvalidOptionError } from "../../errors.js";
import type { Store } from "../../store/index.js";
import type { ContactPlanter, PlantedContacts } from "../contract.js";
import { type ContactSet, mailDomainOption, makeContactSet, type RandomInt } from "./generate.js";
import { CanaryStore, type CanaryRow } from "./store.js";
import { type CanaryTables, loadCanaryTables } from "./tables.js";

export interface PlanterOptions {
  /** The mail domain the canary addresses use (one whose mail you read). Required. */
  mailDomain: string;
  /** One set per (object, source) instead of one per object (default false). */
  perSource?: boolean;
  /** Name and phone tables (default: data/canary/*.yaml). */
  tables?: CanaryTables;
  /** Random source (default node:crypto randomInt). */
  random?: RandomInt;
  /** Draws before giving up when tokens, addresses or numbers collide (default 50). */
  maxDraws?: number;
}

/** The ids a planted set reports (contract: one per planted value). */
export function canaryIds(token: string): string[] {
  return [`${token}:email`, `${token}:phone`, `${token}:name`];
}

/** Issues a new set for an object (and source), drawing again on collisions. */
export async function issueSet(canaries: CanaryStore, objectKey: string, sourceKey: string | null, at: string, options: PlanterOptions): Promise<CanaryRow> {
  const tables = options.tables ?? loadCanaryTables();
  const random = options.random ?? randomInt;
  const maxDraws = options.maxDraws ?? 50;
  for (let i = 0; i < maxDraws; i++) {
    const set: ContactSet = makeContactSet(tables, options.mailDomain, random);
    const row: CanaryRow = { ...set, objectKey, sourceKey, issuedAt: at };
    if (await canaries.insert(row)) return row;
  }
  throw new InvalidOptionError(`no free canary after ${maxDraws} draws: the phone ranges are nearly used up (add ranges or give --phone-prefix with more digits)`);
}

/** A ContactPlanter over the store. */
export function createPlanter(store: Pick<Store, "db">, options: PlanterOptions): ContactPlanter {
  const opts: PlanterOptions = { ...options, mailDomain: mailDomainOption(options.mailDomain) };
  const canaries = new CanaryStore(store.db);
  // one issue at a time per (object, source): two parallel answers must not issue two sets
  const pending = new Map<string, Promise<CanaryRow>>();
  const setFor = async (objectKey: string, sourceKey: string | null, at: string): Promise<CanaryRow> => {
    const key = `${objectKey}\u0000${sourceKey ?? ""}`;
    const inFlight = pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const work = (async () => (await canaries.find(objectKey, sourceKey)) ?? issueSet(canaries, objectKey, sourceKey, at, opts))();
    pending.set(key, work);
    try {
      return await work;
    } finally {
      pending.delete(key);
    }
  };
  return {
    async plant(objectKey: string, sourceKey: string, at: string): Promise<PlantedContacts> {
      const row = await setFor(objectKey, opts.perSource === true ? sourceKey : null, at);
      await canaries.served({ token: row.token, sourceKey, objectKey, servedAt: at });
      return { name: row.name, email: row.email, phone: row.phone, ids: canaryIds(row.token) };
    },
  };
}
