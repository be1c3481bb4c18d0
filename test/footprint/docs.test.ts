import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PIVOTS } from "../../src/footprint/index.js";

describe("docs/footprint.md", () => {
  const docs = readFileSync(new URL("../../docs/footprint.md", import.meta.url), "utf8");
  const table = docs.split("## Pivots")[1]?.split("## Judgement")[0] ?? "";
  const documented = [...table.matchAll(/`([a-z]+\.[a-z]+)`/g)].map((m) => m[1]);

  it("documents every pivot of the table, and no other", () => {
    expect([...new Set(documented)].sort()).toEqual(PIVOTS.map((p) => p.name).sort());
  });
});
