// A loopback port-43 server for the parser's end-to-end tests: answers by query, with CRLF line ends (as registries
// send them), fetched with the real GNU `whois` client. Shared by cli-real-client.test.ts and w10-real-client.test.ts.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const run = promisify(execFile);

/** GNU whois, when installed (scripts/ci-tools.sh installs it). */
export const WHOIS = ["/usr/bin/whois", "/bin/whois"].find((path) => existsSync(path));

export interface Port43 {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (an OS-chosen port) and answers each query line with `answer(query)`'s lines. */
export async function startPort43(answer: (query: string) => string[] | undefined): Promise<Port43> {
  const server: Server = createServer((socket) => {
    let asked = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      asked += chunk;
      if (asked.length > 512) socket.destroy();
      else if (asked.includes("\n")) socket.end(`${(answer(asked.trim()) ?? ["No match for this query."]).join("\r\n")}\r\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The answer GNU whois prints for `query` asked of the loopback server on `port`. */
export async function fetchWithWhois(port: number, query: string): Promise<string> {
  const { stdout } = await run(WHOIS as string, ["-h", "127.0.0.1", "-p", String(port), query], { timeout: 10_000, encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  return stdout;
}

/**
 * Serves `answers` (by query; case ignored, as GNU whois sends a handle in lower case to a server it does not know) for
 * the lifetime of the calling test file, and gives what GNU whois prints for a query asked of it.
 */
export function serveAnswersForFile(answers: Readonly<Record<string, string[]>>): (query: string) => Promise<string> {
  let server: Port43 | undefined;
  beforeAll(async () => {
    server = await startPort43((query) => Object.entries(answers).find(([key]) => key.toLowerCase() === query.toLowerCase())?.[1]);
  });
  afterAll(async () => {
    await server?.close();
  });
  return (query) => fetchWithWhois((server as Port43).port, query);
}
