import { afterAll, beforeAll } from "vitest";
import { startConsole, type ConsoleOptions, type RunningConsole } from "../../../src/console/index.js";

export interface TestConsole {
  console: RunningConsole;
  token: string;
  /** fetch against the console with the token (unless `auth: false`). */
  api(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/** A console on a free loopback port over the sandbox world, with an in-memory store and one token. */
export async function startTestConsole(options: ConsoleOptions = {}): Promise<TestConsole> {
  const running = await startConsole({ host: "127.0.0.1", port: 0, store: ":memory:", sandbox: true, log: () => undefined, ...options });
  const { token } = await running.tokens.add(`tester-${Math.random().toString(36).slice(2, 10)}`);
  return {
    console: running,
    token,
    api(path, init = {}) {
      const { auth = true, headers, ...rest } = init;
      return fetch(`${running.url}${path}`, { ...rest, headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) } });
    },
    close: () => running.close(),
  };
}

/** Reads a server-sent event stream until `until` says stop (or it ends); returns the events. */
/**
 * A describe block's console: startTestConsole(options) in beforeAll, closed in afterAll. Call it in the
 * block's body; the returned function gives the console inside its tests.
 */
export function useTestConsole(options: ConsoleOptions = {}, timeoutMs = 30_000): () => TestConsole {
  let c: TestConsole | undefined;
  beforeAll(async () => {
    c = await startTestConsole(options);
  }, timeoutMs);
  afterAll(async () => {
    await c?.close();
  });
  return () => {
    if (c === undefined) throw new Error("useTestConsole: the console is not started (called outside a test?)");
    return c;
  };
}

export async function readEvents(response: Response, until: (event: { event: string; data: unknown }) => boolean, timeoutMs = 30_000): Promise<{ event: string; data: unknown }[]> {
  const events: { event: string; data: unknown }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const timer = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length === 0) continue;
        const item = { event, data: JSON.parse(data.join("\n")) as unknown };
        events.push(item);
        if (until(item)) {
          await reader.cancel();
          return events;
        }
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
