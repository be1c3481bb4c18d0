import type { WhoisRecord } from "../../record/types.js";
import { rirRdapBase } from "../../servers/whois-servers.js";
import type { Discovery } from "../graph.js";
import { unusableReason } from "../judge.js";
import { answerStyle } from "../port43-holder.js";
import { MAX_RPSL_OBJECTS, rangeToCidrs } from "../rpsl-objects.js";
import type { GraphNode } from "../types.js";
import { inverseQueryFor, type InverseQuery } from "./inverse-queries.js";
import { addressOf, answeredBy, holderOf, sourceOf } from "./network.js";
import type { Pivot, PivotContext } from "./types.js";

/** Resources kept from one answer about an organisation (the answer itself is capped at 1 MiB by the transport). */
const MAX_RESOURCES = 1000;

/** The inverse query a port-43 answer about the handle itself calls for: when it names the handle as its holder's. */
function inverseFromAnswer(handle: string, record: WhoisRecord): InverseQuery | undefined {
  if (holderOf(record)?.handle?.toUpperCase() !== handle.toUpperCase()) return undefined;
  const layout = record.raw !== undefined ? answerStyle(record.raw) : undefined;
  return inverseQueryFor(handle, { server: answeredBy(record), kind: "organisation", ...(layout !== undefined ? { style: layout } : {}) });
}

function resourceDiscovery(kind: "network" | "asn", value: string, field: string, source: string, attributes: Record<string, string>): Discovery {
  return { type: kind, value, relation: kind === "asn" ? "holds-asn" : "holds-network", confidence: 0.95, field, source, attributes };
}

/** What an inverse query about the handle lists: the holder's resources (an organisation's) or objects to check (a maintainer's, a role's). */
async function inverseResources(node: GraphNode, inverse: InverseQuery, ctx: PivotContext): Promise<Discovery[]> {
  const answer = await ctx.queryServer(inverse.server, inverse.request);
  const source = `whois:${inverse.server} ${inverse.request}`;
  // What an organisation handle lists is the organisation's; a maintainer's or role's objects are checked against their holder.
  const owned = inverse.kind === "organisation";
  const resources = inverse.style.read(answer.text);
  // An LIR's maintainer or NOC role holds its customers' objects too: past the fan-out limit, noted and not followed.
  if (!owned && resources.length > ctx.fanOut) {
    node.notes.push(`${inverse.request}: ${resources.length} objects, more than --fan-out ${ctx.fanOut}: not followed`);
    return [];
  }
  // The answer itself may have been cut at the transport's size cap (--max-bytes) or the reader's object cap:
  // then the holder has more than were listed, and the note says "at least".
  // (ARIN's summary lines are not RPSL objects: the object cap is not theirs.)
  const cut = answer.record.warnings?.some((w) => w.code === "WL_WARN_TRUNCATED") === true || (inverse.style.name !== "arin" && resources.length >= MAX_RPSL_OBJECTS);
  const listed = `${cut ? "at least " : ""}${resources.length} resources listed${cut ? " (answer cut off at a size cap)" : ""}`;
  if (resources.length > MAX_RESOURCES || cut) node.notes.push(`${inverse.request}: ${listed}, the first ${Math.min(MAX_RESOURCES, resources.length)} kept`);
  return resources.slice(0, MAX_RESOURCES).map((resource) =>
    resourceDiscovery(resource.kind, resource.value, `${resource.field} (${inverse.request})`, source, {
      ...(owned ? { owner: node.value } : { via: node.value }), name: resource.name, rir: inverse.server,
    }),
  );
}

/**
 * A seed handle's own organisation (ORG-TL1-AP is "Tasman Lighthouse Ltd"): the contact of the answer about the
 * handle that carries it, over RDAP (the entity's vCard) and port 43 (the organisation object, ARIN's OrgName) alike.
 * Only for seeds: a handle met later was read beside its holder's name already.
 */
function ownName(node: GraphNode, record: WhoisRecord, ctx: PivotContext): Discovery[] {
  if (!node.seed) return [];
  const own = record.contacts?.find((c) => c.handle?.toUpperCase() === node.value.toUpperCase());
  const name = own?.organization ?? own?.name;
  if (own === undefined || name === undefined || unusableReason("organization", name) !== undefined) return [];
  ctx.identity.addOrganization(name);
  const address = addressOf(own);
  const country = own.countryCode ?? own.country;
  const attributes: Record<string, string> = { ...(address ? { address } : {}), ...(country ? { country } : {}) };
  return [{ type: "organization", value: name, relation: "handle-of", confidence: 0.95, field: `contacts[${own.handle ?? node.value}].${own.organization ? "organization" : "name"}`, source: sourceOf(record), attributes }];
}

export const handleResources: Pivot = {
  name: "handle.resources",
  from: ["handle"],
  description: "an organisation's other networks and AS numbers: port-43 inverse queries (RPSL -i org/mnt-by, ARIN o ! >, LACNIC ownerid) or the RDAP entity's networks/autnums",
  async run(node, ctx) {
    const { server, kind, style } = node.attributes;
    const inverse = inverseQueryFor(node.value, { ...(server ? { server } : {}), ...(kind ? { kind } : {}), ...(style ? { style } : {}) });
    if (inverse && !(inverse.style.rdapEntity && ctx.protocol !== "whois")) {
      // A seed's own name takes one more question (the inverse answer lists what refers to it, not the handle itself).
      const named = node.seed ? ownName(node, await ctx.lookup(node.value), ctx) : [];
      return [...named, ...(await inverseResources(node, inverse, ctx))];
    }
    // The registry that named the handle answers for it: its RDAP base, since an untagged handle (ARIN's
    // OrgIds) has no bootstrap entry of its own.
    const rdapUrl = node.attributes.server !== undefined ? rirRdapBase(node.attributes.server) : undefined;
    const record = await ctx.lookup(node.value, rdapUrl !== undefined ? { rdapUrl } : undefined);
    // A handle whose spelling names no registry (ARIN's OrgIds: RWC-42) asked over port 43: the answer says what it
    // is (the holder's own handle) and which registry holds it; the inverse query goes there.
    const learned = record.source.protocol === "whois" ? inverseFromAnswer(node.value, record) : undefined;
    if (learned !== undefined) return [...ownName(node, record, ctx), ...(await inverseResources(node, learned, ctx))];
    const source = sourceOf(record);
    const networks = (record.resources?.networks ?? []).flatMap((net) =>
      (net.cidrs ?? (net.startAddress && net.endAddress ? rangeToCidrs(`${net.startAddress} - ${net.endAddress}`) : [])).map((cidr) =>
        resourceDiscovery("network", cidr, "networks[]", source, { owner: node.value, name: net.name ?? "", rir: record.source.server }),
      ),
    );
    const autnums = (record.resources?.autnums ?? [])
      .filter((asn) => asn.handle !== undefined || asn.start !== undefined)
      .map((asn) => resourceDiscovery("asn", asn.handle ?? `AS${asn.start}`, "autnums[]", source, { owner: node.value, name: asn.name ?? "", rir: record.source.server }));
    // The RDAP entity's lists are capped like an inverse answer (the body itself at 1 MiB by the transport).
    const resources = [...autnums, ...networks];
    const cut = (record.warnings ?? []).filter((w) => w.code === "WL_WARN_TRUNCATED").map((w) => w.message);
    if (cut.length > 0) node.notes.push(`${source}: ${cut.join("; ")}`);
    if (resources.length > MAX_RESOURCES) node.notes.push(`${source}: ${resources.length} resources listed, the first ${MAX_RESOURCES} kept`);
    return [...ownName(node, record, ctx), ...resources.slice(0, MAX_RESOURCES)];
  },
};
