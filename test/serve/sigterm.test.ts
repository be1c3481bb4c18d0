import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { QueryLogEntry } from "../../src/serve/contract.js";
import { Store } from "../../src/store/store.js";
import { BIN } from "../helpers/spawn-cli.js";
import { whoisFrom } from "./clients-abusive.js";

// Graceful shutdown of the real process: SIGTERM stops both servers, flushes the query log (written in
// batches) and the accounting (written every --flush-interval, here never before shutdown), exit 0.
it("the built CLI flushes the query log and the accounting on SIGTERM", async () => {
  const work = mkdtempSync(join(tmpdir(), "wl-serve-sigterm-"));
  try {
    const log = join(work, "q.ndjson");
    const store = join(work, "s.db");
    const child = spawn(process.execPath, [BIN, "serve", "--decoy", "--whois-port", "0", "--rdap-port", "0", "--query-log", log, "--store", store, "--flush-interval", "3600000"], {
      env: { ...process.env, XDG_DATA_HOME: work, XDG_CONFIG_HOME: join(work, "none") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = await new Promise<{ whois: string }>((resolve, reject) => {
      child.stdout.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { whois: string }));
      child.once("exit", () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const port = Number(ready.whois.split(":").at(-1));
    expect((await whoisFrom(port, "127.0.0.8", "northwind-payroll.example")).text).toContain("Domain Name: NORTHWIND-PAYROLL.EXAMPLE");
    expect((await whoisFrom(port, "127.0.0.8", "NP-DANA")).text).toContain("nic-hdl:        NP-DANA");
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (exit) => resolve(exit));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    const lines = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as QueryLogEntry);
    expect(lines.map((l) => [l.sourceKey, l.objectKey, l.decoy, l.personalObjects])).toEqual([["127.0.0.8", "northwind-payroll.example", true, 2], ["127.0.0.8", "NP-DANA", true, 1]]);
    const reopened = await Store.open(store);
    try {
      const row = await reopened.db.selectFrom("serve_accounting").selectAll().where("source_key", "=", "127.0.0.8").executeTakeFirstOrThrow();
      expect(JSON.parse(row.state)).toMatchObject({ dayQueries: 2, dayPersonal: 3 });
    } finally {
      await reopened.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
