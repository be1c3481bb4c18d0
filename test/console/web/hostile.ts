/**
 * Hostile answers for the page's XSS tests: an RDAP domain object and a port-43 text whose
 * organisation is markup and whose registrar URL is a javascript: URL, turned into records by the
 * library's own parsers (what the API would send), plus a footprint graph and bulk results carrying
 * the same strings in every field the page shows.
 */
import { parseRdap, parseWhoisText } from "../../../src/parse/index.js";

export const IMG = "<img src=x onerror=alert(1)>";
export const SCRIPT = "<script>alert(1)</script>";
export const JS_URL = "javascript:alert(1)";
/** A real link in the same record: the page must still make http(s) links. */
export const GOOD_URL = "https://rdap.hostile.test/domain/hostile-example.com";

const vcard = (...rows: [string, string, string][]): unknown[] => ["vcard", [["version", {}, "text", "4.0"], ...rows.map(([n, t, v]) => [n, {}, t, v])]];

export const HOSTILE_RDAP = {
  objectClassName: "domain",
  ldhName: "hostile-example.com",
  rdapConformance: ["rdap_level_0"],
  status: [SCRIPT],
  entities: [
    { objectClassName: "entity", roles: ["registrant"], vcardArray: vcard(["fn", "text", IMG], ["org", "text", IMG], ["email", "text", `x@y.test${SCRIPT}`]) },
    { objectClassName: "entity", roles: ["registrar"], publicIds: [{ type: "IANA Registrar ID", identifier: "9999" }], vcardArray: vcard(["fn", "text", SCRIPT], ["url", "uri", JS_URL]), links: [{ rel: "about", href: JS_URL, value: JS_URL }] },
  ],
  nameservers: [{ objectClassName: "nameserver", ldhName: `ns1.${IMG}` }],
  events: [{ eventAction: "registration", eventDate: "2020-01-01T00:00:00Z" }],
  remarks: [{ title: IMG, description: [SCRIPT] }],
};

export const HOSTILE_WHOIS = `Domain Name: HOSTILE-EXAMPLE.COM\r\nRegistrar: ${SCRIPT}\r\nRegistrar URL: ${JS_URL}\r\nRegistrant Name: ${IMG}\r\nRegistrant Organization: ${IMG}\r\nCreation Date: 2020-01-01T00:00:00Z\r\n`;

export function hostileLookups(): { rdap: unknown; whois: unknown } {
  const rdapRecord = parseRdap(HOSTILE_RDAP, { server: "rdap.hostile.test", url: GOOD_URL, query: "hostile-example.com" });
  const whoisRecord = parseWhoisText(HOSTILE_WHOIS, { server: "whois.hostile.test", query: "hostile-example.com" });
  return {
    rdap: { record: rdapRecord, hops: [{ server: "rdap.hostile.test", protocol: "rdap", url: GOOD_URL, startedAt: "2026-12-06T10:00:00Z", durationMs: 12, raw: JSON.stringify(HOSTILE_RDAP, null, 2) }, { server: IMG, protocol: SCRIPT, url: JS_URL, durationMs: 3, raw: SCRIPT }] },
    // The port-43 parser drops a javascript: "Registrar URL"; the record sent adds it back (a server's own JSON could carry one).
    whois: { record: { ...whoisRecord, registrar: { ...(whoisRecord.registrar ?? {}), url: JS_URL } }, hops: [{ server: "whois.hostile.test", protocol: "whois", durationMs: 5, raw: HOSTILE_WHOIS }] },
  };
}

export function hostileGraph(): unknown {
  return {
    nodes: [
      { id: "domain:hostile-example.com", type: "domain", label: "hostile-example.com", confidence: 1, seed: true },
      { id: `organization:${IMG}`, type: "organization", label: IMG, confidence: 0.9 },
      { id: JS_URL, type: SCRIPT, label: JS_URL, confidence: 0.8 },
    ],
    edges: [
      { id: "e1", source: "domain:hostile-example.com", target: `organization:${IMG}`, kind: IMG, confidence: 0.9, evidence: [{ server: SCRIPT, protocol: IMG, field: IMG, value: IMG, text: JS_URL }] },
      { id: "e2", source: `organization:${IMG}`, target: JS_URL, kind: "registrant-org", confidence: 0.8, evidence: [{ server: "rdap.hostile.test", protocol: "rdap", field: "org", value: JS_URL, text: SCRIPT }] },
    ],
  };
}
