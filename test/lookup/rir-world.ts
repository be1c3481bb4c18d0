import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { WhoisRecord } from "../../src/record/types.js";
import { useServer } from "../helpers/servers.js";

/**
 * The second number world (test/lookup/fixtures/rir_world.py): the five RIRs, IANA and JPNIC over port 43
 * and RDAP, written in Python from the registries' own documentation. Skipped, with a message, where
 * python3 is missing (scripts/ci-tools.sh installs it).
 */
export const havePython = spawnSync("python3", ["--version"], { stdio: "ignore" }).status === 0;
if (!havePython) console.warn("rir-world: python3 not installed; the second number world's tests are skipped (bash scripts/ci-tools.sh)");

/** What the world says a resource is, from the same table its answers are rendered from. */
export interface Truth {
  rir: string;
  start: string | number;
  end: string | number;
  cidr?: string;
  name: string | null;
  handle: string;
  org: string;
  orgHandle: string;
  country: string;
  contacts: string[];
  /** YYYY-MM-DD */
  created: string;
  updated: string;
}

export interface RirWorld {
  dir: string;
  mapFile: string;
  /** --servers, --servers-only, --bootstrap-dir, --no-cache: every CLI run stays on loopback. */
  flags: string[];
  truth: Record<string, Truth>;
  close(): Promise<void>;
}

/** A Python world running: its first stdout line (JSON), its temporary directory, the map file written from `servers`. */
export interface PythonWorld<T> {
  dir: string;
  mapFile: string;
  started: T;
  /** --servers, --servers-only, --bootstrap-dir, --no-cache: every CLI run stays on loopback. */
  flags: string[];
  close(): Promise<void>;
}

/**
 * Starts test/lookup/fixtures/`script` with a fresh directory (it writes its bootstrap files there), reads the
 * JSON line it prints once listening, and writes its `servers` as a --servers map; closing its standard input
 * stops it.
 */
export async function startPythonWorld<T extends { servers: Record<string, string> }>(script: string): Promise<PythonWorld<T>> {
  const dir = mkdtempSync(join(tmpdir(), `whoislens-${basename(script).replace(/\.py$/, "").replace(/_/g, "-")}-`));
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  const child: ChildProcess = spawn("python3", [path, dir], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const started = JSON.parse(line) as T;
  const mapFile = join(dir, "servers.json");
  writeFileSync(mapFile, JSON.stringify(started.servers));
  return {
    dir,
    mapFile,
    started,
    flags: ["--servers", mapFile, "--servers-only", "--bootstrap-dir", dir, "--no-cache"],
    close: async () => {
      child.stdin?.end();
      if (child.exitCode === null) await Promise.race([once(child, "exit"), new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startRirWorld(): Promise<RirWorld> {
  const world = await startPythonWorld<{ servers: Record<string, string>; truth: Record<string, Truth> }>("rir_world.py");
  return { dir: world.dir, mapFile: world.mapFile, flags: world.flags, truth: world.started.truth, close: world.close };
}

/** Starts the world before the enclosing describe's tests and stops it after; call the result inside a test. */
export function useRirWorld(): () => RirWorld {
  return useServer(startRirWorld, 30_000);
}

/**
 * What both protocols carry about a number resource, read from the normalized record the way a user
 * reads it: where a port-43 answer and an RDAP object put the holder's name or the country in different
 * places of the record, the first one present counts.
 */
export function agreed(record: WhoisRecord, orgHandle: string): Record<string, unknown> {
  const registrant = record.contacts?.find((c) => c.roles.includes("registrant") && c.handle === orgHandle);
  const net = record.network;
  const common = {
    status: record.status,
    org: net?.organization ?? registrant?.organization ?? registrant?.name,
    country: record.asn?.country ?? net?.country,
    // The holder's own handle is compared apart (the registrant contact: rir-world-parity.test.ts).
    contacts: [...new Set((record.contacts ?? []).map((c) => c.handle).filter((h) => h !== undefined && h !== orgHandle))].sort(),
    // Days: port 43 writes dates (2015-02-03, 20150203), RDAP timestamps.
    created: record.dates?.created?.slice(0, 10),
    updated: record.dates?.updated?.slice(0, 10),
  };
  if (record.kind === "asn") return { ...common, asn: { start: record.asn?.start, end: record.asn?.end, handle: record.asn?.handle, name: record.asn?.name ?? null } };
  return { ...common, start: net?.startAddress, end: net?.endAddress, cidrs: net?.cidrs, name: net?.name ?? null, handle: net?.handle };
}

/** The same projection of the world's own truth. */
export function expected(truth: Truth): Record<string, unknown> {
  const common = { status: "registered", org: truth.org, country: truth.country, contacts: truth.contacts, created: truth.created, updated: truth.updated };
  if (typeof truth.start === "number") return { ...common, asn: { start: truth.start, end: truth.end, handle: truth.handle, name: truth.name } };
  return { ...common, start: truth.start, end: truth.end, cidrs: [truth.cidr], name: truth.name, handle: truth.handle };
}
