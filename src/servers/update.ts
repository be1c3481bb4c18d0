import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InvalidOptionError, NetworkError } from "../errors.js";
import { fetchRdap, type ProxyConfig } from "../net/index.js";
import { BOOTSTRAP_KINDS, BOOTSTRAP_STAMP_FILE, type BootstrapKind } from "./bootstrap.js";
import { cachedBootstrapDir, type Env } from "./paths.js";
import { UPDATE_DEFAULTS } from "./update-defaults.js";

/**
 * `whoislens update`: refresh IANA's five bootstrap files into the cache directory.
 * Lookups never download the bootstrap; they read this copy (or the shipped snapshot).
 */
export { UPDATE_DEFAULTS };

/** @deprecated use UPDATE_DEFAULTS.sourceUrl */
export const BOOTSTRAP_SOURCE = UPDATE_DEFAULTS.sourceUrl;
export const DEFAULT_BOOTSTRAP_TTL_SECONDS = UPDATE_DEFAULTS.ttlSeconds;

const Urls = z.array(z.string().max(2048)).max(100);
const PairService = z.tuple([z.array(z.string().max(300)).max(100_000), Urls]);
const TagService = z.tuple([z.array(z.string().max(300)).max(1000), z.array(z.string().max(300)).max(1000), Urls]);
const fileSchema = (service: z.ZodTypeAny) =>
  z.object({ version: z.string().max(100).optional(), publication: z.string().max(100).optional(), description: z.string().max(2000).optional(), services: z.array(service).max(100_000) }).passthrough();
const SCHEMAS: Record<BootstrapKind, z.ZodTypeAny> = {
  dns: fileSchema(PairService),
  ipv4: fileSchema(PairService),
  ipv6: fileSchema(PairService),
  asn: fileSchema(PairService),
  "object-tags": fileSchema(TagService),
};

export interface UpdateOptions {
  /** Where the five files are published (default IANA). The user's explicit choice, so a loopback mirror is allowed. */
  sourceUrl?: string;
  /** Target directory (default: `iana-bootstrap` in the cache directory). */
  directory?: string;
  ttlSeconds?: number;
  force?: boolean;
  /** Also allow redirects to private addresses. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  proxy?: ProxyConfig;
  signal?: AbortSignal;
  env?: Env;
  now?: () => Date;
}

export interface UpdatedFile {
  kind: BootstrapKind;
  publication?: string;
  services: number;
}

export interface UpdateResult {
  directory: string;
  /** false: the cached copy was fresh and nothing was downloaded. */
  updated: boolean;
  fetchedAt: string;
  source: string;
  files: UpdatedFile[];
}

interface Stamp {
  fetchedAt: string;
  source: string;
  files: UpdatedFile[];
}

/** Downloads the bootstrap unless the cached copy is younger than the TTL (or `force`). */
export async function updateBootstrap(options: UpdateOptions = {}): Promise<UpdateResult> {
  const ttlSeconds = options.ttlSeconds ?? UPDATE_DEFAULTS.ttlSeconds;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0) throw new InvalidOptionError(`ttlSeconds must be a non-negative number, got ${ttlSeconds}`);
  const source = normalizeSource(options.sourceUrl ?? UPDATE_DEFAULTS.sourceUrl);
  const directory = options.directory ?? cachedBootstrapDir(options.env);
  const now = (options.now ?? (() => new Date()))();

  const stamp = await readStamp(directory);
  if (!(options.force ?? UPDATE_DEFAULTS.force) && stamp !== undefined) {
    const age = now.getTime() - Date.parse(stamp.fetchedAt);
    if (age >= 0 && age < ttlSeconds * 1000) return { directory, updated: false, ...stamp };
  }

  const downloaded: { kind: BootstrapKind; text: string; info: UpdatedFile }[] = [];
  for (const kind of BOOTSTRAP_KINDS) {
    const url = `${source}${kind}.json`;
    const answer = await fetchRdap(url, {
      allowPrivate: options.allowPrivate ?? UPDATE_DEFAULTS.allowPrivate,
      explicitTarget: options.sourceUrl !== undefined,
      timeoutMs: options.timeoutMs ?? UPDATE_DEFAULTS.timeoutMs,
      maxBytes: UPDATE_DEFAULTS.maxBytesPerFile,
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (answer.status !== 200) throw new NetworkError("WL_ERR_HTTP", `${url}: HTTP ${answer.status}`, { server: hostOf(url) });
    const parsed = SCHEMAS[kind].safeParse(answer.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new NetworkError("WL_ERR_PROTOCOL", `${url} is not an RDAP bootstrap file (${issue ? `${issue.path.join(".") || "top level"}: ${issue.message}` : "invalid"})`, { server: hostOf(url) });
    }
    const data = parsed.data as { publication?: string; services: unknown[] };
    const info: UpdatedFile = { kind, services: data.services.length };
    if (data.publication !== undefined) info.publication = data.publication;
    downloaded.push({ kind, text: JSON.stringify(data), info });
  }

  await mkdir(directory, { recursive: true });
  // The stamp goes first (removed) and last (written): a copy without it is never taken as complete.
  await rm(join(directory, BOOTSTRAP_STAMP_FILE), { force: true });
  for (const file of downloaded) await writeAtomically(join(directory, `${file.kind}.json`), file.text);
  const fresh: Stamp = { fetchedAt: now.toISOString(), source, files: downloaded.map((file) => file.info) };
  await writeAtomically(join(directory, BOOTSTRAP_STAMP_FILE), `${JSON.stringify(fresh, null, 2)}\n`);
  return { directory, updated: true, ...fresh };
}

function normalizeSource(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(`--url must be an http(s) URL, got "${value.slice(0, 200)}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidOptionError(`--url must be an http(s) URL, got "${value.slice(0, 200)}"`);
  if (url.username !== "" || url.password !== "") throw new InvalidOptionError("--url must not carry credentials");
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

const StampSchema = z.object({
  fetchedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  source: z.string(),
  files: z.array(z.object({ kind: z.enum(BOOTSTRAP_KINDS), publication: z.string().optional(), services: z.number() })).default([]),
});

async function readStamp(directory: string): Promise<Stamp | undefined> {
  try {
    const parsed = StampSchema.safeParse(JSON.parse(await readFile(join(directory, BOOTSTRAP_STAMP_FILE), "utf8")));
    return parsed.success ? (parsed.data as Stamp) : undefined;
  } catch {
    return undefined;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
