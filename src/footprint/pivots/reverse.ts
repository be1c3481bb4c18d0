import type { Discovery } from "../graph.js";
import { emailDomain, isFreeEmailDomain, organizationTokens, unusableReason } from "../judge.js";
import type { ReverseField } from "../sources/index.js";
import type { GraphNode, NodeType } from "../types.js";
import type { Pivot, PivotContext } from "./types.js";

/** How strongly sharing each attribute ties two domains to one owner. */
const REVERSE_CONFIDENCE: Record<ReverseField, number> = { email: 0.9, organization: 0.85, phone: 0.7, nameserver: 0.6, person: 0.4 };
const SEED_REVERSE_CONFIDENCE = 0.7;
/** A found domain whose source names a different registrant keeps this share of the confidence. */
const OTHER_REGISTRANT_FACTOR = 0.3;
/** An attribute used by domains of this many organisations other than the seed's is shared infrastructure. */
const SHARED_BY_ORGANISATIONS = 2;

function reversePivot(type: NodeType, field: ReverseField): Pivot {
  return {
    name: `${type}.reverse`,
    from: [type],
    description: `other domains whose records share this ${field} (local store first, then configured reverse-WHOIS APIs)`,
    async run(node, ctx) {
      if (node.attributes.shared === "yes") return [];
      const outcome = await ctx.reverse.search(field, node.value, ctx.fanOut);
      for (const note of outcome.notes) if (!node.notes.includes(note)) node.notes.push(note);
      node.attributes.sharedBy = String(outcome.total);
      if (outcome.overFanOut) {
        node.notes.push(`shared by ${outcome.total} domains (fan-out limit ${ctx.fanOut}): noted, not followed`);
        node.attributes.shared = "yes";
        return [];
      }
      const others = otherOrganisations(outcome.matches.map((m) => m.registrantOrganization), ctx);
      if (others.length >= SHARED_BY_ORGANISATIONS + (ctx.identity.hasOrganizations ? 0 : 1)) {
        node.notes.push(`used by domains of ${others.length} other organisations (${others.slice(0, 3).join(", ")}…): shared infrastructure, not followed`);
        node.attributes.shared = "yes";
        return [];
      }
      // A seed is the user's own assertion ("this person", "this phone"): its matches are not discounted as much.
      const base = node.seed ? Math.max(REVERSE_CONFIDENCE[field], SEED_REVERSE_CONFIDENCE) : REVERSE_CONFIDENCE[field];
      return outcome.matches.map((match): Discovery => {
        const foreign = match.registrantOrganization !== undefined && ctx.identity.hasOrganizations && !ctx.identity.matchesOrganization(match.registrantOrganization) && !unusableReason("organization", match.registrantOrganization);
        return {
          type: "domain", value: match.domain, relation: `shares-${field}`, confidence: foreign ? base * OTHER_REGISTRANT_FACTOR : base,
          field: field, source: `reverse-whois:${match.source} ${field}=${node.value}`,
        };
      });
    },
  };
}

/** Distinct identifiable registrant organisations that are not the seed's. */
function otherOrganisations(organizations: (string | undefined)[], ctx: PivotContext): string[] {
  const distinct = new Map<string, string>();
  for (const organization of organizations) {
    if (organization === undefined || unusableReason("organization", organization) || ctx.identity.matchesOrganization(organization)) continue;
    distinct.set(organizationTokens(organization).join(" "), organization);
  }
  return [...distinct.values()];
}

export const REVERSE_PIVOTS: Pivot[] = [
  reversePivot("email", "email"),
  reversePivot("organization", "organization"),
  reversePivot("phone", "phone"),
  reversePivot("nameserver", "nameserver"),
  reversePivot("person", "person"),
];

export const emailDomainPivot: Pivot = {
  name: "email.domain",
  from: ["email"],
  description: "the domain of a mailbox (not free-mail providers)",
  async run(node: GraphNode) {
    const domain = emailDomain(node.value);
    if (!domain || isFreeEmailDomain(domain)) return [];
    return [{ type: "domain", value: domain, relation: "mailbox-domain", confidence: 0.7, field: "email", source: `email ${node.value}` }];
  },
};
