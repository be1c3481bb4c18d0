import type { ChildProcess } from "node:child_process";
import { startPythonWorld } from "../lookup/rir-world.js";
import { startDnsmasq } from "../helpers/dnsmasq.js";
import { spawnSync } from "node:child_process";

/** dnsmasq is Debian's (scripts/ci-tools.sh installs it); without it the DNS seeds are skipped, with this message. */
export const haveDnsmasq = spawnSync("dnsmasq", ["--version"], { stdio: "ignore" }).status === 0;
if (!haveDnsmasq) console.warn("third-world: dnsmasq not installed; the name-server seeds are skipped (bash scripts/ci-tools.sh)");

/**
 * The third world's DNS, served by a real dnsmasq: the domain's name servers, one at an APNIC address of the
 * holder's, one at a private address (RFC 1918) that no WHOIS server is asked about.
 */
export const THIRD_WORLD_DNS = [
  "--host-record=ns1.tasman-lighthouse.test,203.0.113.53",
  "--host-record=ns2.tasman-lighthouse.test,10.20.30.40",
  "--host-record=www.tasman-lighthouse.test,203.0.113.80",
];

export interface ThirdWorld {
  /** --servers, --servers-only, --bootstrap-dir, --no-cache, and --resolver where dnsmasq runs. */
  flags: string[];
  close(): Promise<void>;
}

export async function startThirdWorld(): Promise<ThirdWorld> {
  const world = await startPythonWorld<{ servers: Record<string, string> }>("../../footprint/fixtures/third_world.py");
  let dns: { port: number; child: ChildProcess } | undefined;
  if (haveDnsmasq) dns = await startDnsmasq(THIRD_WORLD_DNS, "ns1.tasman-lighthouse.test");
  return {
    flags: [...world.flags, ...(dns ? ["--resolver", `127.0.0.1:${dns.port}`] : [])],
    close: async () => {
      dns?.child.kill();
      await world.close();
    },
  };
}
