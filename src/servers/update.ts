import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { WhoislensError } from "../errors.js";
import { fetchRdap } from "../net/index.js";
import { Bootstrap, BOOTSTRAP_KINDS, SHIPPED_BOOTSTRAP_DIR } from "./bootstrap.js";
import { cachedBootstrapDir } from "./paths.js";

export const BOOTSTRAP_SOURCE = "https://data.iana.org/rdap/";
/** IANA's files change every few weeks; a day old is fresh enough and spares IANA. */
export const DEFAULT_BOOTSTRAP_TTL_SECONDS = 24 * 60 * 60;

const ServiceFile = z.object({
  version: z.string().optional(),
  publication: z.string().optional(),
  services: z.array(z.array(z.array(z.string()))),
});

export interface UpdateOptions {
  /** Where the five files are published (default IANA); the user's explicit choice, so it may be a local mirror. */
  sourceUrl?: string;
  /** Target directory (default: the cache directory). */
  directory?: string;
  ttlSeconds?: number;
  force?: boolean;
  allowPrivate?: boolean;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

export interface UpdateResult {
  directory: string;
  updated: boolean;
  fetchedAt: string;
  files: { kind: string; publication?: string; services: number }[];
}

interface Stamp {
  fetchedAt: string;
  source: string;
}

/** Refreshes the bootstrap into the cache directory, unless the copy there is still fresh. */
export async function updateBootstrap(options: UpdateOptions = {}): Promise<UpdateResult> {
  const directory = options.directory ?? cachedBootstrapDir(options.env);
  const source = (options.sourceUrl ?? BOOTSTRAP_SOURCE).replace(/\/?$/, "/");
  const now = (options.now ?? (() => new Date()))();
  const ttlMs = (options.ttlSeconds ?? DEFAULT_BOOTSTRAP_TTL_SECONDS) * 1000;
  const stamp = await readStamp(directory);
  if (!options.force && stamp && now.getTime() - Date.parse(stamp.fetchedAt) < ttlMs) {
    return { directory, updated: false, fetchedAt: stamp.fetchedAt, files: await describe(directory) };
  }
  const downloaded: { kind: string; text: string; publication?: string; services: number }[] = [];
  for (const kind of BOOTSTRAP_KINDS) {
    const url = `${source}${kind}.json`;
    const answer = await fetchRdap(url, {
      allowPrivate: options.allowPrivate ?? false,
      explicitTarget: options.sourceUrl !== undefined,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBytes: 8 * 1024 * 1024,
    });
    const parsed = ServiceFile.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) {
      throw new WhoislensError("WL_ERR_PROTOCOL", `${url}: ${answer.status !== 200 ? `HTTP ${answer.status}` : "not an RDAP bootstrap file"}`, { server: url });
    }
    const entry: { kind: string; text: string; publication?: string; services: number } = {
      kind,
      text: JSON.stringify(parsed.data),
      services: parsed.data.services.length,
    };
    if (parsed.data.publication !== undefined) entry.publication = parsed.data.publication;
    downloaded.push(entry);
  }
  await mkdir(directory, { recursive: true });
  for (const file of downloaded) await writeAtomically(join(directory, `${file.kind}.json`), file.text);
  const fetchedAt = now.toISOString();
  await writeAtomically(join(directory, "fetched.json"), JSON.stringify({ fetchedAt, source } satisfies Stamp));
  return { directory, updated: true, fetchedAt, files: downloaded.map(({ kind, publication, services }) => (publication ? { kind, publication, services } : { kind, services })) };
}

/** The cached copy when `whoislens update` has written one, else the shipped snapshot. */
export function loadDefaultBootstrap(env: Record<string, string | undefined> = process.env): Bootstrap {
  const cached = cachedBootstrapDir(env);
  const complete = BOOTSTRAP_KINDS.every((kind) => existsSync(join(cached, `${kind}.json`)));
  if (complete) {
    try {
      readFileSync(join(cached, "fetched.json"), "utf8");
      return Bootstrap.load(cached);
    } catch {
      // an interrupted update: fall back to the snapshot
    }
  }
  return Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);
}

async function readStamp(directory: string): Promise<Stamp | undefined> {
  try {
    const stamp = JSON.parse(await readFile(join(directory, "fetched.json"), "utf8")) as Stamp;
    return typeof stamp.fetchedAt === "string" ? stamp : undefined;
  } catch {
    return undefined;
  }
}

async function describe(directory: string): Promise<UpdateResult["files"]> {
  const files: UpdateResult["files"] = [];
  for (const kind of BOOTSTRAP_KINDS) {
    try {
      const parsed = JSON.parse(await readFile(join(directory, `${kind}.json`), "utf8")) as { publication?: string; services?: unknown[] };
      files.push(parsed.publication ? { kind, publication: parsed.publication, services: parsed.services?.length ?? 0 } : { kind, services: parsed.services?.length ?? 0 });
    } catch {
      // missing file: not described
    }
  }
  return files;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
