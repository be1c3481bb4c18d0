import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { z } from "zod";
import { ConfigError, InvalidOptionError } from "../errors.js";
import { discoveryCacheFor, TieredAnswerCache, type LookupOptions } from "../lookup/index.js";
import { parseProxyUrl } from "../net/index.js";
import { Bootstrap, cacheDir, configFile, loadServerMap } from "../servers/index.js";
import type { CliIO } from "./io.js";

/** Raw flag values as commander hands them over. */
export interface LookupFlags {
  protocol?: string;
  host?: string;
  port?: string;
  rdapUrl?: string;
  servers?: string;
  allowPrivate?: boolean;
  proxy?: string;
  timeout?: string;
  totalTimeout?: string;
  maxBytes?: string;
  maxReferrals?: string;
  follow?: boolean;
  cache?: boolean;
  config?: string;
  raw?: boolean;
  serversOnly?: boolean;
  bootstrapDir?: string;
}

/**
 * The lookup flags, shared by every command that looks things up (lookup, bulk,
 * footprint) so that `--servers`, `--allow-private` and friends mean the same everywhere.
 */
export function addLookupFlags(command: Command, options: { hostFlag: boolean } = { hostFlag: true }): Command {
  command
    .addOption(new Option("--protocol <name>", "auto (RDAP first, WHOIS fallback), rdap or whois").choices(["auto", "rdap", "whois"]))
    .option("--rdap-url <base>", "ask this RDAP base URL instead of the bootstrap's")
    .option("--servers <file>", "JSON map of server names to host:port / RDAP base, applied to every hop")
    .option("--servers-only", "contact only servers named in --servers (nothing else leaves the machine)")
    .option("--bootstrap-dir <dir>", "read the RDAP bootstrap files from this directory (e.g. the sandbox's)")
    .option("--allow-private", "allow referrals and redirects to private, loopback and link-local addresses")
    .option("--proxy <url>", "socks5://host:port or http://host:port for both protocols")
    .option("--timeout <ms>", "per-hop time limit in milliseconds")
    .option("--total-timeout <ms>", "whole-lookup time limit in milliseconds")
    .option("--max-bytes <n>", "answer size cap per hop in bytes")
    .option("--max-referrals <n>", "referral hops to follow after the first answer")
    .option("--no-follow", "do not follow registry → registrar referrals")
    .option("--no-cache", "neither read nor write the answer cache (where to ask — each TLD's and address block's server learned from IANA/RIR referrals — is still remembered for 7 days)")
    .option("--config <file>", "config file with defaults (else $WHOISLENS_CONFIG or the XDG config path)");
  if (options.hostFlag) {
    command.option("-h, --host <host>", "ask this WHOIS server (port 43) first").option("-p, --port <port>", "port for --host");
  }
  return command;
}

/** Config file keys: the same names as the long flags, in camelCase. */
const ConfigSchema = z
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

export type FileConfig = z.infer<typeof ConfigSchema>;

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

async function readConfig(path: string | undefined, required: boolean): Promise<FileConfig> {
  if (path === undefined) return {};
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`config file ${path}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

function integerFlag(name: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidOptionError(`--${name} needs a whole number, got "${String(value)}"`);
  return number;
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
  const port = integerFlag("port", flags.port);
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
  const hopTimeoutMs = integerFlag("timeout", pick("timeout") ?? config.timeout);
  if (hopTimeoutMs !== undefined) options.hopTimeoutMs = hopTimeoutMs;
  const totalTimeoutMs = integerFlag("total-timeout", flags.totalTimeout ?? config.totalTimeout);
  if (totalTimeoutMs !== undefined) options.totalTimeoutMs = totalTimeoutMs;
  const maxBytes = integerFlag("max-bytes", flags.maxBytes ?? config.maxBytes);
  if (maxBytes !== undefined) options.maxBytes = maxBytes;
  const maxReferrals = integerFlag("max-referrals", flags.maxReferrals ?? config.maxReferrals);
  if (maxReferrals !== undefined) options.maxReferrals = maxReferrals;
  options.followReferrals = flags.follow === false ? false : (config.follow ?? true);
  options.raw = flags.raw ?? false;
  // Discovery (which server answers for a TLD or block) is not an answer: kept even with --no-cache.
  options.discovery = discoveryCacheFor(cacheDir(io.env));
  if (flags.cache !== false && config.cache !== false) {
    const ttlMs = (config.cacheTtlSeconds ?? 3600) * 1000;
    options.cache = new TieredAnswerCache({ ttlMs, directory: join(cacheDir(io.env), "answers") });
  }
  return options;
}

export async function loadServerMapFile(path: string): Promise<NonNullable<LookupOptions["servers"]>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read --servers file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--servers file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return loadServerMap(json);
}
