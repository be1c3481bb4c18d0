// Shared by bench:lookup and bench:lookup-split: the loopback answer server in a child process and the
// peers' lookups against it, so both benchmarks measure exactly the same tasks.
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const whoiser = require("whoiser");
const whoisPackage = require("whois");
const { parseDomainWhois } = require("whoiser/src/parsers.js");

export const DOMAIN = "example-bench.com";

/** Starts bench/lib/whois-answer-server.mjs; resolves with its port, a stats() call and stop(). */
export async function startAnswerServer() {
  const server = fork(fileURLToPath(new URL("./whois-answer-server.mjs", import.meta.url)), { stdio: "inherit" });
  const { port } = await new Promise((resolve) => server.once("message", resolve));
  return {
    port,
    stats: () =>
      new Promise((resolve) => {
        server.once("message", resolve);
        server.send("stats");
      }),
    stop: () => server.send("stop"),
  };
}

/** whoiser (query + its parser) and whois (raw text), each checked for a real answer; `host` names the server. */
export function peerTasks(port, host = "127.0.0.1") {
  return {
    whoiser: () =>
      whoiser.query({ host, port, query: DOMAIN }).then((text) => {
        if (!parseDomainWhois(DOMAIN, text)["Created Date"]) throw new Error("whoiser: bad record");
      }),
    whois: () =>
      new Promise((resolve, reject) =>
        whoisPackage.lookup(DOMAIN, { server: `${host}:${port}`, follow: 0 }, (error, text) =>
          error ? reject(error) : text.includes("Creation Date") ? resolve() : reject(new Error("whois: bad answer")),
        ),
      ),
  };
}
