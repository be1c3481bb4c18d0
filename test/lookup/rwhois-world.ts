import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * The RWhois world (test/lookup/fixtures/rwhois_world.py): an ARIN-like port-43 server whose reallocations
 * refer to ISPs' RWhois 1.5 servers (RFC 2167), well-behaved and hostile. Python, written from ARIN's and
 * RFC 2167's documents, not from our client. Needs python3 (rir-world.ts warns and the tests skip without it).
 */
export interface RwhoisCustomer {
  cidr: string;
  first: string;
  last: string;
  id: string;
  name: string;
  org: string;
  city: string;
  country: string;
}

export interface RwhoisWorld {
  dir: string;
  servers: Record<string, string>;
  /** --servers, --servers-only, --bootstrap-dir, --no-cache: every run stays on loopback. */
  flags: string[];
  customers: Record<string, RwhoisCustomer>;
  /** How many RWhois sessions the world saw end with `-quit`. */
  quits(): Promise<number>;
  close(): Promise<void>;
}

export async function startRwhoisWorld(): Promise<RwhoisWorld> {
  const dir = mkdtempSync(join(tmpdir(), "whoislens-rwhois-world-"));
  const script = fileURLToPath(new URL("./fixtures/rwhois_world.py", import.meta.url));
  const child: ChildProcess = spawn("python3", [script, dir], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const started = JSON.parse(line) as { servers: Record<string, string>; quits: number; customers: Record<string, RwhoisCustomer> };
  const mapFile = join(dir, "servers.json");
  writeFileSync(mapFile, JSON.stringify(started.servers));
  return {
    dir,
    servers: started.servers,
    flags: ["--servers", mapFile, "--servers-only", "--bootstrap-dir", dir, "--no-cache"],
    customers: started.customers,
    quits: () => askQuits(started.quits),
    close: async () => {
      child.stdin?.end();
      if (child.exitCode === null) await Promise.race([once(child, "exit"), new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function askQuits(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write("count\n"));
    socket.on("data", (chunk) => (text += chunk.toString("ascii")));
    socket.on("end", () => resolve(Number(text.trim())));
    socket.on("error", reject);
  });
}
