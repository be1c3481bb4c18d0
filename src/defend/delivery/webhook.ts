import { createHmac } from "node:crypto";
import { InvalidOptionError } from "../../errors.js";
import type { Alert } from "../watch/types.js";
import type { SendOutcome, Sink } from "./sink.js";

export interface WebhookOptions {
  /** HMAC-SHA256 key: the `X-Whoislens-Signature: sha256=<hex>` header signs the exact body. */
  secret?: string;
  /** Tries per alert in one run (the first included). */
  attempts: number;
  /** First wait between tries, doubled each time, capped at maxDelayMs (a Retry-After up to the cap wins). */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/** Defaults; a receiver still down after them keeps its alerts queued for the next run. */
export const WEBHOOK_DEFAULTS: WebhookOptions = Object.freeze({ attempts: 4, baseDelayMs: 500, maxDelayMs: 8000, timeoutMs: 10_000 });

export const SIGNATURE_HEADER = "x-whoislens-signature";

/** The signature header value of a body (exported for receivers' tests and docs). */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One JSON POST per alert (body: the alert), signed when a secret is set, retried with exponential backoff. */
export class WebhookSink implements Sink {
  readonly channel: string;
  private readonly url: URL;
  private readonly options: WebhookOptions;

  constructor(url: string, options: Partial<WebhookOptions> = {}) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidOptionError(`--webhook needs an http:// or https:// URL, got "${url.slice(0, 80)}"`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new InvalidOptionError(`--webhook needs an http:// or https:// URL, got "${parsed.protocol}"`);
    this.url = parsed;
    this.options = { ...WEBHOOK_DEFAULTS, ...options };
    // The channel names the destination without credentials or query (where tokens often travel).
    this.channel = `webhook:${parsed.origin}${parsed.pathname}`;
  }

  async send(alerts: readonly Alert[]): Promise<SendOutcome> {
    const delivered: string[] = [];
    for (const alert of alerts) {
      const error = await this.post(JSON.stringify(alert), alert.id);
      // A receiver still failing after every try is down: the rest wait for the next run.
      if (error !== undefined) return { delivered, error };
      delivered.push(alert.id);
    }
    return { delivered };
  }

  /** Posts one body with retries; undefined when accepted (2xx), else the last error. */
  private async post(body: string, id: string): Promise<string | undefined> {
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "whoislens-watch", "x-whoislens-alert-id": id };
    if (this.options.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(body, this.options.secret);
    let last = "";
    for (let attempt = 1; attempt <= this.options.attempts; attempt += 1) {
      let wait = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
      try {
        const response = await fetch(this.url, { method: "POST", headers, body, redirect: "error", signal: AbortSignal.timeout(this.options.timeoutMs) });
        await response.body?.cancel().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return undefined;
        last = `HTTP ${response.status}`;
        // A 4xx other than 408/429 will not get better by asking again this run.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return last;
        const retryAfter = Number(response.headers.get("retry-after"));
        if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(this.options.maxDelayMs, retryAfter * 1000);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        last = cause?.code ?? (error as Error).message;
      }
      if (attempt < this.options.attempts) await sleep(wait);
    }
    return `${last} after ${this.options.attempts} tries`;
  }
}
