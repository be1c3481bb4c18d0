import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { once } from "node:events";
import { waitUntil } from "./wait.js";

/** A UDP port free on 127.0.0.1 a moment ago (dnsmasq cannot be told to pick one itself). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  socket.bind(0, "127.0.0.1");
  await once(socket, "listening");
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * Starts Debian's dnsmasq on 127.0.0.1 (no upstream, no /etc/hosts) with `records` (its own flags:
 * --address=/name/ip, --mx-host=…), and waits until it answers `probe` (a name the records resolve).
 */
export async function startDnsmasq(records: string[], probe: string): Promise<{ port: number; child: ChildProcess; resolver: Resolver }> {
  const port = await freeUdpPort();
  const child = spawn(
    "dnsmasq",
    ["--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", `--port=${port}`, "--pid-file=", "--user=root", ...records],
    { stdio: "ignore" },
  );
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  let ready = false;
  const timer = setInterval(() => void resolver.resolve4(probe).then(() => (ready = true), () => undefined), 50);
  try {
    await waitUntil(() => ready, "dnsmasq to answer", 5000);
  } finally {
    clearInterval(timer);
  }
  return { port, child, resolver };
}
