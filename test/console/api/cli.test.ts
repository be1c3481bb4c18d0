import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { fakeIO, runCli } from "../../helpers/cli.js";

describe("whoislens console (CLI)", () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "wl-console-cli-"));
    store = join(dir, "store.db");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("token add prints the token once; list shows names and ids, never secrets or digests; remove takes it away", async () => {
    const added = await runCli(["console", "token", "add", "analyst-1", "--store", store]);
    expect(added.code).toBe(0);
    const token = added.stdout.trim();
    expect(token).toMatch(/^wlc_[A-Za-z0-9_-]{43}$/);
    expect(added.stderr).toMatch(/shown only now/);
    const again = await runCli(["console", "token", "add", "analyst-1", "--store", store]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/WL_ERR_INVALID_OPTION: a token named "analyst-1" already exists/);
    const bad = await runCli(["console", "token", "add", "../x", "--store", store]);
    expect(bad.code).toBe(2);
    const listed = await runCli(["console", "token", "list", "--store", store]);
    expect(listed.stdout).toMatch(/^[0-9a-f]{12}\tanalyst-1\t\d{4}-/);
    expect(listed.stdout).not.toContain(token);
    const { createHash } = await import("node:crypto");
    expect(listed.stdout).not.toContain(createHash("sha256").update(token).digest("hex"));
    expect((await runCli(["console", "token", "remove", "analyst-1", "--store", store])).code).toBe(0);
    expect((await runCli(["console", "token", "list", "--store", store])).stdout).toBe("");
    const missing = await runCli(["console", "token", "remove", "analyst-1", "--store", store]);
    expect(missing.code).toBe(2);
  });

  it("console --sandbox --port 0 serves the API with a token made by the CLI, and stops on interrupt", async () => {
    const token = (await runCli(["console", "token", "add", "ops", "--store", store])).stdout.trim();
    const io = fakeIO();
    const done = main(["console", "--sandbox", "--port", "0", "--store", store], io);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      url = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(io.out.join(""))?.[1];
    }
    expect(url, io.err.join("")).toBeDefined();
    const lookup = await fetch(`${url}/api/lookup`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ query: "example.com" }) });
    expect(lookup.status, await lookup.clone().text()).toBe(200);
    expect(((await lookup.json()) as { record: { status: string } }).record.status).toBe("registered");
    expect((await fetch(`${url}/api/alerts`)).status).toBe(401);
    io.interrupt();
    expect(await done).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  }, 30_000);

  it("a port already taken is a usage error naming it, not a crash", async () => {
    const { createServer } = await import("node:net");
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runCli(["console", "--port", String(port), "--store", store]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`WL_ERR_INVALID_OPTION: --host/--port: cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
    } finally {
      taken.close();
    }
  });

  it("refuses bad limits before starting anything", async () => {
    const run = await runCli(["console", "--port", "70000", "--store", store]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--port needs a whole number from 0 to 65535/);
    expect((await runCli(["console", "--rate-limit", "0", "--store", store])).stderr).toMatch(/--rate-limit/);
  });
});
