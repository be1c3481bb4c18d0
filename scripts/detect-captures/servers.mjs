// Servers for scripts/make-detect-captures.sh, on one loopback address (default 127.0.0.2): the sandbox
// world (startSandbox) with its port-43 WHOIS server also reachable on the standard port 43 (a plain
// TCP relay), and the sandbox world's DNS server on port 53. Ports below 1024 need root.
// Prints one JSON line {"host","whois":43,"dns":53} when ready; stops on SIGTERM or SIGINT.
import net from "node:net";
import { startDnsServer, startSandbox } from "../../dist/server/index.js";

const host = process.argv[2] ?? "127.0.0.2";
const sandbox = await startSandbox({ host, faults: false });
// The .com registry server of the world: it answers example.com and every other .com name.
const entry = sandbox.serverMap["whois.verisign-grs.com"];
const target = typeof entry === "string" ? entry : entry?.address;
if (target === undefined) throw new Error("the sandbox has no port-43 server");
const [, port] = target.split(/:(?=\d+$)/);
const relay = net.createServer({ allowHalfOpen: true }, (client) => {
  const upstream = net.connect({ host, port: Number(port), allowHalfOpen: true });
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
  client.pipe(upstream).pipe(client);
});
await new Promise((resolve, reject) => relay.once("error", reject).listen(43, host, () => resolve(undefined)));
const dns = await startDnsServer({ host, port: 53 });
process.stdout.write(`${JSON.stringify({ host, whois: 43, dns: 53, sandboxWhois: target })}\n`);

const stop = async () => {
  relay.close();
  await dns.close();
  await sandbox.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
