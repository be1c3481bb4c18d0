import { ipaddr } from "../util/cjs-deps.js";
import type { ServeLimits } from "./limits.js";

/**
 * Per-source accounting, the way the RIPE Database meters queries: a source is an IPv4 address, an
 * IPv6 /64 (one subscriber's LAN, so rotating addresses inside it does not reset the count) or an API
 * token. Counters live in fixed windows; passing a limit is an offence and starts a temporary refusal,
 * asking again while refused is another offence, and `offencesBeforePermanent` offences make it
 * permanent. Connection counts are live only; everything else is persisted by an AccountingPersistence.
 */

export interface SourceState {
  windowStart: number;
  windowQueries: number;
  dayStart: number;
  dayQueries: number;
  dayPersonal: number;
  /** Epoch ms until which the source is refused (0: not refused). */
  refusedUntil: number;
  /** Why it is refused: the rate window ("throttled") or a daily quota ("denied"). */
  refusedFor?: "throttled" | "denied";
  offences: number;
  permanent: boolean;
}

export type Admission =
  | { ok: true }
  | { ok: false; outcome: "throttled" | "denied" | "blocked"; retryAfterSeconds?: number; reason: string };

export interface AccountingPersistence {
  load(): Promise<Map<string, SourceState>>;
  save(states: Map<string, SourceState>): Promise<void>;
}

const DAY_MS = 86_400_000;
/** The one "admitted" answer, shared: admission runs twice per query and must not allocate. */
const ADMITTED: Admission = Object.freeze({ ok: true as const });

/** Dotted-quad IPv4, as node reports it: the common case, answered without ipaddr.js (a profile showed its parse at 11% of a port-43 query's CPU). */
const DOTTED_QUAD = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const MAPPED_PREFIX = "::ffff:";

/** The accounting key of a socket address: IPv4 as is, IPv6 as its /64, IPv4-mapped IPv6 as IPv4. */
export function sourceKeyOf(address: string): string {
  if (DOTTED_QUAD.test(address)) return address;
  if (address.startsWith(MAPPED_PREFIX) && DOTTED_QUAD.test(address.slice(MAPPED_PREFIX.length))) return address.slice(MAPPED_PREFIX.length);
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ReturnType<typeof ipaddr.IPv6.parse>).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(":")}::`).toString()}/64`;
}

/** The plain address text of a socket's remote address (IPv4-mapped IPv6 shown as IPv4). */
export function displayAddress(address: string | undefined): string {
  if (address === undefined) return "unknown";
  if (DOTTED_QUAD.test(address)) return address;
  if (address.startsWith(MAPPED_PREFIX) && DOTTED_QUAD.test(address.slice(MAPPED_PREFIX.length))) return address.slice(MAPPED_PREFIX.length);
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

export class Accounting {
  private readonly states = new Map<string, SourceState>();
  private readonly dirty = new Set<string>();
  private readonly connections = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    defaults: ServeLimits,
    private readonly limitsFor: (key: string) => ServeLimits = () => defaults,
    private readonly persistence?: AccountingPersistence,
  ) {}

  /** Loads the saved state and flushes every `flushMs` (0: only on close). */
  async start(flushMs: number): Promise<void> {
    if (this.persistence) for (const [key, state] of await this.persistence.load()) this.states.set(key, state);
    this.sweep(Date.now());
    if (flushMs > 0) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), flushMs);
      this.timer.unref();
    }
  }

  /**
   * Forgets sources whose last day window ended more than a day ago with no refusal running and no
   * permanent block: their counters would restart anyway, and memory stays bounded by the sources of
   * the last two days (a spread of IPv6 /64s cannot grow it for ever). Their store rows stay and are
   * skipped as stale on the next start.
   */
  sweep(now: number): number {
    let dropped = 0;
    for (const [key, state] of this.states) {
      if (!state.permanent && state.refusedUntil <= now && now - state.dayStart >= 2 * DAY_MS && !this.dirty.has(key)) {
        this.states.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  async flush(): Promise<void> {
    this.sweep(Date.now());
    if (!this.persistence || this.dirty.size === 0) return;
    const batch = new Map<string, SourceState>();
    for (const key of this.dirty) {
      const state = this.states.get(key);
      if (state) batch.set(key, { ...state });
    }
    this.dirty.clear();
    await this.persistence.save(batch);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** A copy of one source's state (tests, the CLI's summary). */
  snapshot(key: string): SourceState | undefined {
    const state = this.states.get(key);
    return state ? { ...state } : undefined;
  }

  keys(): string[] {
    return [...this.states.keys()];
  }

  private state(key: string, now: number): SourceState {
    let state = this.states.get(key);
    if (!state) {
      state = { windowStart: now, windowQueries: 0, dayStart: now, dayQueries: 0, dayPersonal: 0, refusedUntil: 0, offences: 0, permanent: false };
      this.states.set(key, state);
    }
    const limits = this.limitsFor(key);
    if (now - state.windowStart >= limits.windowSeconds * 1000) {
      state.windowStart = now;
      state.windowQueries = 0;
    }
    if (now - state.dayStart >= DAY_MS) {
      state.dayStart = now;
      state.dayQueries = 0;
      state.dayPersonal = 0;
    }
    return state;
  }

  private offend(key: string, state: SourceState, limits: ServeLimits): void {
    state.offences += 1;
    if (limits.offencesBeforePermanent > 0 && state.offences >= limits.offencesBeforePermanent) state.permanent = true;
    this.dirty.add(key);
  }

  private refuse(key: string, state: SourceState, limits: ServeLimits, now: number, until: number, why: "throttled" | "denied", reason: string): Admission {
    state.refusedUntil = until;
    state.refusedFor = why;
    this.offend(key, state, limits);
    if (state.permanent) return { ok: false, outcome: "blocked", reason: "permanently denied after repeated excessive querying" };
    return { ok: false, outcome: why, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)), reason };
  }

  /** Counts one query; refuses it when the source is blocked or passes a query limit. */
  admit(key: string, now: number): Admission {
    const state = this.state(key, now);
    const limits = this.limitsFor(key);
    if (state.permanent) {
      this.dirty.add(key);
      return { ok: false, outcome: "blocked", reason: "permanently denied after repeated excessive querying" };
    }
    if (state.refusedUntil > now) {
      this.offend(key, state, limits);
      if (state.permanent) return { ok: false, outcome: "blocked", reason: "permanently denied after repeated excessive querying" };
      return { ok: false, outcome: state.refusedFor ?? "denied", retryAfterSeconds: Math.max(1, Math.ceil((state.refusedUntil - now) / 1000)), reason: "temporarily denied: a limit was passed" };
    }
    state.windowQueries += 1;
    state.dayQueries += 1;
    this.dirty.add(key);
    if (limits.queriesPerWindow > 0 && state.windowQueries > limits.queriesPerWindow) {
      return this.refuse(key, state, limits, now, state.windowStart + limits.windowSeconds * 1000, "throttled", `more than ${limits.queriesPerWindow} queries in ${limits.windowSeconds} s`);
    }
    if (limits.queriesPerDay > 0 && state.dayQueries > limits.queriesPerDay) {
      return this.refuse(key, state, limits, now, state.dayStart + DAY_MS, "denied", `more than ${limits.queriesPerDay} queries in 24 h`);
    }
    return ADMITTED;
  }

  /** Before serving `personal` person/role objects: refuses when the daily quota would be passed. */
  admitPersonal(key: string, personal: number, now: number): Admission {
    if (personal === 0) return ADMITTED;
    const state = this.state(key, now);
    const limits = this.limitsFor(key);
    if (limits.personalPerDay > 0 && state.dayPersonal + personal > limits.personalPerDay) {
      return this.refuse(key, state, limits, now, state.dayStart + DAY_MS, "denied", `more than ${limits.personalPerDay} personal objects in 24 h`);
    }
    state.dayPersonal += personal;
    this.dirty.add(key);
    return ADMITTED;
  }

  /**
   * Gives back personal objects admitted for an answer that was never sent (its canaries could not be planted: the
   * client got an error). The query itself stays counted, as every query received is; the quota counts what is shown.
   */
  returnPersonal(key: string, personal: number, now: number): void {
    if (personal <= 0) return;
    const state = this.state(key, now);
    state.dayPersonal = Math.max(0, state.dayPersonal - personal);
    this.dirty.add(key);
  }

  limitsOf(key: string): ServeLimits {
    return this.limitsFor(key);
  }

  /** A new connection from `key`: false when it already holds maxConnections. */
  openConnection(key: string): boolean {
    const open = this.connections.get(key) ?? 0;
    if (open >= this.limitsFor(key).maxConnections) return false;
    this.connections.set(key, open + 1);
    return true;
  }

  closeConnection(key: string): void {
    const open = (this.connections.get(key) ?? 1) - 1;
    if (open <= 0) this.connections.delete(key);
    else this.connections.set(key, open);
  }

  openConnections(key: string): number {
    return this.connections.get(key) ?? 0;
  }
}
