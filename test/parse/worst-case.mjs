// Worst-case answers for the parsers (issue #19): each generator repeats one kind of field until the
// answer reaches the size asked for (default 1 MiB, the transport's cap), so a parser step that is
// quadratic in the number of fields shows up as seconds instead of milliseconds. Plain JavaScript so
// that both the unit tests (test/parse/worst-case.test.ts) and bench/parse.mjs can import it.

export const MIB = 1024 * 1024;

/** Repeats `line(i)` until the text reaches `bytes` (ASCII lines, so length = bytes). */
function fill(head, line, bytes, tail = "") {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i += 1) {
    const next = line(i);
    parts.push(next);
    size += next.length;
  }
  parts.push(tail);
  return parts.join("");
}

const DOMAIN_HEAD = "Domain Name: EXAMPLE.COM\nRegistrar: Example Registrar, LLC\nCreation Date: 2001-02-03T04:05:06Z\n";

/** WHOIS text answers, one per kind of repetition. */
export const WHOIS_WORST_CASES = {
  /** Distinct name servers, one a line (issue #19's 650 KB answer). */
  "many name servers": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `Name Server: NS${i}.HOST${i % 997}.EXAMPLE.NET\n`, bytes),
  /** Several name servers and glue addresses on each line (the .sg layout). */
  "name servers per line": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `Name Servers: ns${i}a.example.net ns${i}b.example.net 192.0.2.${i % 250} 2001:db8::${(i % 65535).toString(16)}\n`, bytes),
  /** The same name server again and again (de-duplication against one entry). */
  "repeated name server": (bytes = MIB) => fill(DOMAIN_HEAD, () => "Name Server: NS1.EXAMPLE.NET\nName Server IP: 192.0.2.1\n", bytes),
  /** Distinct statuses. */
  "many statuses": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `Domain Status: clientHold${i} https://icann.org/epp#clientHold\n`, bytes),
  /** Handle references in the record's own block and the person objects they name (issue #19's 330 KB answer). */
  "many references": (bytes = MIB) => {
    const half = Math.floor(bytes / 2);
    const refs = fill("domain: example.ee\nnserver: ns1.example.net\n", (i) => `tech-c: H${i}-TEST\nadmin-c: A${i}-TEST\n`, half);
    return fill(`${refs}\n`, (i) => `\nperson: Person ${i}\naddress: Street ${i}\naddress: City\ne-mail: p${i}@example.net\nnic-hdl: H${i}-TEST\n`, bytes);
  },
  /** Contact blocks, each under a role heading. */
  "many contact blocks": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `\nTechnical Contact:\n  Name: Person ${i}\n  Email: p${i}@example.net\n  Phone: +1.555${i}\n`, bytes),
  /** Name servers with IPv6 glue under a heading (the tokenizer tells each line from a "label: value" one by its address). */
  "ipv6 glue under a heading": (bytes = MIB) => fill(`${DOMAIN_HEAD}\nName servers:\n`, (i) => `    ns${i}.example.net   2001:db8::${(i % 65535).toString(16)}\n`, bytes),
  /** Bare lines under one indented heading (free-form contact). */
  "indented section": (bytes = MIB) => fill(`${DOMAIN_HEAD}Registrant:\n`, (i) => `    Line ${i} of the address\n`, bytes),
  /** Distinct labels (the label memo tables must stay bounded). */
  "many labels": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `Label Number ${i} Of Many: value ${i}\n`, bytes),
  /** Distinct camelCase labels, which the normalizer splits. */
  "camel labels": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `someLongCamelCaseLabel${i}XYZAbc: v\n`, bytes),
  /** Long lines, just under and over the line limit. */
  "long lines": (bytes = MIB) => fill(DOMAIN_HEAD, (i) => `Registrant Street: ${"a b, ".repeat(i % 2 === 0 ? 190 : 210)}\n`, bytes),
  /** One line of the whole size. */
  "one line": (bytes = MIB) => `Domain Name: ${"a".repeat(bytes - 14)}\n`,
  /** Dates in shapes that almost parse. */
  "pathological dates": (bytes = MIB) =>
    fill(DOMAIN_HEAD, (i) => [`Creation Date: ${"1".repeat(40 + (i % 60))}\n`, `Expiry Date: 2001-02-${"0".repeat(i % 50)}3T\n`, `Updated Date: Mon Jan ${"1 ".repeat(i % 40)}2001\n`, `Expiration Date: 28th ${"April ".repeat(i % 30)}2014\n`][i % 4], bytes),
  /** Continuation lines of one value. */
  "continuation lines": (bytes = MIB) => fill(`${DOMAIN_HEAD}Registrant Address: 1 Main Street\n`, (i) => `                    continued line ${i}\n`, bytes),
  /** A not-found answer padded with disclaimer prose (phrase search over the whole text). */
  "long disclaimer": (bytes = MIB) => fill("No match for \"EXAMPLE.COM\".\n", (i) => `Disclaimer sentence ${i}: you agree not to use this data for unlawful purposes, no entries are implied.\n`, bytes),
  /** Several records of the same domain (registry's thin record, then the registrar's). */
  "repeated records": (bytes = MIB) => fill("", (i) => `Domain Name: EXAMPLE.COM\nRegistrar: R${i}\nName Server: ns${i}.example.net\nDomain Status: ok\n\n`, bytes),
  /** Blank-line blocks, each an RPSL object. */
  "many objects": (bytes = MIB) => fill("domain: example.ee\n", (i) => `\nrole: Role ${i}\nnic-hdl: R${i}-TEST\norganisation: Org ${i}\n`, bytes),
};

/** An RDAP entity with a jCard. */
function entity(i, roles, nested = []) {
  return {
    objectClassName: "entity",
    handle: `E${i}`,
    roles,
    vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", `Person ${i}`], ["email", {}, "text", `p${i}@example.net`], ["adr", {}, "text", ["", "", `Street ${i}`, "City", "", "12345", "NL"]]]],
    ...(nested.length > 0 ? { entities: nested } : {}),
  };
}

const RDAP_HEAD = { objectClassName: "domain", ldhName: "example.com", handle: "D1", events: [{ eventAction: "registration", eventDate: "2001-02-03T04:05:06Z" }] };

/** Adds items made by `make(i)` to a copy of `base[key]` until the JSON text reaches `bytes`. */
function grow(base, key, make, bytes) {
  const list = [];
  const out = { ...base, [key]: list };
  let size = JSON.stringify(out).length;
  for (let i = 0; size < bytes; i += 1) {
    const item = make(i);
    list.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return out;
}

/** RDAP answers (parsed JSON), one per kind of repetition. */
export const RDAP_WORST_CASES = {
  "many entities": (bytes = MIB) => grow(RDAP_HEAD, "entities", (i) => entity(i, ["technical"]), bytes),
  "same entity repeated": (bytes = MIB) => grow(RDAP_HEAD, "entities", () => entity(1, ["technical", "administrative"]), bytes),
  /** Entities nested four deep, wide at every level. */
  "nested entities": (bytes = MIB) =>
    grow(RDAP_HEAD, "entities", (i) => entity(i, ["registrant"], Array.from({ length: 4 }, (_, j) => entity(i * 10 + j, ["technical"], Array.from({ length: 3 }, (_, k) => entity(i * 100 + j * 10 + k, ["abuse"], [entity(i, ["noc"])]))))), bytes),
  "many links": (bytes = MIB) => grow(RDAP_HEAD, "links", (i) => ({ rel: "related", href: `https://rdap${i}.example.net/domain/example.com`, type: "application/rdap+json" }), bytes),
  "many name servers": (bytes = MIB) => grow(RDAP_HEAD, "nameservers", (i) => ({ objectClassName: "nameserver", ldhName: `ns${i}.example.net`, ipAddresses: { v4: [`192.0.2.${i % 250}`], v6: ["2001:db8::1"] } }), bytes),
  "many statuses": (bytes = MIB) => grow(RDAP_HEAD, "status", (i) => `client hold ${i}`, bytes),
  "many events": (bytes = MIB) => grow(RDAP_HEAD, "events", (i) => ({ eventAction: i % 2 === 0 ? "last changed" : "expiration", eventDate: `20${String(i % 100).padStart(2, "0")}-01-01T00:00:00Z` }), bytes),
  "many remarks": (bytes = MIB) => grow(RDAP_HEAD, "remarks", (i) => ({ title: `Remark ${i}`, description: [`line ${i}`, "another line"] }), bytes),
  "many redactions": (bytes = MIB) => grow({ ...RDAP_HEAD, entities: [entity(1, ["registrant"])] }, "redacted", (i) => ({ name: { type: i % 2 === 0 ? "Registrant Email" : "Tech Phone" }, prePath: `$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='email')]`, method: "removal" }), bytes),
  "long jcard": (bytes = MIB) => ({ ...RDAP_HEAD, entities: [grow({ objectClassName: "entity", roles: ["registrant"] }, "vcardArray", () => ["email", {}, "text", "x@example.net"], bytes)] }),
};

/** Every worst case by name, as the text a parser is given (RDAP answers serialized). */
export function allWorstCases(bytes = MIB) {
  const out = [];
  for (const [name, make] of Object.entries(WHOIS_WORST_CASES)) out.push({ kind: "whois", name, input: make(bytes) });
  for (const [name, make] of Object.entries(RDAP_WORST_CASES)) out.push({ kind: "rdap", name, input: make(bytes) });
  return out;
}
