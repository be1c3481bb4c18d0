import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { LookupOptions } from "../../../../src/lookup/index.js";
import { closeRdapAgents } from "../../../../src/net/index.js";
import { startSandbox, type Sandbox } from "../../../../src/server/index.js";
import { Bootstrap } from "../../../../src/servers/bootstrap.js";
import { loadServerMap } from "../../../../src/servers/server-map.js";
import { Store } from "../../../../src/store/index.js";

export interface SandboxStore {
  sandbox: Sandbox;
  store: Store;
  dir: string;
  /** Lookup options that ask the sandbox's servers only. */
  lookup: Partial<LookupOptions>;
}

/**
 * A sandbox world and a fresh SQLite store for the enclosing `describe`, started before its tests and
 * closed after them; `prepare` fills the store (watch entries) once both are up.
 */
export function sandboxStore(prefix: string, prepare: (fixture: SandboxStore) => Promise<void> = async () => undefined): SandboxStore {
  const fixture = {} as SandboxStore;
  beforeAll(async () => {
    fixture.sandbox = await startSandbox();
    fixture.dir = mkdtempSync(join(tmpdir(), prefix));
    fixture.store = await Store.open(join(fixture.dir, "s.db"));
    fixture.lookup = { servers: loadServerMap(fixture.sandbox.serverMap), bootstrap: Bootstrap.load(fixture.sandbox.bootstrapDir), mappedOnly: true };
    await prepare(fixture);
  }, 30_000);
  afterAll(async () => {
    await closeRdapAgents();
    await fixture.store?.close();
    await fixture.sandbox?.close();
    if (fixture.dir) rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
