// A loopback port nothing listens on (bound, then closed): every connect to it is refused (ECONNREFUSED).
// The down registry of bench:bulk's referral world and of bench:scale's down case.
import net from "node:net";

export async function closedPort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
