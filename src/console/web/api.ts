/**
 * The console API client: the token (session storage, this tab only), JSON requests with the bearer
 * header, the API's error shape ({ error: { code, message } }) as ApiError, and server-sent event
 * streams read with fetch() + a stream reader (EventSource cannot send the header).
 */
import { SseParser, type SseEvent } from "./sse.js";

const TOKEN_KEY = "whoislens.console.token";

export const API_LIMITS = {
  /** JSON answers larger than this are refused (a 20k-node graph is a few MiB). */
  maxJsonBytes: 64 * 1024 * 1024,
} as const;

export function getToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}
export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}
export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Called on every 401 (the page shows the sign-in form). */
let onUnauthorized: (error: ApiError) => void = () => {};
export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken();
  return { ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body: unknown = JSON.parse((await res.text()).slice(0, 64 * 1024));
    const err = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof err === "object" && err !== null) {
      const e = err as { code?: unknown; message?: unknown };
      if (typeof e.code === "string") code = e.code;
      if (typeof e.message === "string") message = e.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  const retry = res.headers.get("retry-after");
  if (res.status === 429 && retry !== null) message = `${message} (retry after ${retry} s)`;
  const error = new ApiError(res.status, code, message);
  if (res.status === 401) onUnauthorized(error);
  return error;
}

/** Sends a request; resolves with the raw Response when it is 2xx, else throws ApiError. */
export async function apiFetch(path: string, init: { method?: string; body?: BodyInit; contentType?: string; signal?: AbortSignal } = {}): Promise<Response> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers: headers(init.contentType !== undefined ? { "content-type": init.contentType } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal !== undefined ? { signal: init.signal } : {}),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function apiJson<T = unknown>(path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await apiFetch(path, {
    method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
    ...(init.json !== undefined ? { body: JSON.stringify(init.json), contentType: "application/json" } : {}),
    ...(init.signal !== undefined ? { signal: init.signal } : {}),
  });
  const length = Number(res.headers.get("content-length") ?? "0");
  if (length > API_LIMITS.maxJsonBytes) throw new ApiError(res.status, "WL_CONSOLE_TOO_LARGE", `answer of ${length} bytes is over the page's ${API_LIMITS.maxJsonBytes}-byte limit`);
  const text = await res.text();
  if (text.length > API_LIMITS.maxJsonBytes) throw new ApiError(res.status, "WL_CONSOLE_TOO_LARGE", `answer is over the page's ${API_LIMITS.maxJsonBytes}-byte limit`);
  return JSON.parse(text) as T;
}

/**
 * Reads an event stream until it ends or `signal` aborts; calls onEvent for each event. Resolves when
 * the server closes the stream, rejects on a network error or an over-long line.
 */
export async function streamEvents(path: string, onEvent: (event: SseEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(path, { headers: headers({ accept: "text/event-stream" }), signal, cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw await errorOf(res);
  if (res.body === null) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const event of parser.push(value)) onEvent(event);
    }
  } finally {
    reader.releaseLock();
  }
}

/** A JSON event's data, or undefined when it is not JSON. */
export function eventJson(event: SseEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    return undefined;
  }
}
