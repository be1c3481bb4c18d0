import { describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { Bootstrap } from "../../src/servers/bootstrap.js";
import { loadServerMap } from "../../src/servers/server-map.js";
import { useSandbox } from "../helpers/built-cli.js";

const sandbox = useSandbox();

/** describe() is what the demo and other tests rely on: each listed outcome must be what lookup() gets. */
describe("describe() outcomes hold for the lookup engine", () => {
  it("every domain, IP, CIDR, ASN and handle ends with its listed status", async () => {
    const names = sandbox().describe().filter((n) => ["domain", "ip", "cidr", "asn", "handle"].includes(n.kind));
    const outcomes: string[] = [];
    for (const name of names) {
      const options = { servers: loadServerMap(sandbox().serverMap), bootstrap: Bootstrap.load(sandbox().bootstrapDir), mappedOnly: true, hopTimeoutMs: 1500 };
      let got: string;
      try {
        got = (await lookup(name.query, options)).status;
      } catch (error) {
        got = (error as { code?: string }).code ?? String(error);
      }
      outcomes.push(`${name.query}: ${got}`);
    }
    expect(outcomes).toEqual(names.map((n) => `${n.query}: ${n.expect}`));
  });
});
