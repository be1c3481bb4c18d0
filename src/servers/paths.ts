import { homedir } from "node:os";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

/** Where whoislens keeps its cache (bootstrap copies, answers): XDG base directories. */
export function cacheDir(env: Env = process.env): string {
  return env.WHOISLENS_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "whoislens");
}

/** Where whoislens keeps data it owns (the store). */
export function dataDir(env: Env = process.env): string {
  return env.WHOISLENS_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "whoislens");
}

/** The default config file. */
export function configFile(env: Env = process.env): string {
  return env.WHOISLENS_CONFIG ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "whoislens", "config.json");
}

export function cachedBootstrapDir(env: Env = process.env): string {
  return join(cacheDir(env), "iana-bootstrap");
}
