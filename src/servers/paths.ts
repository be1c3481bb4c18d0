import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

export type Env = Record<string, string | undefined>;

/**
 * Where whoislens keeps things, one place: an explicit WHOISLENS_* variable wins,
 * else the XDG base directory, else its conventional fallback under $HOME.
 * XDG variables that are not absolute paths are ignored, as the spec says.
 */
export const PATH_DEFAULTS = Object.freeze({
  appName: "whoislens",
  cache: { override: "WHOISLENS_CACHE_DIR", xdg: "XDG_CACHE_HOME", fallback: [".cache"] },
  data: { override: "WHOISLENS_DATA_DIR", xdg: "XDG_DATA_HOME", fallback: [".local", "share"] },
  config: { override: "WHOISLENS_CONFIG", xdg: "XDG_CONFIG_HOME", fallback: [".config"] },
  configFileName: "config.json",
  bootstrapSubdir: "iana-bootstrap",
});

type Place = (typeof PATH_DEFAULTS)["cache"];

function base(env: Env, place: Place): string {
  const xdg = env[place.xdg];
  return xdg !== undefined && xdg !== "" && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), ...place.fallback);
}

function explicit(env: Env, place: Place): string | undefined {
  const value = env[place.override];
  return value !== undefined && value !== "" ? value : undefined;
}

/** Cache: bootstrap copies, answers. */
export function cacheDir(env: Env = process.env): string {
  return explicit(env, PATH_DEFAULTS.cache) ?? join(base(env, PATH_DEFAULTS.cache), PATH_DEFAULTS.appName);
}

/** Data whoislens owns (the store). */
export function dataDir(env: Env = process.env): string {
  return explicit(env, PATH_DEFAULTS.data) ?? join(base(env, PATH_DEFAULTS.data), PATH_DEFAULTS.appName);
}

/** The config file (WHOISLENS_CONFIG names the file itself). */
export function configFile(env: Env = process.env): string {
  return explicit(env, PATH_DEFAULTS.config) ?? join(base(env, PATH_DEFAULTS.config), PATH_DEFAULTS.appName, PATH_DEFAULTS.configFileName);
}

/** Where `whoislens update` keeps the bootstrap copy. */
export function cachedBootstrapDir(env: Env = process.env): string {
  return join(cacheDir(env), PATH_DEFAULTS.bootstrapSubdir);
}
