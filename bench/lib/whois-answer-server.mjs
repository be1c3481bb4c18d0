// A minimal port-43 server for benchmarks: answers every query with one fixed,
// realistic registry record. Runs in its own process so that the client's CPU
// figures exclude it; prints its port, then reports its own CPU time on "stats".
import net from "node:net";
import { BENCH_ANSWER } from "./bench-answer.mjs";

const answer = Buffer.from(BENCH_ANSWER);

let queries = 0;
const server = net.createServer((socket) => {
  socket.once("data", () => {
    queries += 1;
    socket.end(answer);
  });
  socket.on("error", () => {});
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("message", (message) => {
  if (message === "stats") process.send?.({ queries, cpu: process.cpuUsage() });
  if (message === "stop") server.close(() => process.exit(0));
});
