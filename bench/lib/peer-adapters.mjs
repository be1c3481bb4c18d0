// Map peers' parser output onto the normalized record so the same scorer judges them.
// Only fields a peer actually produces are mapped; nothing is inferred for them.
const iso = (value) => {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(".000Z", "Z");
};
const list = (value) => (Array.isArray(value) ? value : typeof value === "string" && value !== "" ? value.split(/\s+/) : []);
const first = (value) => (Array.isArray(value) ? value[0] : value);
const ROLES = { Registrant: "registrant", Admin: "administrative", Tech: "technical", Billing: "billing" };
const FIELDS = { Name: "name", Organization: "organization", Email: "email", Phone: "phone", Fax: "fax", City: "city", "State/Province": "state", "Postal Code": "postalCode", Country: "countryCode" };

function base(server, query) {
  return { query: query ?? "", kind: "domain", status: "unknown", source: { protocol: "whois", server } };
}

function finish(record) {
  if (record.domain || record.dates?.created || record.nameservers?.length) record.status = "registered";
  return record;
}

export function fromWhoiser(parsed, server, query) {
  const record = base(server, query);
  const name = first(parsed["Domain Name"]);
  if (name) record.domain = { name: String(name).toLowerCase() };
  if (record.domain && parsed["Registry Domain ID"]) record.domain.handle = first(parsed["Registry Domain ID"]);
  const dates = { created: iso(first(parsed["Created Date"])), updated: iso(first(parsed["Updated Date"])), expires: iso(first(parsed["Expiry Date"])) };
  for (const key of Object.keys(dates)) if (dates[key] === undefined) delete dates[key];
  if (Object.keys(dates).length) record.dates = dates;
  const registrar = { name: first(parsed.Registrar), url: first(parsed["Registrar URL"]), ianaId: first(parsed["Registrar IANA ID"]) };
  for (const key of Object.keys(registrar)) if (!registrar[key]) delete registrar[key];
  if (Object.keys(registrar).length) record.registrar = registrar;
  const statuses = list(parsed["Domain Status"]);
  if (statuses.length) record.statuses = statuses;
  const ns = list(parsed["Name Server"]).map((n) => ({ name: String(n).toLowerCase() }));
  if (ns.length) record.nameservers = ns;
  const contacts = [];
  for (const [prefix, role] of Object.entries(ROLES)) {
    const contact = { roles: [role] };
    for (const [suffix, field] of Object.entries(FIELDS)) {
      const value = first(parsed[`${prefix} ${suffix}`]);
      if (value) contact[field] = value;
    }
    const street = parsed[`${prefix} Street`];
    if (street) contact.street = Array.isArray(street) ? street : [street];
    if (Object.keys(contact).length > 1) contacts.push(contact);
  }
  if (contacts.length) record.contacts = contacts;
  return finish(record);
}

const CAMEL_ROLES = { registrant: "registrant", admin: "administrative", tech: "technical", billing: "billing" };
const CAMEL_FIELDS = { Name: "name", Organization: "organization", Email: "email", Phone: "phone", Fax: "fax", City: "city", StateProvince: "state", PostalCode: "postalCode", Country: "countryCode", Street: "street" };

export function fromWhoisJson(parsed, server, query) {
  const record = base(server, query);
  if (parsed.domainName) record.domain = { name: String(parsed.domainName).toLowerCase() };
  if (record.domain && parsed.registryDomainId) record.domain.handle = parsed.registryDomainId;
  const dates = {
    created: iso(parsed.creationDate ?? parsed.createdDate),
    updated: iso(parsed.updatedDate),
    expires: iso(parsed.registryExpiryDate ?? parsed.registrarRegistrationExpirationDate ?? parsed.expirationDate),
  };
  for (const key of Object.keys(dates)) if (dates[key] === undefined) delete dates[key];
  if (Object.keys(dates).length) record.dates = dates;
  const registrar = { name: parsed.registrar, url: parsed.registrarUrl, ianaId: parsed.registrarIanaId };
  for (const key of Object.keys(registrar)) if (!registrar[key]) delete registrar[key];
  if (Object.keys(registrar).length) record.registrar = registrar;
  const statuses = list(parsed.domainStatus).filter((s) => !/^https?:/.test(s));
  if (statuses.length) record.statuses = statuses;
  const ns = list(parsed.nameServer).map((n) => ({ name: String(n).toLowerCase() }));
  if (ns.length) record.nameservers = ns;
  const contacts = [];
  for (const [prefix, role] of Object.entries(CAMEL_ROLES)) {
    const contact = { roles: [role] };
    for (const [suffix, field] of Object.entries(CAMEL_FIELDS)) {
      const value = parsed[`${prefix}${suffix}`];
      if (value) contact[field] = field === "street" ? [value] : value;
    }
    if (Object.keys(contact).length > 1) contacts.push(contact);
  }
  if (contacts.length) record.contacts = contacts;
  return finish(record);
}
