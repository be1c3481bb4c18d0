// A second world in another style (issue #13): one registration written out in every layout style the
// registries use — not one registry's answer, but the same facts under each way of laying labels and
// values out — must give the same record. A style the engine reads only for some fields shows up here.
import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

const FACTS = {
  domain: "layout-sample.example",
  created: "2004-05-06",
  expires: "2034-05-06",
  registrar: "Sample Registrar Ltd",
  ns: ["ns1.sample-host.net", "ns2.sample-host.net"],
  status: "active",
};

/** label → value pairs in the order registries print them. */
const PAIRS: [string, string][] = [
  ["Domain Name", FACTS.domain],
  ["Creation Date", FACTS.created],
  ["Expiry Date", FACTS.expires],
  ["Registrar", FACTS.registrar],
  ["Status", FACTS.status],
];

const STYLES: Record<string, () => string> = {
  "Key: value": () => [...PAIRS.map(([k, v]) => `${k}: ${v}`), ...FACTS.ns.map((ns) => `Name Server: ${ns}`)].join("\n"),
  "Key.....: value (dot leaders)": () => [...PAIRS.map(([k, v]) => `${k}${".".repeat(24 - k.length)}: ${v}`), ...FACTS.ns.map((ns) => `Name Server.............: ${ns}`)].join("\n"),
  "Key<TAB>value": () => [...PAIRS.map(([k, v]) => `${k}\t${v}`), ...FACTS.ns.map((ns) => `Name Server\t${ns}`)].join("\n"),
  "[Key] value (JPRS)": () => [...PAIRS.map(([k, v]) => `[${k}]${" ".repeat(30 - k.length)}${v}`), ...FACTS.ns.map((ns) => `[Name Server]                   ${ns}`)].join("\n"),
  "a. [Key] value (JPRS numbered)": () => [...PAIRS.map(([k, v], i) => `${String.fromCharCode(97 + i)}. [${k}]${" ".repeat(28 - k.length)}${v}`), ...FACTS.ns.map((ns) => `p. [Name Server]                ${ns}`)].join("\n"),
  "label line, indented value (Nominet)": () => [...PAIRS.map(([k, v]) => `    ${k}:\n        ${v}\n`), "    Name servers:", ...FACTS.ns.map((ns) => `        ${ns}`)].join("\n"),
  "label line, value on the next line (SWITCH)": () => [...PAIRS.map(([k, v]) => `${k}:\n${v}\n`), "Name servers:", ...FACTS.ns].join("\n"),
  "lower-case RPSL keys": () => [`domain:         ${FACTS.domain}`, `created:        ${FACTS.created}`, `expires:        ${FACTS.expires}`, `registrar:      ${FACTS.registrar}`, `status:         ${FACTS.status}`, ...FACTS.ns.map((ns) => `nserver:        ${ns}`)].join("\n"),
  "bilingual labels (.pt)": () => [`Nome de domínio / Domain Name: ${FACTS.domain}`, `Data de registo / Creation Date (yyyy-mm-dd): ${FACTS.created}`, `Data de expiração / Expiration Date (yyyy-mm-dd): ${FACTS.expires}`, `Registrar: ${FACTS.registrar}`, `Estado / Status: ${FACTS.status}`, "Nameserver Information", ...FACTS.ns.map((ns) => `Nameserver: ${FACTS.domain} NS ${ns}.`)].join("\n"),
  "CRLF line ends, indented (thin registry)": () => [...PAIRS.map(([k, v]) => `   ${k}: ${v}`), ...FACTS.ns.map((ns) => `   Name Server: ${ns.toUpperCase()}`)].join("\r\n"),
};

describe("one registration in every layout style gives the same record", () => {
  it.each(Object.entries(STYLES))("%s", (_style, render) => {
    const record = parseWhoisText(render(), { query: FACTS.domain });
    expect(record.status).toBe("registered");
    expect(record.domain?.name).toBe(FACTS.domain);
    expect(record.dates?.created).toBe(`${FACTS.created}T00:00:00Z`);
    expect(record.dates?.expires).toBe(`${FACTS.expires}T00:00:00Z`);
    expect(record.registrar?.name).toBe(FACTS.registrar);
    expect(record.statuses).toEqual([FACTS.status]);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(FACTS.ns);
  });
});

describe("one not-found answer in every registry wording gives available, with the domain asked", () => {
  const WORDINGS = [
    "No match for \"{}\".",
    "%% No entries found",
    "Status: free",
    "Status:\tAVAILABLE",
    "Domain Status: No Object Found",
    "The queried object does not exist: {}",
    "Domain {} is free",
    "This domain name has not been registered.",
    "El dominio no se encuentra registrado",
    "Stato: NON REGISTRATO",
    "Estado / Status: Não registado",
    "% Keine Daten gefunden",
    "Домен не найден",
    "No match!!",
  ];
  it.each(WORDINGS)("%s", (wording) => {
    const record = parseWhoisText(`% Sample registry WHOIS\n\n${wording.replace("{}", FACTS.domain)}\n`, { query: FACTS.domain });
    expect(record.status).toBe("available");
    expect(record.domain?.name).toBe(FACTS.domain);
  });
});
