import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

// The last lines of a free-form address read as postcode, city, state and country, in the shapes registries
// print them. Each case once came out wrong: the city kept LACNIC's separators ("- Tlalpan Mexico - DF"), or
// a Dutch postcode's letters ("AB Amsterdam").
describe("address lines", () => {
  it("LACNIC's 'postcode - city - state' line: the three parts, and the street without its trailing comma", () => {
    const record = parseWhoisText(
      lines(
        "inetnum:     198.18.0.0/15",
        "status:      allocated",
        "owner:       Compañía Andina de Datos Ltda.",
        "ownerid:     CL-CADL-LACNIC",
        "address:     Av. Providencia, 1234, ",
        "address:     7750000 - Ñuñoa - RM",
        "country:     CL",
      ),
      { server: "whois.lacnic.net" },
    );
    expect(byRole(record, "registrant")[0]).toMatchObject({ street: ["Av. Providencia, 1234"], postalCode: "7750000", city: "Ñuñoa", state: "RM" });
  });

  it("LACNIC without a postcode ('- - Rionegro - AN') and with a Brazilian CEP ('05423-040 - São Paulo - SP')", () => {
    const holder = (line: string) =>
      byRole(parseWhoisText(lines("inetnum:     2801:10:c000::/48", "owner:       Universidad Ejemplo", "ownerid:     CO-UEJE-LACNIC", "address:     Carrera 46, 40B50, ", `address:     ${line}`, "country:     CO"), { server: "whois.lacnic.net" }), "registrant")[0];
    const none = holder("- - Rionegro - AN");
    expect(none).toMatchObject({ street: ["Carrera 46, 40B50"], city: "Rionegro", state: "AN" });
    expect(none?.postalCode).toBeUndefined();
    expect(holder("05423-040 - São Paulo - SP")).toMatchObject({ postalCode: "05423-040", city: "São Paulo", state: "SP" });
  });

  it("a line with dashes that is not LACNIC's shape stays a street line", () => {
    const contact = byRole(parseWhoisText(lines("inetnum:     198.18.0.0/15", "owner:       Example", "ownerid:     CL-EXAM-LACNIC", "address:     Edificio Norte", "address:     Piso 3 - Oficina B - Torre Sur", "country:     CL")), "registrant")[0];
    expect(contact?.street).toContain("Piso 3 - Oficina B - Torre Sur");
    expect(contact?.city).toBeUndefined();
  });

  it("a Dutch postcode keeps its letters ('1011 AB Amsterdam'), with the country as a name or a code", () => {
    const byName = parseWhoisText(lines("organisation: ORG-EX1-RIPE", "org-name:     Voorbeeld B.V.", "address:      Voorbeeldstraat 1", "address:      1011 AB Amsterdam", "address:      NETHERLANDS", "", "inetnum:      192.0.2.0 - 192.0.2.255", "org:          ORG-EX1-RIPE"));
    const contacts = byName.contacts ?? [];
    expect(contacts.some((c) => c.postalCode === "1011 AB" && c.city === "Amsterdam"), JSON.stringify(contacts)).toBe(true);
    const byCode = parseWhoisText(lines("domain:       example.nl", "Registrant:", "   Voorbeeld B.V.", "   Voorbeeldstraat 1", "   1011AB Amsterdam", "   NL", "", "Name servers:", "   ns1.example.nl"));
    expect(byRole(byCode, "registrant")[0]).toMatchObject({ postalCode: "1011AB", city: "Amsterdam", countryCode: "NL" });
  });

  it("elsewhere a four-digit postcode is the whole code: '7100 LA LOUVIERE' (Belgium) is not read as a Dutch one", () => {
    const record = parseWhoisText(lines("organisation: ORG-EX2-RIPE", "org-name:     Exemple SA", "address:      Rue Exemple 1", "address:      7100 LA LOUVIERE", "address:      BELGIUM", "", "inetnum:      192.0.2.0 - 192.0.2.255", "org:          ORG-EX2-RIPE"));
    const contacts = record.contacts ?? [];
    expect(contacts.some((c) => c.postalCode === "7100" && c.city === "LA LOUVIERE"), JSON.stringify(contacts)).toBe(true);
  });
});
