import net from "node:net";
import { listenTracked, type TestServer } from "../../../helpers/servers.js";

export interface LineServerOptions {
  /** The answer (made when the line arrives) is written this many ms later: a slow server. */
  delayMs?: (line: string) => number;
  /**
   * Verisign-style connection limit: while more than this many connections are open, an answer is cut
   * (the first part written, then a TCP reset, no FIN), as such servers reset the connections past their cap.
   */
  cutPast?: () => number | undefined;
}

/**
 * A port-43 server on loopback: one query line a connection (cut at 1024 bytes), answered by `answer`;
 * undefined leaves the connection silent (a hang the client's timeout must end; close() drops it).
 */
export function whoisLineServer(answer: (line: string) => string | undefined, options: LineServerOptions = {}): Promise<TestServer> {
  let open = 0;
  return listenTracked(
    net.createServer((socket) => {
      open += 1;
      socket.once("close", () => (open -= 1));
      let buffer = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        buffer += chunk;
        const end = buffer.indexOf("\n");
        if (end === -1 && buffer.length < 1024) return;
        const line = buffer.slice(0, end === -1 ? 1024 : end).replace(/\r$/, "");
        const text = answer(line);
        if (text === undefined) return;
        const send = (): void => {
          const cap = options.cutPast?.();
          if (cap !== undefined && open > cap) {
            // The reset a moment after the bytes: reset at once, loopback reads it as an ordinary end (FIN).
            socket.write(text.slice(0, Math.floor(text.length / 2)), () => setTimeout(() => socket.resetAndDestroy(), 20));
            return;
          }
          socket.end(text);
        };
        const wait = options.delayMs?.(line) ?? 0;
        if (wait > 0) setTimeout(send, wait);
        else send();
      });
    }),
  );
}
