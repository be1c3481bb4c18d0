import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { lines } from "./answer-helpers.js";

/**
 * The registrar's abuse contact printed under a registry's own label (issue #13, w15): SIDN (.nl) prints
 * "Abuse Contact:" after its "Registrar:" block, the registrar's phone and e-mail (SIDN, 10 Aug 2017,
 * https://www.sidn.nl/en/news-and-blogs/domain-name-data-to-include-registrars-abuse-contact-details); .ua's
 * registrar object carries "abuse-email:". They are registrar.abuseEmail/abusePhone (shared/schema/record.md),
 * not an abuse contact of the domain. Real answers from ../shared/corpus; the written ones invent their values.
 */
const CORPUS = "../shared/corpus/whois";

describe.skipIf(!existsSync(CORPUS))("real answers of ../shared/corpus", () => {
  const read = (id: string, server: string, query: string) => parseWhoisText(readFileSync(`${CORPUS}/${id}.txt`, "utf8"), { server, query });

  it("SIDN app.nl: the Abuse Contact block after Registrar is the registrar's", () => {
    const record = read("pw__whois.domain-registry.nl__app.nl", "whois.domain-registry.nl", "app.nl");
    expect(record.registrar).toEqual({ name: "Hosting Secure", abuseEmail: "abuse@hostingsecure.com", abusePhone: "+31.0202018165" });
    expect(record.contacts ?? []).toEqual([]);
  });

  it("SIDN google.nl: an empty Abuse Contact block gives nothing", () => {
    const record = read("lx__whois.domain-registry.nl__google.nl", "whois.domain-registry.nl", "google.nl");
    expect(record.registrar?.name).toBe("MarkMonitor Inc.");
    expect(record.registrar?.abuseEmail).toBeUndefined();
    expect(record.contacts?.some((contact) => contact.roles.includes("abuse")) ?? false).toBe(false);
  });

  it.each(["gov.scot", "yes.scot"])(".scot %s: the registry's mailbox in its notice opens no abuse contact of the disclaimer's prose", (name) => {
    const record = read(`lx__whois.nic.scot__${name}`, "whois.nic.scot", name);
    expect(record.contacts?.some((contact) => contact.roles.includes("abuse")) ?? false).toBe(false);
    expect(record.registrar?.abuseEmail).toMatch(/@/);
  });

  it(".ua: the registrar object's abuse-email", () => {
    const record = read("lx__whois.ua__google.ua", "whois.ua", "google.ua");
    expect(record.registrar?.abuseEmail).toBe("abusecomplaints@markmonitor.com");
  });
});

describe("an Abuse Contact block that does not follow the registrar's", () => {
  it("stays the domain's abuse contact (its lines are not the registrar's)", () => {
    const text = lines(
      "Domain name: harbor-cafe.nl", "Status:      active", "",
      "Abuse Contact:", "   +31.118555010", "   abuse@harbor-cafe.example", "",
      "Registrar:", "   Example Hosting B.V.", "   Kade 1", "",
      "Domain nameservers:", "   ns1.hosting.example", "",
    );
    const record = parseWhoisText(text, { server: "whois.domain-registry.nl", query: "harbor-cafe.nl" });
    expect(record.registrar?.abuseEmail).toBeUndefined();
    expect(record.contacts).toEqual([{ roles: ["abuse"], email: "abuse@harbor-cafe.example", phone: "+31.118555010" }]);
  });
});
