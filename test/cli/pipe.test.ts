import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { closeAfterFirstChunk } from "../helpers/spawn-cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("a reader that goes away (whoislens … | head)", () => {
  it("ends parse --batch quietly with exit 0, no stack trace and no error line", async () => {
    expect(existsSync(join(ROOT, "dist/cli/main.js")), "run `npm run build` first (npm test does)").toBe(true);
    const line = `${JSON.stringify({ id: 1, server: "whois.verisign-grs.com", text: "Domain Name: EXAMPLE.COM\nRegistrar: Example Registrar\n" })}\n`;
    const run = await closeAfterFirstChunk(["parse", "--batch"], line.repeat(50_000));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });
});
