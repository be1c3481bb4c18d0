import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { closeRdapAgents, type HostResolver } from "../../src/net/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { loadServerMap } from "../../src/servers/index.js";
import { httpServer, tcpServer, type TestServer } from "../helpers/servers.js";
import { startDnsmasq } from "../helpers/dnsmasq.js";

/**
 * Issue #19 against worlds we did not write in Node: a real DNS server (Debian's dnsmasq, on loopback,
 * no upstream) whose zone points names at 127.0.0.1, and hostile port-43/RDAP servers in Python
 * (test/net/fixtures/hostile_world.py) whose resets come from the kernel (SO_LINGER 0). Skipped, with
 * a message, where the tool is missing; scripts/ci-tools.sh installs both for CI.
 */

const has = (tool: string, ...args: string[]): boolean => spawnSync(tool, args, { stdio: "ignore" }).status === 0;
const haveDnsmasq = has("dnsmasq", "--version");
const havePython = has("python3", "--version");
if (!haveDnsmasq) console.warn("issue-19-real-tools: dnsmasq not installed; its tests are skipped (bash scripts/ci-tools.sh)");
if (!havePython) console.warn("issue-19-real-tools: python3 not installed; its tests are skipped (bash scripts/ci-tools.sh)");

const children: ChildProcess[] = [];
const servers: TestServer[] = [];
let victimHits = 0;
let victim: TestServer;
let victimRdap: TestServer;

beforeAll(async () => {
  victim = await tcpServer((socket) => {
    victimHits += 1;
    socket.end("Domain Name: SECRET.INTERNAL\r\n");
  });
  victimRdap = await httpServer((_req, res) => {
    victimHits += 1;
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(JSON.stringify({ objectClassName: "domain", ldhName: "secret.internal" }));
  });
  servers.push(victim, victimRdap);
});
afterAll(async () => {
  for (const child of children) child.kill();
  await closeRdapAgents();
  await Promise.all(servers.map((server) => server.close()));
});


describe.skipIf(!haveDnsmasq)("names that a real DNS server (dnsmasq) resolves to loopback", () => {
  let resolve: HostResolver;
  beforeAll(async () => {
    const dnsmasq = await startDnsmasq(["--address=/rebind.test/127.0.0.1", "--address=/lan.test/10.20.30.40"], "up.rebind.test");
    children.push(dnsmasq.child);
    const resolver = dnsmasq.resolver;
    resolve = async (host) => {
      const answers = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      const addresses = answers.flatMap((answer) => (answer.status === "fulfilled" ? answer.value : []));
      if (addresses.length === 0) throw Object.assign(new Error(`${host} not found`), { code: "ENOTFOUND" });
      return addresses;
    };
  });

  const registryReferringTo = async (registrar: string): Promise<TestServer> => {
    const registry = await tcpServer((socket) => socket.once("data", () => socket.end(`Domain Name: REBIND.COM\r\nRegistrar WHOIS Server: ${registrar}\r\n`)));
    servers.push(registry);
    return registry;
  };

  it.each(["whois.registrar.rebind.test", "whois.registrar.lan.test"])("refuses the port-43 referral to %s at connect time", async (registrar) => {
    const registry = await registryReferringTo(registrar);
    const before = victimHits;
    const record = await lookup("rebind.com", {
      protocol: "whois",
      servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${registry.port}` }),
      resolve,
      hopTimeoutMs: 2000,
    });
    expect(record.chain?.at(-1)).toMatchObject({ server: registrar, error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
    expect(record.chain?.at(-1)?.error?.message).toMatch(/resolves to (127\.0\.0\.1|10\.20\.30\.40)/);
    expect(victimHits).toBe(before);
  });

  it("follows the same referral to the address DNS gave when --allow-private is set", async () => {
    const registry = await tcpServer((socket) =>
      socket.once("data", () => socket.end(`Domain Name: REBIND.COM\r\nRegistrar WHOIS Server: whois.registrar.rebind.test:${victim.port}\r\n`)),
    );
    servers.push(registry);
    const before = victimHits;
    const record = await lookup("rebind.com", {
      protocol: "whois",
      servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${registry.port}` }),
      resolve,
      allowPrivate: true,
      hopTimeoutMs: 2000,
    });
    expect(record.chain?.map((hop) => hop.status)).toEqual(["registered", "registered"]);
    expect(victimHits).toBe(before + 1);
  });

  it("refuses an RDAP registrar link whose name resolves to loopback", async () => {
    const registry = await httpServer((_req, res) => {
      const href = `http://rdap.registrar.rebind.test:${victimRdap.port}/domain/rebind.com`;
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end(JSON.stringify({ objectClassName: "domain", ldhName: "rebind.com", links: [{ rel: "related", type: "application/rdap+json", href, value: href }] }));
    });
    servers.push(registry);
    const before = victimHits;
    const record = await lookup("rebind.com", { protocol: "rdap", rdapUrl: `http://127.0.0.1:${registry.port}`, resolve, hopTimeoutMs: 2000 });
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(victimHits).toBe(before);
  });
});

describe.skipIf(!havePython)("a hostile world in Python (kernel resets, userinfo links, redirects)", () => {
  let ports: { whois: number; rdap: number };
  beforeAll(async () => {
    const script = fileURLToPath(new URL("../net/fixtures/hostile_world.py", import.meta.url));
    const python = spawn("python3", [script, String(victimRdap.port)], { stdio: ["pipe", "pipe", "inherit"] });
    children.push(python);
    const [line] = (await once(createInterface({ input: python.stdout! }), "line")) as [string];
    ports = JSON.parse(line) as { whois: number; rdap: number };
  });

  const whois = (query: string, extra: object = {}): Promise<WhoisRecord> =>
    lookup(query, { protocol: "whois", servers: loadServerMap({ "whois.verisign-grs.com": `127.0.0.1:${ports.whois}` }), hopTimeoutMs: 3000, ...extra });

  it("a kernel RST after half an answer gives a partial record flagged WL_WARN_TRUNCATED", async () => {
    const record = await whois("half.com");
    expect(record.registrar?.name).toBe("Half Registrar");
    expect(record.dates?.updated).toBeUndefined();
    expect(record.warnings?.map((warning) => warning.code)).toEqual(["WL_WARN_TRUNCATED"]);
    expect(record.warnings?.[0]?.message).toMatch(/reset the connection/);
  });

  it("a flood is cut at the size cap, flagged the same way", async () => {
    const record = await whois("flood.com", { maxBytes: 64 * 1024 });
    expect(record.warnings?.[0]).toMatchObject({ code: "WL_WARN_TRUNCATED" });
    expect(record.warnings?.[0]?.message).toMatch(/more than 65536 bytes/);
  });

  it("an answer ended by an ordinary close carries no warning", async () => {
    expect((await whois("whole.com")).warnings).toBeUndefined();
  });

  it("a link that writes the --rdap-url before '@' is refused, and so is a redirect to another origin", async () => {
    const before = victimHits;
    const rdapUrl = `http://127.0.0.1:${ports.rdap}`;
    const record = await lookup("cred.com", { protocol: "rdap", rdapUrl, hopTimeoutMs: 3000 });
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_PROTOCOL");
    await expect(lookup("moved.com", { protocol: "rdap", rdapUrl, hopTimeoutMs: 3000 })).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    expect(victimHits).toBe(before);
  });
});
