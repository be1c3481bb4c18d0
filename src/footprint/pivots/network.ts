import type { WhoisRecord } from "../../record/types.js";
import type { Discovery } from "../graph.js";
import { rangeToCidrs, rpslObjects } from "../rpsl-objects.js";
import type { GraphNode } from "../types.js";
import { contactDiscoveries } from "./domain.js";
import type { Pivot, PivotContext } from "./types.js";
import { ownValue } from "../../util/own.js";

/** RIRs whose port-43 servers answer RPSL inverse queries (`-i org`, `-i mnt-by`), by handle suffix. */
const RPSL_INVERSE_SERVERS: Record<string, string> = { RIPE: "whois.ripe.net", AP: "whois.apnic.net", APNIC: "whois.apnic.net", AFRINIC: "whois.afrinic.net" };
/** Inverse attributes to ask for each kind of handle. */
const INVERSE_ATTRIBUTE: [suffix: RegExp, attribute: string][] = [[/-MNT$/i, "mnt-by"], [/^ORG-/i, "org"]];
const RESOURCE_CLASSES: Record<string, "network" | "asn"> = { inetnum: "network", inet6num: "network", "aut-num": "asn", route: "network", route6: "network" };

const HOSTING_CONFIDENCE = 0.3;

function sourceOf(record: WhoisRecord): string {
  return `${record.source.protocol}:${record.source.server} ${record.query}`;
}

function networkValue(record: WhoisRecord): string | undefined {
  const net = record.network;
  return net?.cidrs?.[0] ?? (net?.startAddress && net.endAddress ? rangeToCidrs(`${net.startAddress} - ${net.endAddress}`)[0] : undefined);
}

/**
 * Who holds a network or AS number: the registrant entity (handle) and organisation.
 * The holder is the seed organisation's only when its name or mailboxes match;
 * otherwise it is a hosting provider or ISP, noted and not followed.
 */
function holderDiscoveries(node: GraphNode, record: WhoisRecord, ctx: PivotContext): Discovery[] {
  const source = sourceOf(record);
  const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
  const organization = record.network?.organization ?? registrant?.organization;
  if (node.seed && organization) ctx.identity.addOrganization(organization);
  const ours = !ctx.identity.known || (organization !== undefined && ctx.identity.matchesOrganization(organization)) ||
    (record.contacts ?? []).some((c) => c.email !== undefined && ctx.identity.matchesEmail(c.email));
  if (!ours) {
    ctx.rejudge(node, Math.min(node.confidence, HOSTING_CONFIDENCE), `held by ${organization ?? "another organisation"} (hosting provider or ISP?), not the seed organisation`);
    node.attributes.shared = "yes";
  }
  const weight = ours ? 0.95 : HOSTING_CONFIDENCE;
  const found: Discovery[] = [];
  if (organization) found.push({ type: "organization", value: organization, relation: "held-by", confidence: weight, field: "network.organization", source });
  if (registrant?.handle) {
    found.push({ type: "handle", value: registrant.handle, relation: "registered-to", confidence: weight, field: "contacts[registrant].handle", source, attributes: { server: record.source.server } });
  }
  if (ours) found.push(...contactDiscoveries(record, ["administrative", "technical", "abuse", "noc"], 0.7));
  return found;
}

export const ipNetwork: Pivot = {
  name: "ip.network",
  from: ["ip"],
  description: "look the address up at its RIR: the network that holds it, and that network's holder",
  async run(node, ctx) {
    const record = await ctx.lookup(node.value);
    if (record.status !== "registered") return [];
    const value = networkValue(record);
    const found = holderDiscoveries(node, record, ctx);
    if (!value) return found;
    const attributes: Record<string, string> = { owner: record.network?.organization ?? "", name: record.network?.name ?? "", rir: record.source.server };
    const confidence = node.attributes.shared === "yes" ? HOSTING_CONFIDENCE : 0.95;
    const network: Discovery = { type: "network", value, relation: "in-network", confidence, field: "network.cidrs", source: sourceOf(record), attributes };
    if (node.attributes.shared === "yes") network.notes = [`held by ${record.network?.organization ?? "another organisation"}`];
    return [network, ...found];
  },
};

export const networkRegistration: Pivot = {
  name: "network.registration",
  from: ["network", "asn"],
  description: "look a netblock or AS number up: its holder (skipped when already read with the network)",
  async run(node, ctx) {
    if (node.attributes.owner) return [];
    const record = await ctx.lookup(node.value);
    if (record.status !== "registered") return [];
    if (record.network?.name) node.attributes.name = record.network.name;
    if (record.asn?.name) node.attributes.name = record.asn.name;
    node.attributes.rir = record.source.server;
    return holderDiscoveries(node, record, ctx);
  },
};

function resourceDiscovery(kind: "network" | "asn", value: string, field: string, source: string, attributes: Record<string, string>): Discovery {
  return { type: kind, value, relation: kind === "asn" ? "holds-asn" : "holds-network", confidence: 0.95, field, source, attributes };
}

export const handleResources: Pivot = {
  name: "handle.resources",
  from: ["handle"],
  description: "an organisation's other networks and AS numbers: RPSL inverse queries (RIPE, APNIC, AFRINIC) or the RDAP entity's networks/autnums (ARIN)",
  async run(node, ctx) {
    const suffix = /-([A-Z]+)$/.exec(node.value)?.[1] ?? "";
    const server = ownValue(RPSL_INVERSE_SERVERS, suffix);
    const attribute = INVERSE_ATTRIBUTE.find(([pattern]) => pattern.test(node.value))?.[1];
    if (server && attribute) {
      const request = `-r -i ${attribute} ${node.value}`;
      const answer = await ctx.queryServer(server, request);
      const source = `whois:${server} ${request}`;
      return rpslObjects(answer.text).flatMap((object) => {
        const kind = ownValue(RESOURCE_CLASSES, object.class);
        if (!kind) return [];
        const name = object.attributes.find(([n]) => n === "netname" || n === "as-name")?.[1] ?? "";
        const values = kind === "asn" ? [object.key.toUpperCase()] : rangeToCidrs(object.key);
        return values.map((value) => resourceDiscovery(kind, value, `${object.class} (${attribute}: ${node.value})`, source, { owner: node.value, name, rir: server }));
      });
    }
    const record = await ctx.lookup(node.value);
    const source = sourceOf(record);
    const networks = (record.resources?.networks ?? []).flatMap((net) =>
      (net.cidrs ?? (net.startAddress && net.endAddress ? rangeToCidrs(`${net.startAddress} - ${net.endAddress}`) : [])).map((cidr) =>
        resourceDiscovery("network", cidr, "networks[]", source, { owner: node.value, name: net.name ?? "", rir: record.source.server }),
      ),
    );
    const autnums = (record.resources?.autnums ?? [])
      .filter((asn) => asn.handle !== undefined || asn.start !== undefined)
      .map((asn) => resourceDiscovery("asn", asn.handle ?? `AS${asn.start}`, "autnums[]", source, { owner: node.value, name: asn.name ?? "", rir: record.source.server }));
    return [...networks, ...autnums];
  },
};
