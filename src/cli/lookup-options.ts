import { join } from "node:path";
import type { z as Zod } from "zod";
import { ConfigError, InvalidOptionError } from "../errors.js";
import { discoveryCacheFor, TieredAnswerCache, type LookupOptions } from "../lookup/index.js";
import { parseProxyUrl } from "../net/proxy.js";
import { Bootstrap } from "../servers/bootstrap.js";
import { cacheDir, configFile } from "../servers/paths.js";
import { loadServerMap } from "../servers/server-map.js";
import type { CliIO } from "./io.js";
import { integerFlag } from "./flags.js";
import type { LookupFlags } from "./lookup-flags.js";
import { zodLib } from "../util/cjs-deps.js";
import { INPUT_CAPS, readNamedFileSync } from "../util/read-capped.js";
import { decodeText } from "../util/text-encoding.js";

/**
 * Config file keys: the same names as the long flags, in camelCase. Built when a config file is read:
 * zod (~10–30 ms to load) stays off the start-up of a lookup that has none.
 */
const configSchema = (z: typeof Zod) => z
  .object({
    protocol: z.enum(["auto", "rdap", "whois"]).optional(),
    servers: z.string().optional(),
    allowPrivate: z.boolean().optional(),
    proxy: z.string().optional(),
    timeout: z.number().int().positive().optional(),
    totalTimeout: z.number().int().positive().optional(),
    maxBytes: z.number().int().positive().optional(),
    maxReferrals: z.number().int().nonnegative().optional(),
    follow: z.boolean().optional(),
    cache: z.boolean().optional(),
    cacheTtlSeconds: z.number().int().positive().optional(),
    /** Reverse-WHOIS API keys for footprint (kept out of flags so they never reach shell history). */
    reverseWhois: z
      .object({
        whoisxml: z.object({ apiKey: z.string().min(1), url: z.string().url().optional() }).strict().optional(),
        whoxy: z.object({ apiKey: z.string().min(1), url: z.string().url().optional() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type FileConfig = Zod.infer<ReturnType<typeof configSchema>>;

/** The config file the flags and environment point at (empty when there is none). */
export async function loadConfig(flags: Pick<LookupFlags, "config">, io: CliIO): Promise<FileConfig> {
  const configPath = flags.config ?? io.env.WHOISLENS_CONFIG ?? configFile(io.env);
  return readConfig(configPath, flags.config !== undefined || io.env.WHOISLENS_CONFIG !== undefined);
}

/** Environment variables that set defaults; flags win over them, they win over the config file. */
const ENVIRONMENT: Record<string, keyof LookupFlags> = {
  WHOISLENS_PROTOCOL: "protocol",
  WHOISLENS_SERVERS: "servers",
  WHOISLENS_PROXY: "proxy",
  WHOISLENS_TIMEOUT: "timeout",
};

/**
 * A small JSON file the user names (config, --servers map; UTF-8 or UTF-16, a BOM allowed: Windows
 * PowerShell 5.1's `ConvertTo-Json > servers.json` writes UTF-16LE): capped at the config-file size, and any
 * failure a ConfigError naming `what` ("config file PATH"). `optional`: a missing file is undefined.
 */
function readJsonFile(path: string, what: string, optional = false): unknown {
  let text: string;
  try {
    text = decodeText(readNamedFileSync(path, { maxBytes: INPUT_CAPS.configFile.bytes, what }));
  } catch (error) {
    // readNamedFileSync's ConfigError keeps the file system's error as its cause.
    if (optional && ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${what} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function readConfig(path: string | undefined, required: boolean): Promise<FileConfig> {
  if (path === undefined) return {};
  const json = readJsonFile(path, `config file ${path}`, !required);
  if (json === undefined) return {};
  // zodLib, as the --servers map check uses: zod ships separate ESM and CommonJS builds, and import()
  // here beside require() there would load both copies when a run reads a config file and a map.
  const parsed = configSchema(zodLib().z).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`config file ${path}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** Flags + environment + config file → library options. */
export async function lookupOptionsFromFlags(flags: LookupFlags, io: CliIO): Promise<Partial<LookupOptions>> {
  const config = await loadConfig(flags, io);
  const fromEnv: LookupFlags = {};
  for (const [variable, key] of Object.entries(ENVIRONMENT)) {
    const value = io.env[variable];
    if (value !== undefined && value !== "") (fromEnv as Record<string, unknown>)[key] = value;
  }
  const pick = <K extends keyof LookupFlags>(key: K): LookupFlags[K] => flags[key] ?? fromEnv[key];

  const options: Partial<LookupOptions> = {};
  const protocol = pick("protocol") ?? config.protocol;
  if (protocol !== undefined) options.protocol = protocol as LookupOptions["protocol"];
  if (flags.host !== undefined) options.host = flags.host;
  const port = integerFlag("port", flags.port, { min: 1, max: 65_535 });
  if (port !== undefined) options.port = port;
  if (flags.port !== undefined && flags.host === undefined) throw new InvalidOptionError("--port needs --host");
  if (flags.rdapUrl !== undefined) options.rdapUrl = flags.rdapUrl;
  const serversFile = pick("servers") ?? config.servers;
  if (serversFile !== undefined) options.servers = await loadServerMapFile(serversFile);
  options.allowPrivate = flags.allowPrivate ?? config.allowPrivate ?? false;
  if (flags.serversOnly) {
    if (options.servers === undefined) throw new InvalidOptionError("--servers-only needs --servers FILE");
    options.mappedOnly = true;
  }
  if (flags.bootstrapDir !== undefined) options.bootstrap = Bootstrap.load(flags.bootstrapDir);
  const proxy = pick("proxy") ?? config.proxy;
  if (proxy !== undefined) options.proxy = parseProxyUrl(proxy);
  const hopTimeoutMs = integerFlag("timeout", pick("timeout") ?? config.timeout, { min: 1 });
  if (hopTimeoutMs !== undefined) options.hopTimeoutMs = hopTimeoutMs;
  const totalTimeoutMs = integerFlag("total-timeout", flags.totalTimeout ?? config.totalTimeout, { min: 1 });
  if (totalTimeoutMs !== undefined) options.totalTimeoutMs = totalTimeoutMs;
  const maxBytes = integerFlag("max-bytes", flags.maxBytes ?? config.maxBytes, { min: 1 });
  if (maxBytes !== undefined) options.maxBytes = maxBytes;
  const maxReferrals = integerFlag("max-referrals", flags.maxReferrals ?? config.maxReferrals);
  if (maxReferrals !== undefined) options.maxReferrals = maxReferrals;
  options.followReferrals = flags.follow === false ? false : (config.follow ?? true);
  options.raw = flags.raw ?? false;
  if (io.resolve !== undefined) options.resolve = io.resolve;
  // Discovery (which server answers for a TLD or block) is not an answer: kept even with --no-cache.
  options.discovery = discoveryCacheFor(cacheDir(io.env));
  if (flags.cache !== false && config.cache !== false) {
    const ttlMs = (config.cacheTtlSeconds ?? 3600) * 1000;
    options.cache = new TieredAnswerCache({ ttlMs, directory: join(cacheDir(io.env), "answers") });
  }
  return options;
}

export async function loadServerMapFile(path: string): Promise<NonNullable<LookupOptions["servers"]>> {
  return loadServerMap(readJsonFile(path, `--servers file ${path}`));
}
