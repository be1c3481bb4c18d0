import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWhoislensError } from "../src/errors.js";
import { dataPath, findPackageRoot, packageRoot } from "../src/paths.js";
import { SHIPPED_BOOTSTRAP_DIR } from "../src/servers/bootstrap.js";
import { LISTS_DIR, RULES_DIR } from "../src/detect/rules/index.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");

describe("package root: found by walking up, whatever the module's depth", () => {
  let tree: string;
  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), "whoislens-paths-"));
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it("is this checkout from src/, dist/ and dist/bundle/ alike", () => {
    expect(packageRoot()).toBe(ROOT);
    for (const from of ["src/servers/bootstrap.ts", "dist/servers/bootstrap.js", "dist/bundle/chunk-ABC.js", "dist/detect/rules/load.js"]) {
      expect(findPackageRoot(pathToFileURL(join(ROOT, from))), from).toBe(ROOT);
      expect(findPackageRoot(join(ROOT, from)), from).toBe(ROOT);
    }
  });

  it("the shipped data constants point at the data/ folders that exist", () => {
    expect(SHIPPED_BOOTSTRAP_DIR).toBe(join(ROOT, "data/iana-bootstrap"));
    expect(RULES_DIR).toBe(join(ROOT, "data/detect-rules"));
    expect(LISTS_DIR).toBe(join(ROOT, "data/detect-lists"));
    expect(dataPath("iana-bootstrap", "dns.json")).toBe(join(ROOT, "data/iana-bootstrap/dns.json"));
    for (const dir of [SHIPPED_BOOTSTRAP_DIR, RULES_DIR, LISTS_DIR]) expect(existsSync(dir), dir).toBe(true);
  });

  it("skips a package.json of another name, and one without data/ beside it", () => {
    // tree/pkg: whoislens with data/ → the root. tree/pkg/node_modules/other: another package with data/.
    // tree/pkg/dist: a whoislens package.json without data/ (not a root).
    const pkg = join(tree, "pkg");
    mkdirSync(join(pkg, "data"), { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "whoislens" }));
    const other = join(pkg, "node_modules/other");
    mkdirSync(join(other, "data"), { recursive: true });
    mkdirSync(join(other, "lib"), { recursive: true });
    writeFileSync(join(other, "package.json"), JSON.stringify({ name: "other" }));
    mkdirSync(join(pkg, "dist/bundle"), { recursive: true });
    writeFileSync(join(pkg, "dist/package.json"), JSON.stringify({ name: "whoislens" }));
    expect(findPackageRoot(join(other, "lib/index.js"))).toBe(pkg);
    expect(findPackageRoot(pathToFileURL(join(pkg, "dist/bundle/main.js")))).toBe(pkg);
  });

  it("a broken package.json is not a root, and no root at all is a ConfigError naming where it looked", () => {
    const lost = join(tree, "lost/a/b");
    mkdirSync(join(tree, "lost/data"), { recursive: true });
    mkdirSync(lost, { recursive: true });
    writeFileSync(join(tree, "lost/package.json"), "{ not json");
    let caught: unknown;
    try {
      findPackageRoot(join(lost, "x.js"));
    } catch (error) {
      caught = error;
    }
    expect(isWhoislensError(caught) && caught.code).toBe("WL_ERR_CONFIG");
    expect((caught as Error).message).toContain(lost);
  });
});
