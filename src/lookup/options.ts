import { InvalidOptionError } from "../errors.js";
import type { HostResolver, ProxyConfig } from "../net/index.js";
import type { Bootstrap, ServerMap } from "../servers/index.js";
import type { AnswerCache } from "./cache.js";
import type { DiscoveryCache } from "./discovery.js";
import { immediateScheduler, type HopScheduler } from "./scheduler.js";

export type ProtocolChoice = "auto" | "rdap" | "whois";

export interface LookupOptions {
  /** auto: bootstrap RDAP → curated RDAP → port 43, falling back when a step fails. */
  protocol: ProtocolChoice;
  /** -h/--host: ask this WHOIS server first (user's explicit choice, so private addresses are allowed). */
  host?: string;
  /** -p/--port for --host. */
  port?: number;
  /** --rdap-url: RDAP base URL to ask first instead of the bootstrap's. */
  rdapUrl?: string;
  /** --servers map: where each named server really is, applied to every hop. */
  servers?: ServerMap;
  /** Contact only servers named in `servers` (sandbox and tests: nothing leaves the map). */
  mappedOnly?: boolean;
  /** Allow referrals and redirects to private, loopback and link-local addresses. */
  allowPrivate: boolean;
  /** Follow registry → registrar (and RIR → RIR) referrals. */
  followReferrals: boolean;
  /** Referral hops after the first answer. */
  maxReferrals: number;
  /** Per-hop time limit. */
  hopTimeoutMs: number;
  /** Whole-lookup time limit. */
  totalTimeoutMs: number;
  /** Answer size cap per hop. */
  maxBytes: number;
  proxy?: ProxyConfig;
  /** Name resolution for every connection (the address guard checks its answers); default: the system resolver. Tests inject one. */
  resolve?: HostResolver;
  /** Keep each hop's sanitized answer in chain[].raw and the last in record.raw. */
  raw: boolean;
  scheduler: HopScheduler;
  bootstrap?: Bootstrap;
  cache?: AnswerCache;
  /** Where each TLD / address block is answered, learned from IANA and RIR referrals (not affected by --no-cache). */
  discovery?: DiscoveryCache;
  signal?: AbortSignal;
  now: () => Date;
}

/** The default clock; lookups read it as Date.now() (no Date object per reading). */
export const SYSTEM_CLOCK = (): Date => new Date();

/** Epoch milliseconds from the lookup's clock. */
export function clockMs(options: LookupOptions): number {
  return options.now === SYSTEM_CLOCK ? Date.now() : options.now().getTime();
}

/** A fresh object of the defaults (a literal: cheaper per lookup than copying a frozen object). */
function defaultOptions(): LookupOptions {
  return {
    protocol: "auto",
    allowPrivate: false,
    followReferrals: true,
    maxReferrals: 3,
    hopTimeoutMs: 10_000,
    totalTimeoutMs: 30_000,
    maxBytes: 1024 * 1024,
    raw: false,
    scheduler: immediateScheduler,
    now: SYSTEM_CLOCK,
  };
}

export const LOOKUP_DEFAULTS: LookupOptions = Object.freeze(defaultOptions());

/** Merges partial options over the defaults and validates them, naming the bad option. */
export function resolveLookupOptions(partial: Partial<LookupOptions> = {}): LookupOptions {
  const options = defaultOptions();
  const target = options as unknown as Record<string, unknown>;
  const source = partial as Record<string, unknown>;
  for (const key in source) {
    const value = source[key];
    if (value !== undefined && Object.hasOwn(source, key)) target[key] = value;
  }
  if (options.protocol !== "auto" && options.protocol !== "rdap" && options.protocol !== "whois") {
    throw new InvalidOptionError(`invalid protocol "${String(options.protocol)}": use auto, rdap or whois`);
  }
  positiveInteger("maxReferrals", options.maxReferrals, true);
  positiveInteger("hopTimeoutMs", options.hopTimeoutMs);
  positiveInteger("totalTimeoutMs", options.totalTimeoutMs);
  positiveInteger("maxBytes", options.maxBytes);
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) {
    throw new InvalidOptionError(`invalid port ${String(options.port)}: use 1–65535`);
  }
  if (options.rdapUrl !== undefined && !/^https?:\/\//i.test(options.rdapUrl)) {
    throw new InvalidOptionError(`invalid --rdap-url "${options.rdapUrl}": use an http:// or https:// base URL`);
  }
  return options;
}

function positiveInteger(name: string, value: number, allowZero = false): void {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new InvalidOptionError(`invalid ${name} ${String(value)}: use a ${allowZero ? "non-negative" : "positive"} integer`);
  }
}
