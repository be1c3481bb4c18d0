import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FootprintGraph } from "../../src/footprint/index.js";
import { BIN, runNode } from "../helpers/built-cli.js";
import { startPythonWorld, type PythonWorld } from "./python-world.js";

/**
 * `whoislens footprint` from a domain on the stranger's world, over port 43 and over RDAP: the same
 * registration written twice by the Python servers — a thin registry (pieces, whois://HOST:4343/ referral)
 * and a Latin-1 \r\r\n registrar on port 43; a registry RDAP with a related link to the registrar's RDAP
 * (structured jCard ORG, adr with cc) on the other — gives the same graph, node for node, edge for edge.
 */
let world: PythonWorld;
let map: string;
let bootstrapDir: string;

beforeAll(async () => {
  world = await startPythonWorld(["--only", "iana", "--only", "alpha", "--only", "registrar", "--only", "rdap"]);
  const port = (name: string): number => world.ports[name] as number;
  map = world.map("map.json", {
    "whois.iana.org": `127.0.0.1:${port("iana")}`,
    "whois.nic.alpha": `127.0.0.1:${port("alpha")}`,
    "whois.registrar.test": `127.0.0.1:${port("registrar")}`,
    "rdap.nic.alpha": `http://127.0.0.1:${port("rdap")}/`,
    "rdap.registrar.test": `http://127.0.0.1:${port("rdap")}/registrar-rdap/`,
  });
  bootstrapDir = join(world.dir, "bootstrap");
  mkdirSync(bootstrapDir);
  writeFileSync(join(bootstrapDir, "dns.json"), JSON.stringify({ version: "1.0", publication: "2026-01-01T00:00:00Z", services: [[["alpha"], ["https://rdap.nic.alpha/rdap/"]]] }));
}, 20_000);
afterAll(() => world?.stop());

async function footprint(protocol: "whois" | "rdap"): Promise<FootprintGraph> {
  const env = { WHOISLENS_CACHE_DIR: join(world.dir, `cache-${protocol}`), XDG_CONFIG_HOME: join(world.dir, "no-config") };
  const run = await runNode([BIN, "footprint", "example.alpha", "--protocol", protocol, "--servers", map, "--servers-only", "--bootstrap-dir", bootstrapDir, "--no-cache", "--no-dns", "--no-store", "--format", "json"], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as FootprintGraph;
}

const shape = (graph: FootprintGraph): { nodes: string[]; edges: string[] } => ({
  nodes: graph.nodes.map((node) => `${node.id} ${node.confidence}`).sort(),
  edges: graph.edges.map((edge) => `${edge.from} ${edge.relation} ${edge.to} ${edge.confidence}`).sort(),
});

describe("footprint on the stranger's world, port 43 against RDAP", () => {
  it("the same graph from the same registration over either protocol", async () => {
    const [overWhois, overRdap] = await Promise.all([footprint("whois"), footprint("rdap")]);
    expect(shape(overWhois)).toEqual(shape(overRdap));
    // And the graph is the registration, not two equally empty ones.
    expect(overWhois.nodes.map((node) => node.id).sort()).toEqual([
      "domain:etrange.example",
      "domain:example.alpha",
      "email:admin@etrange.example",
      "email:jose@etrange.example",
      "nameserver:ns1.stranger-dns.net",
      "nameserver:ns2.dns-host.net",
      "organization:société étrange sarl",
      "person:josé müller",
      "registrar:stranger registrar, inc.",
    ]);
    const seed = overRdap.nodes.find((node) => node.id === "domain:example.alpha");
    expect(seed?.attributes).toEqual(overWhois.nodes.find((node) => node.id === "domain:example.alpha")?.attributes);
  }, 30_000);
});
