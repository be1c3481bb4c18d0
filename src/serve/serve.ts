import { join } from "node:path";
import { dataDir } from "../servers/paths.js";
import type { Store } from "../store/store.js";
import type { Clock } from "../util/clock.js";
import { Accounting } from "./accounting.js";
import { AccountingStore } from "./accounting-store.js";
import type { ContactPlanter } from "./contract.js";
import { ServeData } from "./data.js";
import type { ServeDataset } from "./dataset.js";
import { DEFAULT_LIMITS, mergeLimits, type ServeLimits } from "./limits.js";
import { QueryLog, type QueryLogSink } from "./query-log.js";
import { startRdapServer, type RdapServerHandle, type RdapServerLimits } from "./rdap-server.js";
import { Responder } from "./responder.js";
import { startWhoisServer, type WhoisServerHandle, type WhoisServerLimits } from "./whois-server.js";

/** Unprivileged high ports (no root, no CAP_NET_BIND_SERVICE): 4343 ends in "43", 8443 is RDAP over HTTP here. */
export const DEFAULT_WHOIS_PORT = 4343;
export const DEFAULT_RDAP_PORT = 8443;
export const DEFAULT_HOST = "127.0.0.1";
/** Accounting is written to the store this often (and on shutdown). */
export const DEFAULT_FLUSH_MS = 5000;

export interface ServeOptions {
  dataset: ServeDataset;
  host?: string;
  /** Port-43 port (0: any free one; null: no port-43 server). */
  whoisPort?: number | null;
  /** RDAP port (0: any free one; null: no RDAP server). */
  rdapPort?: number | null;
  limits?: Partial<ServeLimits>;
  /** Query log: a path, a sink, or (default) serve-queries.ndjson in the data directory. */
  queryLog?: string | QueryLogSink;
  /** The store that keeps accounting across restarts; without one, accounting lives in memory only. */
  store?: Store;
  flushMs?: number;
  planter?: ContactPlanter;
  whoisLimits?: Partial<WhoisServerLimits>;
  rdapLimits?: Partial<RdapServerLimits>;
  /** The base URL the RDAP self links use (default http://HOST:PORT/). */
  publicBase?: string;
  /** RFC 7480 §5.2: an RDAP lookup for an object not held is redirected (302) to this base (ending in "/"); default 404. */
  rdapRedirect?: string;
  now?: () => number;
  /** The clock the servers' own connection timers run on (port 43's query timeout, RDAP's idle sweep); default the machine's. Tests drive a manual one. */
  clock?: Clock;
  env?: Record<string, string | undefined>;
}

export interface ServeHandle {
  whois?: WhoisServerHandle;
  rdap?: RdapServerHandle;
  accounting: Accounting;
  queryLogPath?: string;
  data: ServeData;
  /** Stops both servers, then flushes the query log and the accounting. */
  close(): Promise<void>;
}

export function defaultQueryLogPath(env: Record<string, string | undefined> = process.env): string {
  return join(dataDir(env), "serve-queries.ndjson");
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? DEFAULT_HOST;
  const limits = mergeLimits(DEFAULT_LIMITS, options.limits ?? {}, "limits");
  const tokenLimits = new Map(options.dataset.tokens.map((t) => [`token:${t.id}`, mergeLimits(limits, t.limits ?? {}, `limits of token ${t.id}`)]));
  const persistence = options.store ? new AccountingStore(options.store.db) : undefined;
  const accounting = new Accounting(limits, (key) => tokenLimits.get(key) ?? limits, persistence);
  await accounting.start(options.flushMs ?? DEFAULT_FLUSH_MS);
  const queryLogPath = typeof options.queryLog === "object" ? undefined : (options.queryLog ?? defaultQueryLogPath(options.env));
  const log = typeof options.queryLog === "object" ? options.queryLog : new QueryLog(queryLogPath ?? "");
  const data = new ServeData(options.dataset);
  const responder = new Responder({ data, accounting, log, ...(options.planter ? { planter: options.planter } : {}), ...(options.now ? { now: options.now } : {}) });

  let whois: WhoisServerHandle | undefined;
  let rdap: RdapServerHandle | undefined;
  try {
    if (options.whoisPort !== null) whois = await startWhoisServer(responder, { host, port: options.whoisPort ?? DEFAULT_WHOIS_PORT, ...(options.whoisLimits ? { limits: options.whoisLimits } : {}), ...(options.clock ? { clock: options.clock } : {}) });
    if (options.rdapPort !== null) {
      rdap = await startRdapServer(responder, { host, port: options.rdapPort ?? DEFAULT_RDAP_PORT, tokens: options.dataset.tokens, ...(options.rdapLimits ? { limits: options.rdapLimits } : {}), ...(options.publicBase ? { publicBase: options.publicBase } : {}), ...(options.rdapRedirect ? { redirectBase: options.rdapRedirect } : {}), ...(options.clock ? { clock: options.clock } : {}) });
    }
  } catch (error) {
    await whois?.close();
    await accounting.close();
    await log.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...(whois ? { whois } : {}),
    ...(rdap ? { rdap } : {}),
    accounting,
    ...(queryLogPath ? { queryLogPath } : {}),
    data,
    close: () => {
      closing ??= (async () => {
        await Promise.all([whois?.close(), rdap?.close()]);
        await accounting.close();
        await log.close();
      })();
      return closing;
    },
  };
}
