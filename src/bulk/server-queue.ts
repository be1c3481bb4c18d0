/**
 * One server's budget: a token bucket for its rate and a cap on parallel
 * connections. When the server's limit is unknown the rate is found by AIMD:
 * a little faster after every success, half as fast after a throttle.
 */
export interface ServerPolicy {
  /** Sustained queries per second; undefined = unknown (probe with AIMD). */
  qps?: number;
  concurrency?: number;
}

export interface QueueTuning {
  /** Starting rate when the limit is unknown. */
  initialQps: number;
  /** Ceiling for AIMD probing. */
  maxQps: number;
  /** Rate floor after decreases. */
  minQps: number;
  /** Added to the rate per successful answer (AIMD additive increase, per second of rate). */
  increasePerSuccess: number;
  /** Multiplied into the rate on a throttle (AIMD multiplicative decrease). */
  decreaseFactor: number;
  defaultConcurrency: number;
  now: () => number;
}

export const QUEUE_DEFAULTS: QueueTuning = {
  initialQps: 2,
  maxQps: 500,
  minQps: 0.05,
  increasePerSuccess: 0.25,
  decreaseFactor: 0.5,
  defaultConcurrency: 4,
  now: () => performance.now(),
};

export class ServerQueue {
  readonly host: string;
  private rate: number;
  private readonly known: boolean;
  private readonly concurrency: number;
  private tokens = 1;
  private last: number;
  private active = 0;
  private blockedUntil = 0;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  throttles = 0;
  answered = 0;

  constructor(host: string, policy: ServerPolicy, private readonly tuning: QueueTuning) {
    this.host = host;
    this.known = policy.qps !== undefined;
    this.rate = policy.qps ?? tuning.initialQps;
    this.concurrency = policy.concurrency ?? tuning.defaultConcurrency;
    this.last = tuning.now();
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Resolves when this server may be asked once more; call release() after the answer. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  release(): void {
    this.active -= 1;
    this.pump();
  }

  /** The answer was fine: probe a little faster when the limit is unknown. */
  succeeded(): void {
    this.answered += 1;
    if (!this.known) this.rate = Math.min(this.tuning.maxQps, this.rate + this.tuning.increasePerSuccess);
  }

  /** The server refused: slow down, and wait out its Retry-After (or a backoff) before the next query. */
  throttled(retryAfterMs: number | undefined, attempt: number): number {
    this.throttles += 1;
    this.rate = Math.max(this.tuning.minQps, this.rate * this.tuning.decreaseFactor);
    const backoff = retryAfterMs ?? Math.min(30_000, 1000 * 2 ** attempt);
    const wait = backoff * (0.8 + Math.random() * 0.4);
    this.blockedUntil = Math.max(this.blockedUntil, this.tuning.now() + wait);
    this.tokens = 0;
    return wait;
  }

  private refill(now: number): void {
    const burst = Math.max(1, Math.min(this.concurrency, this.rate));
    this.tokens = Math.min(burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private pump(): void {
    if (this.timer) return;
    const now = this.tuning.now();
    this.refill(now);
    while (this.waiting.length > 0 && this.active < this.concurrency && now >= this.blockedUntil && this.tokens >= 1) {
      this.tokens -= 1;
      this.active += 1;
      this.waiting.shift()?.();
    }
    if (this.waiting.length === 0 || this.active >= this.concurrency) return;
    const untilToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000;
    const delay = Math.max(untilToken, this.blockedUntil - now, 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delay);
  }
}
