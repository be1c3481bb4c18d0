/**
 * Issue #19: object keys, roles and labels from answers are data. `__proto__`, `constructor`,
 * `toString`, `hasOwnProperty` as RDAP keys and roles, vCard property names and parameters, event
 * actions, WHOIS labels and RPSL classes never reach an Object.prototype member: parsing does not
 * throw, pollutes nothing, and keeps those words as values where they are values.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parseAnswer, parseRdap, parseWhoisText } from "../../src/parse/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { sanitizeDeep } from "../../src/util/sanitize.js";

const HOSTILE_WORDS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__", "isPrototypeOf"];
const ROLES = new Set(["registrant", "administrative", "technical", "billing", "abuse", "registrar", "reseller", "noc", "sponsor", "proxy", "notifications", "unknown"]);
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
});

/** A JSON text written by hand, so "__proto__" is an own key of the parsed object as it is on the wire. */
type J = string | number | null | J[] | { entries: [string, J][] };
const text = (value: J): string => {
  if (value === null || typeof value === "number" || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(text).join(",")}]`;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(",")}}`;
};

const word = fc.constantFrom(...HOSTILE_WORDS, "registrant", "technical", "registrar", "abuse", "fn", "org", "email", "tel", "adr", "registration", "expiration", "last changed", "x");
const rdapKey = fc.constantFrom(...HOSTILE_WORDS, "objectClassName", "ldhName", "handle", "roles", "entities", "vcardArray", "events", "eventAction", "eventDate", "nameservers", "status", "redacted", "name", "type", "prePath", "polluted");
const leaf: fc.Arbitrary<J> = fc.oneof(word, fc.constant("2024-01-02T03:04:05Z"), fc.integer({ min: 0, max: 500 }), fc.constant(null));
const json: fc.Arbitrary<J> = fc.letrec<{ v: J }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.array(fc.tuple(rdapKey, tie("v")), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
})).v;

/** An RDAP domain whose entities have hostile roles, vCard names and parameters. */
const entity = fc.record({
  roles: fc.array(word, { maxLength: 3 }),
  vcard: fc.array(fc.tuple(word, word, word), { maxLength: 4 }),
  extra: fc.array(fc.tuple(rdapKey, json), { maxLength: 3 }),
});
const rdapDomain = fc.record({ entities: fc.array(entity, { maxLength: 3 }), events: fc.array(word, { maxLength: 3 }), extra: fc.array(fc.tuple(rdapKey, json), { maxLength: 3 }) }).map(
  ({ entities, events, extra }): J => ({
    entries: [
      ["objectClassName", "domain"],
      ["ldhName", "example.com"],
      ["events", events.map((action) => ({ entries: [["eventAction", action], ["eventDate", "2024-01-02T03:04:05Z"]] }))],
      ["entities", entities.map((e) => ({
        entries: [
          ["objectClassName", "entity"],
          ["roles", e.roles],
          ["vcardArray", ["vcard", [["version", { entries: [] }, "text", "4.0"], ...e.vcard.map(([name, param, value]): J => [name, { entries: [[param, value], ["type", param]] }, "text", value])]]],
          ...e.extra,
        ],
      }))],
      ...extra,
    ],
  }),
);

function checkRecord(record: WhoisRecord): void {
  for (const contact of record.contacts ?? []) for (const role of contact.roles) expect(ROLES.has(role), `role ${String(role)}`).toBe(true);
  for (const [key, value] of Object.entries(record.dates ?? {})) {
    expect(["created", "updated", "expires"]).toContain(key);
    expect(typeof value).toBe("string");
  }
  // Everything printable survives the sanitizing copy with no prototype change.
  const copy = sanitizeDeep(record);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(JSON.parse(JSON.stringify(copy))).toEqual(JSON.parse(JSON.stringify(record)));
}

describe("RDAP answers with prototype words as keys, roles, vCard names and event actions", () => {
  it("parse without throwing or polluting, with only known roles and date fields (property)", () => {
    fc.assert(
      fc.property(fc.oneof(rdapDomain, json), (value) => {
        const wire = text(value);
        checkRecord(parseRdap(JSON.parse(wire) as unknown, { server: "rdap.example" }));
        checkRecord(parseAnswer(wire, { server: "rdap.example" }));
      }),
      { numRuns: 400 },
    );
  });

  it("keeps prototype words as values", () => {
    const wire = `{"objectClassName":"domain","ldhName":"example.com","__proto__":{"polluted":"yes"},
      "events":[{"eventAction":"constructor","eventDate":"2020-01-01T00:00:00Z"},{"eventAction":"__proto__","eventDate":"2020-01-01T00:00:00Z"},{"eventAction":"registration","eventDate":"2021-01-01T00:00:00Z"}],
      "entities":[{"objectClassName":"entity","roles":["constructor","__proto__","toString","registrant"],"handle":"__proto__",
        "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{"__proto__":{"polluted":1}},"text","constructor"],["org",{},"text","__proto__"],["toString",{},"text","x"],["email",{"type":"hasOwnProperty"},"text","toString@example.com"]]]}]}`;
    const record = parseAnswer(wire, { server: "rdap.example" });
    checkRecord(record);
    expect(record.dates).toEqual({ created: "2021-01-01T00:00:00Z" });
    const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant).toMatchObject({ roles: ["registrant"], name: "constructor", organization: "__proto__", email: "toString@example.com" });
  });
});

describe("WHOIS answers with prototype words as labels and values", () => {
  const label = fc.constantFrom(...HOSTILE_WORDS, ...HOSTILE_WORDS.map((w) => `Registrant ${w}`), ...HOSTILE_WORDS.map((w) => `${w} Name`), "Domain Name", "Registrant Name", "Tech Email", "Name Server", "Creation Date", "descr", "address", "person", "role", "nic-hdl", "org", "inetnum", "source");
  const value = fc.constantFrom(...HOSTILE_WORDS, "example.com", "Jane Doe", "jane@example.com", "NS1.EXAMPLE.COM", "2020-01-02", "constructor-1", "__proto__ 12 Jan 2020");
  const line = fc.oneof(fc.tuple(label, value).map(([l, v]) => `${l}: ${v}`), fc.constant(""), value.map((v) => `   ${v}`));
  for (const server of ["whois.verisign-grs.com", "whois.fi", "whois.ripe.net", "whois.nic.fr", "whois.example"]) {
    it(`${server}: parse without throwing or polluting (property)`, () => {
      fc.assert(
        fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
          checkRecord(parseWhoisText(lines.join("\n"), { server }));
        }),
        { numRuns: 200 },
      );
    });
  }

  it("keeps prototype words as values, and a prototype word as an RPSL class or positional label reads as nothing special", () => {
    const answer = ["Domain Name: EXAMPLE.COM", "Registrant Name: constructor", "Registrant Organization: __proto__", "Registrant Email: toString@example.com", "Name Server: NS1.EXAMPLE.COM", "", "constructor: CON-1", "name: Jane", ""].join("\n");
    const record = parseWhoisText(answer, { server: "whois.example" });
    checkRecord(record);
    expect(record.contacts?.find((c) => c.roles.includes("registrant"))).toMatchObject({ name: "constructor", organization: "__proto__", email: "toString@example.com" });
    const fi = parseWhoisText(["domain.............: example.fi", "constructor........: x", "__proto__..........: y", "descr..............: Holder Oy"].join("\n"), { server: "whois.fi" });
    checkRecord(fi);
  });
});
