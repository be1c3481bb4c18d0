import type { NodeType } from "../types.js";
import { domainDns, domainRegistration, hostAddresses } from "./domain.js";
import { handleResources } from "./handle-resources.js";
import { ipNetwork, networkRegistration } from "./network.js";
import { emailDomainPivot, REVERSE_PIVOTS } from "./reverse.js";
import type { Pivot } from "./types.js";

export type { Pivot, PivotContext } from "./types.js";

/**
 * Every pivot, one row each. Registrars have none on purpose: a registrar is
 * shared by all its customers and says nothing about ownership.
 */
export const PIVOTS: readonly Pivot[] = [
  domainRegistration,
  domainDns,
  hostAddresses,
  ipNetwork,
  networkRegistration,
  handleResources,
  emailDomainPivot,
  ...REVERSE_PIVOTS,
];

export function pivotsFor(type: NodeType): Pivot[] {
  return PIVOTS.filter((pivot) => pivot.from.includes(type));
}
