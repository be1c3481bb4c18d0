/**
 * The second world, RDAP: answers in the style of a ccTLD registry's RDAP service (RFC 9083) that
 * marks withheld contact data with RFC 9537 "redacted" members and empty jCard values (the
 * "emptyValue" method, RFC 9537 §3.2), spells EPP statuses as RFC 8056 words, states DNSSEC in
 * secureDNS, and nests the registrar's abuse contact as an entity of the registrar entity (RFC 9083
 * §5.1, the gTLD RDAP profile's layout). Written for these tests; everything in it is fictional.
 */
export interface RdapDomain {
  name: string;
  statuses: string[];
  expires: string;
  registered: string;
  nameservers: string[];
  signed: boolean;
  registrant: { fn: string; org?: string; adr?: string[]; email?: string; tel?: string; redacted?: ("Registrant Name" | "Registrant Street" | "Registrant Email")[] };
  abuseEmail?: string;
}

function vcard(contact: RdapDomain["registrant"]): unknown[] {
  const props: unknown[][] = [["version", {}, "text", "4.0"], ["fn", {}, "text", contact.fn]];
  if (contact.org) props.push(["org", {}, "text", contact.org]);
  if (contact.adr) props.push(["adr", {}, "text", ["", "", contact.adr[0] ?? "", contact.adr[1] ?? "", "", contact.adr[2] ?? "", contact.adr[3] ?? ""]]);
  if (contact.email !== undefined) props.push(["email", {}, "text", contact.email]);
  if (contact.tel !== undefined) props.push(["tel", { type: "voice" }, "uri", `tel:${contact.tel}`]);
  return ["vcard", props];
}

export function rdapDomain(domain: RdapDomain, base: string): object {
  const registrar: Record<string, unknown> = {
    objectClassName: "entity",
    handle: "EXAMPLE-REGISTRAR",
    roles: ["registrar"],
    vcardArray: vcard({ fn: "Example Registrar Ltd" }),
  };
  if (domain.abuseEmail) registrar.entities = [{ objectClassName: "entity", roles: ["abuse"], vcardArray: vcard({ fn: "Abuse desk", email: domain.abuseEmail }) }];
  return {
    rdapConformance: ["rdap_level_0", "redacted"],
    objectClassName: "domain",
    handle: `${domain.name.toUpperCase().replace(/\./g, "_")}-UK`,
    ldhName: domain.name,
    status: domain.statuses,
    events: [
      { eventAction: "registration", eventDate: domain.registered },
      { eventAction: "expiration", eventDate: domain.expires },
    ],
    nameservers: domain.nameservers.map((ldhName) => ({ objectClassName: "nameserver", ldhName })),
    secureDNS: { delegationSigned: domain.signed },
    entities: [{ objectClassName: "entity", handle: "C-1", roles: ["registrant"], vcardArray: vcard(domain.registrant) }, registrar],
    redacted: (domain.registrant.redacted ?? []).map((name) => ({
      name: { type: name },
      prePath: `$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='${name === "Registrant Name" ? "fn" : name === "Registrant Email" ? "email" : "adr"}')][3]`,
      method: "emptyValue",
      reason: { type: "Server policy" },
    })),
    links: [{ rel: "self", href: `${base}domain/${domain.name}`, type: "application/rdap+json" }],
    port43: "whois.nic.uk",
  };
}
