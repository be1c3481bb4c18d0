import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { datasetFromStore } from "../../src/serve/store-dataset.js";
import { validateDataset } from "../../src/serve/load.js";
import { Store } from "../../src/store/store.js";
import { registryDataset, serveOnLoopback, type Running } from "./helpers.js";

// `serve --store` re-publishes what was collected: records looked up from one server, stored, then
// served again, read back by the same client into the same values.

let work: string;
const running: Running[] = [];
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "wl-serve-store-"));
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
  rmSync(work, { recursive: true, force: true });
});

it("stored records (domain, network, AS) are served again with the values they were collected with", async () => {
  const origin = await serveOnLoopback(registryDataset());
  running.push(origin);
  const store = await Store.open(join(work, "store.db"));
  try {
    const now = new Date().toISOString();
    await store.beginRun("r1", "test", "{}", now);
    const ask = (query: string, port: number) => lookup(query, { protocol: "whois", host: "127.0.0.1", port, allowPrivate: true, followReferrals: false });
    for (const query of ["widgets.example", "198.51.100.9", "AS64496"]) await store.saveRecord("r1", query, await ask(query, origin.whoisPort), undefined, now);
    const { dataset, skipped } = await datasetFromStore(store.db);
    expect(skipped).toBe(0);
    const republished = await serveOnLoopback(validateDataset(dataset));
    running.push(republished);
    const domain = await ask("widgets.example", republished.whoisPort);
    expect(domain.registrar?.name).toBe("Test Registrar Inc.");
    expect(domain.dates?.created?.slice(0, 10)).toBe("2015-06-01");
    expect(domain.nameservers?.map((ns) => ns.name)).toEqual(["ns1.widgets.example", "ns2.widgets.example"]);
    expect(domain.contacts?.find((c) => c.roles.includes("registrant"))?.email).toBe("alice@widgets.example");
    expect((await ask("198.51.100.200", republished.whoisPort)).network?.name).toBe("WIDGETS-NET");
    expect((await ask("AS64496", republished.whoisPort)).asn?.name).toBe("WIDGETS-AS");
  } finally {
    await store.close();
  }
});
