import { describe, expect, it } from "vitest";
import { footprint } from "../../src/footprint/index.js";
import { startWorld } from "./world.js";
import { useServer } from "../helpers/servers.js";

/**
 * The second world: two other holders at an APNIC-style registry (RPSL with descr/remarks, an irt,
 * APNIC-HM beside the holder's MAINT-… maintainer, contacts after the resource) and a LACNIC-style one
 * (owner/ownerid/responsible blocks, YYYYMMDD dates, persons by nic-hdl). Each holds a second block
 * that no address points at: only the organisation's resources reach it. Same expectations over
 * RDAP first and over port 43 only.
 */
const HOLDERS = [
  {
    rir: "APNIC-style",
    seed: "2001:db8:a000::7",
    organization: "Kangaroo Logistics Pty Ltd",
    handle: "ORG-KL1-AP",
    assets: ["2001:db8:a000::/40", "2001:db8:a100::/40", "AS65545"],
    port43: { via: /whois:whois\.apnic\.net -r -i org ORG-KL1-AP/ },
  },
  {
    rir: "LACNIC-style",
    seed: "2001:db8:c000::7",
    organization: "Cooperativa Ejemplo Ltda.",
    handle: "UY-COEJ-LACNIC",
    assets: ["2001:db8:c000::/40", "2001:db8:c100::/40", "AS65540"],
    port43: { via: /whois:whois\.lacnic\.net UY-COEJ-LACNIC/ },
  },
] as const;

const PROTOCOLS = ["auto", "whois"] as const;

describe("footprint in the second world", () => {
  const world = useServer(startWorld);

  describe.each(PROTOCOLS)("--protocol %s", (protocol) => {
    it.each(HOLDERS)("$rir: from one address to the holder's handle, organisation and every resource", async (holder) => {
      const graph = await footprint([holder.seed], { lookup: { ...world().lookup, protocol }, dns: false, depth: 4 });
      const owned = graph.nodes.filter((n) => n.owned);
      const assets = owned.filter((n) => n.type === "network" || n.type === "asn").map((n) => n.value).sort();
      expect(assets).toEqual([...holder.assets].sort());
      expect(owned.filter((n) => n.type === "handle").map((n) => n.value)).toContain(holder.handle);
      expect(owned.filter((n) => n.type === "organization").map((n) => n.value)).toEqual([holder.organization]);
      // The block no address points at is reached through the organisation, in each registry's own way.
      const hidden = graph.edges.find((e) => e.to === `network:${holder.assets[1]}`);
      expect(hidden?.from).toBe(`handle:${holder.handle}`);
      if (protocol === "whois") expect(hidden?.evidence.source).toMatch(holder.port43.via);
      // No registry maintainer, nothing of Acme's.
      expect(graph.nodes.some((n) => n.value === "APNIC-HM" || /acme/i.test(n.value))).toBe(false);
    });

    // The irt (`mnt-irt: IRT-KANGAROO-AU`, its `e-mail:` the abuse mailbox): RDAP's abuse entity, and over port 43 the
    // irt object the answer appends. Before, port 43 read `mnt-irt:` as no contact and the mailbox was RDAP's only.
    it("APNIC-style: the irt's e-mail is the network's abuse contact, from the lookup that found the network", async () => {
      const graph = await footprint(["2001:db8:a000::7"], { lookup: { ...world().lookup, protocol }, dns: false, depth: 1 });
      const edge = graph.edges.find((e) => e.to === "email:abuse@kangaroo-logistics.example");
      expect(edge && { from: edge.from, relation: edge.relation, field: edge.evidence.field }).toEqual({ from: "ip:2001:db8:a000::7", relation: "abuse-email", field: "contacts[abuse].email" });
    });

    // One address per holder, from the sandbox's one table (src/server/dataset/holders.ts) that port 43 writes in each
    // registry's layout and RDAP in the registrant entity's vCard adr (APNIC as a label, as its server sends it). The
    // strings are the footprint's own, written here by hand: street, city, state, postal code as the parser reads them.
    it.each([
      { seed: "198.51.100.7", rir: "ARIN", organization: "Acme Widgets Inc.", address: "100 Example Avenue, Springfield, IL, 62701", country: "US" },
      { seed: "203.0.113.9", rir: "RIPE", organization: "Acme Widgets Europe B.V.", address: "Voorbeeldstraat 1, Amsterdam, 1011 AB", country: "NL" },
      { seed: "2001:db8:a000::7", rir: "APNIC-style", organization: "Kangaroo Logistics Pty Ltd", address: "1 Example Wharf Road, Brisbane QLD 4000", country: "AU" },
      { seed: "2001:db8:c000::7", rir: "LACNIC-style", organization: "Cooperativa Ejemplo Ltda.", address: "Avenida Siempreviva, 742, Montevideo, MO, 11000", country: "UY" },
    ])("$rir: the organisation's address comes with it, the same over this protocol as over the other", async ({ seed, organization, address, country }) => {
      const graph = await footprint([seed], { lookup: { ...world().lookup, protocol }, dns: false, depth: 2 });
      const node = graph.nodes.find((n) => n.type === "organization" && n.value === organization);
      expect({ address: node?.attributes.address, country: node?.attributes.country }).toEqual({ address, country });
    });
  });
});
