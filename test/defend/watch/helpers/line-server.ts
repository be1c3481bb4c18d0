import net from "node:net";
import { listenTracked, type TestServer } from "../../../helpers/servers.js";

/**
 * A port-43 server on loopback: one query line a connection (cut at 1024 bytes), answered by `answer`;
 * undefined leaves the connection silent (a hang the client's timeout must end; close() drops it).
 */
export function whoisLineServer(answer: (line: string) => string | undefined): Promise<TestServer> {
  return listenTracked(
    net.createServer((socket) => {
      let buffer = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        buffer += chunk;
        const end = buffer.indexOf("\n");
        if (end === -1 && buffer.length < 1024) return;
        const text = answer(buffer.slice(0, end === -1 ? 1024 : end).replace(/\r$/, ""));
        if (text !== undefined) socket.end(text);
      });
    }),
  );
}
