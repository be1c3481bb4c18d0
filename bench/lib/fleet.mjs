// Starts bench/lib/rate-limited-fleet.mjs in its own process (so its servers' clocks do not share
// the event loop being measured) and returns its servers plus a way to talk to it.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export async function startFleet(specs) {
  const child = fork(fileURLToPath(new URL("./rate-limited-fleet.mjs", import.meta.url)), [JSON.stringify(specs)]);
  const { servers } = await new Promise((resolve) => child.once("message", resolve));
  const ask = (message) =>
    new Promise((resolve) => {
      child.once("message", resolve);
      child.send(message);
    });
  return { servers, ask, send: (message) => child.send(message), pid: child.pid };
}
