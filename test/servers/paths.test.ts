import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir, cachedBootstrapDir, configFile, dataDir } from "../../src/servers/index.js";

describe("paths", () => {
  it.each([
    [{ WHOISLENS_CACHE_DIR: "/tmp/wl", XDG_CACHE_HOME: "/x" }, "/tmp/wl"],
    [{ XDG_CACHE_HOME: "/xdg/cache" }, "/xdg/cache/whoislens"],
    [{ XDG_CACHE_HOME: "relative/cache", HOME: "/home/u" }, "/home/u/.cache/whoislens"],
    [{ HOME: "/home/u" }, "/home/u/.cache/whoislens"],
    [{ WHOISLENS_CACHE_DIR: "" , HOME: "/home/u" }, "/home/u/.cache/whoislens"],
  ])("cacheDir(%j) → %s", (env, expected) => {
    expect(cacheDir(env)).toBe(expected);
  });

  it("derives data, config and bootstrap locations the same way", () => {
    expect(dataDir({ XDG_DATA_HOME: "/d" })).toBe("/d/whoislens");
    expect(dataDir({ WHOISLENS_DATA_DIR: "/store" })).toBe("/store");
    expect(configFile({ XDG_CONFIG_HOME: "/c" })).toBe("/c/whoislens/config.json");
    expect(configFile({ WHOISLENS_CONFIG: "/etc/wl.json" })).toBe("/etc/wl.json");
    expect(cachedBootstrapDir({ WHOISLENS_CACHE_DIR: "/tmp/wl" })).toBe("/tmp/wl/iana-bootstrap");
    expect(cacheDir({})).toBe(join(homedir(), ".cache", "whoislens"));
  });
});
