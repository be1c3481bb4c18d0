// Issue #13 (w13-parse): how registries state DNSSEC over port 43, one answer per layout, written from the registry's
// documentation or from the layout its real answers in ../shared/corpus show (named in `source`). Values are example
// values (RFC 2606 / RFC 5737 names and made-up keys): no corpus text is copied. Each answer carries the dnssec value a
// reader must find, and the RDAP secureDNS the same registry gives for the same domain (RFC 9083 §5.3), for parity.
import { lines } from "./answer-helpers.js";

export interface DnssecAnswer {
  layout: string;
  server: string;
  query: string;
  source: string;
  text: string;
  /** What the answer states; undefined: it does not state it (the field stays absent). */
  dnssec: "signed" | "unsigned" | undefined;
}

const KEY = "AwEAAbExampleKeyMaterialNotARealKeyButShapedLikeOneQ3xv9mZ0h7kPZ2wq8R1s5T6u7V8w9X0y1Z2a3B4c5D6e7F8g==";
const DIGEST = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

export const DNSSEC_ANSWERS: readonly DnssecAnswer[] = [
  {
    layout: "DENIC Dnskey (signed)",
    server: "whois.denic.de",
    query: "example.de",
    source: "DENIC, explanation of the whois output fields (https://www.denic.de/webwhois-web20/explanation?lang=en): 'Dnskey' follows the DNSKEY RR format; one line per key",
    text: lines("Domain: example.de", "Nserver: ns1.example.net", "Nserver: ns2.example.net", `Dnskey: 257 3 8 ${KEY}`, `Dnskey: 257 3 13 ${KEY}`, "Status: connect", "Changed: 2024-03-12T21:44:25+01:00"),
    dnssec: "signed",
  },
  {
    layout: "DENIC without Dnskey (unsigned)",
    server: "whois.denic.de",
    query: "example.de",
    source: "DENIC, same page: an unsigned domain has no Dnskey line and no other DNSSEC field; its RDAP says delegationSigned false",
    text: lines("Domain: example.de", "Nserver: ns1.example.net", "Nserver: ns2.example.net", "Status: connect", "Changed: 2024-03-12T21:44:25+01:00"),
    dnssec: "unsigned",
  },
  {
    layout: "AFNIC dsl-id / ds-list / keyN-* object",
    server: "whois.nic.fr",
    query: "example.fr",
    source: "AFNIC (FRNIC-2.5 layout), as its .fr/.re/.wf answers in ../shared/corpus show: the domain links its DS list (dsl-id), whose object lists key1-tag, key1-algo, key1-dgst-t, key1-dgst",
    text: lines(
      "domain:      example.fr", "status:      ACTIVE", "holder-c:    EX123-FRNIC", "nsl-id:      NSL9-FRNIC", "dsl-id:      SIGN4242-FRNIC",
      "registrar:   EXAMPLE REGISTRAR", "created:     2010-01-02T10:00:00Z", "source:      FRNIC", "",
      "ns-list:     NSL9-FRNIC", "nserver:     ns1.example.net", "nserver:     ns2.example.net", "source:      FRNIC", "",
      "ds-list:     SIGN4242-FRNIC", "key1-tag:    12345", "key1-algo:   13 [ECDSAP256SHA256]", "key1-dgst-t: 2 [SHA-256]", `key1-dgst:   ${DIGEST}`, "source:      FRNIC",
    ),
    dnssec: "signed",
  },
  {
    layout: "IANA ds-rdata (a TLD's record)",
    server: "whois.iana.org",
    query: "example",
    source: "IANA root zone database WHOIS (whois.iana.org), as its TLD answers in ../shared/corpus show: 'ds-rdata:' key tag, algorithm, digest type, digest",
    text: lines("% IANA WHOIS server", "", "domain:       EXAMPLE", "", "organisation: Example Registry Operator", "", "nserver:      A.NIC.EXAMPLE 192.0.2.53", `ds-rdata:     12345 8 2 ${DIGEST.toLowerCase()}`, "", "whois:        whois.nic.example", "", "status:       ACTIVE", "", "created:      2014-06-19", "changed:      2024-05-01"),
    dnssec: "signed",
  },
  {
    layout: "EURid Keys: keyTag lines",
    server: "whois.eu",
    query: "example.eu",
    source: "EURid, as its answers in ../shared/corpus show: a 'Keys:' section of tab-indented 'keyTag:… flags:KSK protocol:3 algorithm:… pubKey:…' lines",
    text: lines("Domain: example.eu", "", "Registrar:", "\tName: Example Registrar", "", "Name servers:", "\tns1.example.net", "\tns2.example.net", "", "Keys:", `\tkeyTag:12345 flags:KSK protocol:3 algorithm:ECDSAP256SHA256 pubKey:${KEY}`, "", "Please visit www.eurid.eu for more info."),
    dnssec: "signed",
  },
  {
    layout: "SWITCH DNSSEC:Y",
    server: "whois.nic.ch",
    query: "example.ch",
    source: "SWITCH (.ch/.li), as its answers in ../shared/corpus show 'DNSSEC:N'; 'Y' is the signed form of the same one-letter field",
    text: lines("Domain name:", "example.ch", "", "Holder of domain name:", "Example AG", "", "DNSSEC:Y", "", "Name servers:", "ns1.example.net", "ns2.example.net"),
    dnssec: "signed",
  },
  {
    layout: "SWITCH DNSSEC:N",
    server: "whois.nic.li",
    query: "example.li",
    source: "SWITCH (.ch/.li), as its answers in ../shared/corpus show",
    text: lines("Domain name:", "example.li", "", "DNSSEC:N", "", "Name servers:", "ns1.example.net", "ns2.example.net"),
    dnssec: "unsigned",
  },
  {
    layout: "RNIDS DNSSEC signed: no",
    server: "whois.rnids.rs",
    query: "example.rs",
    source: "RNIDS (.rs), as its answers in ../shared/corpus show",
    text: lines("Domain name: example.rs", "Domain status: Active", "Registration date: 01.02.2010 10:00:00", "DNS: ns1.example.net - ", "DNS: ns2.example.net - ", "DNSSEC signed: no"),
    dnssec: "unsigned",
  },
  {
    layout: "RNIDS DNSSEC signed: yes",
    server: "whois.rnids.rs",
    query: "example.rs",
    source: "RNIDS (.rs): the signed form of the same field",
    text: lines("Domain name: example.rs", "Domain status: Active", "DNS: ns1.example.net - ", "DNSSEC signed: yes"),
    dnssec: "signed",
  },
  {
    layout: ".it Signed: yes",
    server: "whois.nic.it",
    query: "example.it",
    source: "Registro .it, as its answers in ../shared/corpus show ('Signed:' on a line of the domain's block)",
    text: lines("Domain:             example.it", "Status:             ok", "Signed:             yes", "Created:            2010-01-02 10:00:00", "", "Nameservers", "  ns1.example.net", "  ns2.example.net"),
    dnssec: "signed",
  },
  {
    layout: "Nominet DNSSEC: Signed",
    server: "whois.nic.uk",
    query: "example.co.uk",
    source: "Nominet's WHOIS layout: indented 'DNSSEC:' heading with the value on the next line ('Signed' or 'Unsigned')",
    text: lines("    Domain name:", "        example.co.uk", "", "    Name servers:", "        ns1.example.net", "        ns2.example.net", "", "    DNSSEC:", "        Signed", ""),
    dnssec: "signed",
  },
  {
    layout: "SIDN DNSSEC: yes",
    server: "whois.domain-registry.nl",
    query: "example.nl",
    source: "SIDN (.nl), as its answers in ../shared/corpus show ('DNSSEC: no')",
    text: lines("Domain name: example.nl", "Status:      active", "", "DNSSEC:      yes", "", "Domain nameservers:", "   ns1.example.net", "   ns2.example.net"),
    dnssec: "signed",
  },
  {
    layout: "IIS dnssec: signed delegation",
    server: "whois.iis.se",
    query: "example.se",
    source: "Internetstiftelsen (.se/.nu), as its answers in ../shared/corpus show",
    text: lines("domain:           example.se", "state:            active", "nserver:          ns1.example.net", "dnssec:           signed delegation", "status:           ok"),
    dnssec: "signed",
  },
  {
    layout: "Punktum dk DNSSEC: Unsigned delegation",
    server: "whois.dk-hostmaster.dk",
    query: "example.dk",
    source: "Punktum dk WHOIS service specification (github.com/Punktum-dk/whois-service-specification): 'DNSSEC: Signed delegation' / 'Unsigned delegation'",
    text: lines("Domain:               example.dk", "DNS:                  example.dk", "Registered:           10-01-2010", "Status:               Active", "DNSSEC:               Unsigned delegation"),
    dnssec: "unsigned",
  },
  {
    layout: "ROTLD DNSSEC: Active",
    server: "whois.rotld.ro",
    query: "example.ro",
    source: "ROTLD (.ro) and Register.bg (.bg), as their answers in ../shared/corpus show ('DNSSEC: Inactive'); 'Active' is the signed form",
    text: lines("  Domain Name: example.ro", "  Registered On: 2010-01-02", "  Domain Status: OK", "  DNSSEC: Active"),
    dnssec: "signed",
  },
  {
    layout: "gTLD DNSSEC: signedDelegation",
    server: "whois.nic.example",
    query: "example.example",
    source: "ICANN Registry Agreement Specification 4 (RDDS output): 'DNSSEC: signedDelegation' / 'unsigned'",
    text: lines("Domain Name: example.example", "Registry Domain ID: D1234-EXAMPLE", "Name Server: ns1.example.net", "DNSSEC: signedDelegation"),
    dnssec: "signed",
  },
  {
    layout: "numbered DS lines (DS Key Tag 1)",
    server: "whois.nic.example",
    query: "example.example",
    source: "older gTLD/ccTLD back ends that list each DS record as numbered lines (DS Key Tag 1, Algorithm 1, Digest Type 1, Digest 1); not checked against a registry's current answer",
    text: lines("Domain Name: example.example", "Name Server: ns1.example.net", "DS Key Tag 1: 12345", "Algorithm 1: 8", "Digest Type 1: 2", `Digest 1: ${DIGEST}`),
    dnssec: "signed",
  },
  {
    layout: "FRED keyset link",
    server: "whois.nic.cz",
    query: "example.cz",
    source: "CZ.NIC FRED, as its answers in ../shared/corpus show: the domain names its keyset, whose object lists dnskey lines",
    text: lines("domain:       example.cz", "registrant:   EX-HOLDER", "nsset:        EX-NSSET", "keyset:       EX-KEYSET", "registrar:    REG-EXAMPLE", "", "keyset:       EX-KEYSET", `dnskey:       257 3 13 ${KEY}`, "tech-c:       EX-TECH"),
    dnssec: "signed",
  },
  {
    layout: "KISA 미서명 (unsigned, in Korean)",
    server: "whois.kr",
    query: "example.kr",
    source: "KISA (.kr), as its answers in ../shared/corpus show",
    text: lines("도메인이름                  : example.kr", "등록일                      : 2012. 05. 19.", "DNSSEC                      : 미서명"),
    dnssec: "unsigned",
  },
  {
    layout: "placeholder DS line (not data)",
    server: "whois.nic.example",
    query: "example.example",
    source: "a DS field printed with a placeholder: states nothing",
    text: lines("Domain Name: example.example", "Name Server: ns1.example.net", "DS Key Tag 1: -"),
    dnssec: undefined,
  },
];

/** The RDAP answer (RFC 9083) of the same domain: the secureDNS a registry gives for the state the port-43 answer states. */
export function rdapTwin(answer: DnssecAnswer): Record<string, unknown> {
  const base = { objectClassName: "domain", ldhName: answer.query, rdapConformance: ["rdap_level_0"] };
  if (answer.dnssec === undefined) return base;
  return answer.dnssec === "signed"
    ? { ...base, secureDNS: { delegationSigned: true, dsData: [{ keyTag: 12345, algorithm: 8, digestType: 2, digest: DIGEST }] } }
    : { ...base, secureDNS: { delegationSigned: false } };
}
