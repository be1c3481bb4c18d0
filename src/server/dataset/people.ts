/** The sandbox world's registrars and contacts. Names, people and addresses are fictional. */
export interface SandboxRegistrar {
  name: string;
  ianaId: string;
  whois: string;
  rdapHost: string;
  url: string;
  abuseEmail: string;
  abusePhone: string;
}

export const REGISTRARS: Record<"one" | "two", SandboxRegistrar> = {
  one: {
    name: "Registrar One, LLC",
    ianaId: "9991",
    whois: "whois.registrar-one.sandbox",
    rdapHost: "rdap.registrar-one.sandbox",
    url: "https://www.registrar-one.sandbox",
    abuseEmail: "abuse@registrar-one.sandbox",
    abusePhone: "+1.5555550101",
  },
  two: {
    name: "Second Registrar GmbH",
    ianaId: "9992",
    whois: "whois.registrar-two.sandbox",
    rdapHost: "rdap.registrar-two.sandbox",
    url: "https://www.registrar-two.sandbox",
    abuseEmail: "abuse@registrar-two.sandbox",
    abusePhone: "+49.3055500102",
  },
};

export interface SandboxContact {
  handle: string;
  name: string;
  organization: string;
  street: string[];
  city: string;
  state: string;
  postalCode: string;
  countryCode: string;
  phone: string;
  fax?: string;
  email: string;
}

export const ACME: SandboxContact = {
  handle: "ACME-0001",
  name: "Alice Example",
  organization: "Acme Widgets Inc.",
  street: ["100 Example Avenue", "Suite 400"],
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  countryCode: "US",
  phone: "+1.2175550100",
  fax: "+1.2175550199",
  email: "hostmaster@acme-widgets.example",
};

const { fax: _acmeFax, ...ACME_WITHOUT_FAX } = ACME;
export const ACME_TECH: SandboxContact = { ...ACME_WITHOUT_FAX, handle: "ACME-0002", name: "Bob Operator", email: "noc@acme-widgets.example" };

export const KAFFEE: SandboxContact = {
  handle: "KAF-77",
  name: "Clara Beispiel",
  organization: "Kaffeehaus Beispiel e.K.",
  street: ["Musterstraße 12"],
  city: "Köln",
  state: "NW",
  postalCode: "50667",
  countryCode: "DE",
  phone: "+49.2215550123",
  email: "domains@kaffeehaus.example",
};

/** Unrelated organisations that share Acme's registrars and its DNS host (footprint tests). */
export const GLOBEX: SandboxContact = {
  handle: "GLOBEX-01",
  name: "Hank Scorpio",
  organization: "Globex Corporation",
  street: ["1 Cypress Creek Road"],
  city: "Cypress Creek",
  state: "OR",
  postalCode: "97000",
  countryCode: "US",
  phone: "+1.5035550142",
  email: "domains@globex.example",
};

export const INITECH: SandboxContact = {
  handle: "INITECH-7",
  name: "Bill Lumbergh",
  organization: "Initech LLC",
  street: ["4120 Freidrich Lane"],
  city: "Austin",
  state: "TX",
  postalCode: "78744",
  countryCode: "US",
  phone: "+1.5125550177",
  email: "it@initech.example",
};
