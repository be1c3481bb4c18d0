import { isHandle, type HolderHandleKind } from "../port43-holder.js";
import { arinSummaryResources, port43Resources, type Port43Resource } from "../port43-resources.js";

/**
 * How each registry answers "what else does this holder have?" over port 43: the
 * request per kind of handle and how the answer lists resources. One row per
 * registry style, with the document it follows. Data, so a registry is a row.
 */
export interface InverseStyle {
  name: "rpsl" | "arin" | "lacnic";
  servers: readonly string[];
  /** The request for each kind of handle; a kind without one is not asked about. */
  requests: Partial<Record<HolderHandleKind, (handle: string) => string>>;
  /** Whether RDAP's entity (RFC 9083 §5.1 networks/autnums) answers the same question when RDAP is allowed. */
  rdapEntity: boolean;
  read(text: string): Port43Resource[];
  source: string;
}

export const INVERSE_STYLES: readonly InverseStyle[] = [
  {
    name: "rpsl",
    servers: ["whois.ripe.net", "whois.apnic.net", "whois.afrinic.net"],
    // -r: no contact objects appended (they are not resources, and RIPE counts them against a daily quota).
    // -B is not needed: filtering hides e-mail and notify attributes, never an object's key.
    requests: {
      organisation: (handle) => `-r -i org ${handle}`,
      maintainer: (handle) => `-r -i mnt-by ${handle}`,
      role: (handle) => `-r -i admin-c,tech-c ${handle}`,
    },
    rdapEntity: false,
    read: port43Resources,
    source: "RIPE Database Query Reference Manual, 'Inverse Queries' (-i attribute[,attribute] key; -r); APNIC and AFRINIC run the same software",
  },
  {
    name: "arin",
    servers: ["whois.arin.net"],
    requests: { organisation: (handle) => `o ! > ${handle}` },
    rdapEntity: true,
    read: arinSummaryResources,
    source: "ARIN 'Searching Whois Using a CLI' (arin.net/resources/registry/whois/rws/cli/): o = organisation, ! = by handle, > = its related records, listed as summary lines",
  },
  {
    name: "lacnic",
    servers: ["whois.lacnic.net"],
    requests: { organisation: (handle) => handle },
    rdapEntity: true,
    read: port43Resources,
    source: "LACNIC WHOIS (lacnic.net/1040): the ownerid as the query; the owner answer lists its aut-num: and inetnum: lines (registro.br layout)",
  },
];

/** Which port-43 server holds a handle, by the registry's suffix, for handles met without their server (seeds, RDAP). */
const SERVER_BY_SUFFIX: readonly [suffix: RegExp, server: string][] = [
  [/-RIPE$/i, "whois.ripe.net"],
  [/-AP$/i, "whois.apnic.net"],
  [/-APNIC$/i, "whois.apnic.net"],
  [/-AFRINIC$/i, "whois.afrinic.net"],
  [/-ARIN$/i, "whois.arin.net"],
  [/-LACNIC$/i, "whois.lacnic.net"],
];

/** The kind of a handle met without its attribute, by how registries spell them. */
const KIND_BY_SPELLING: readonly [pattern: RegExp, kind: HolderHandleKind][] = [
  [/^ORG-/i, "organisation"],
  [/-MNT$/i, "maintainer"],
  [/^MAINT-/i, "maintainer"],
  [/-(?:ARIN|LACNIC)$/i, "organisation"],
];

const KINDS: readonly HolderHandleKind[] = ["organisation", "maintainer", "role"];

export interface InverseQuery {
  style: InverseStyle;
  server: string;
  request: string;
  kind: HolderHandleKind;
}

/** The port-43 question to ask about a handle, or undefined when no registry answers one for it. */
export function inverseQueryFor(handle: string, known: { server?: string; kind?: string; style?: string }): InverseQuery | undefined {
  // The handle comes from an answer (RDAP JSON, port-43 text) or a seed: only a registry handle's characters, first
  // an alphanumeric, may stand in a request (a space, a leading "-" or a line break would add flags or a second query).
  if (!isHandle(handle)) return undefined;
  // The server that named the handle answers for it when a style row names it or its answer's layout gave one;
  // otherwise the handle's suffix says where it lives.
  const named = known.server;
  const answers = named !== undefined && (known.style !== undefined || INVERSE_STYLES.some((style) => style.servers.includes(named)));
  const server = answers ? named : SERVER_BY_SUFFIX.find(([suffix]) => suffix.test(handle))?.[1];
  const kind = KINDS.find((k) => k === known.kind) ?? KIND_BY_SPELLING.find(([pattern]) => pattern.test(handle))?.[1];
  // A server no row names answers in the style its answer was read in (`known.style`, e.g. RPSL from `-h`).
  const style = INVERSE_STYLES.find((row) => server !== undefined && row.servers.includes(server)) ?? INVERSE_STYLES.find((row) => row.name === known.style && known.server === server);
  const request = kind ? style?.requests[kind]?.(handle) : undefined;
  return style && server && kind && request ? { style, server, request, kind } : undefined;
}
