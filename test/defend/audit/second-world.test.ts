import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../../src/defend/audit/index.js";
import { runCli } from "../../helpers/cli.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../../helpers/servers.js";
import { nominetAnswer, nominetNoMatch, type NominetDomain } from "./second-world/nominet.js";
import { rdapDomain, type RdapDomain } from "./second-world/rdap.js";
import { findingLines } from "./world.js";

/**
 * A second world in another style: a .uk registry answering port 43 in Nominet's layout and RDAP with
 * RFC 9537 redaction, served by this test's own loopback servers and reached through the real bootstrap
 * (rdap.nominet.uk) and WHOIS table (whois.nic.uk) via a --servers map. The CLI runs end to end.
 */
const AS_OF = "2026-12-06";

const WHOIS: Record<string, NominetDomain> = {
  "contoso-example.co.uk": {
    name: "contoso-example.co.uk",
    registrant: "Nancy Davolio",
    type: "UK Individual",
    address: ["1 High Street", "Reading", "RG1 1AA", "United Kingdom"],
    registrar: "Example Registrar Ltd [Tag = EXAMPLE]",
    registered: "26-Aug-2015",
    expires: "26-Dec-2026",
    nameservers: ["ns1.contoso-example.co.uk", "ns2.contoso-example.co.uk"],
    dnssec: "Unsigned",
  },
  "fabrikam-example.co.uk": {
    name: "fabrikam-example.co.uk",
    registrant: "Fabrikam Trading Ltd",
    type: "UK Limited Company",
    registrar: "Example Registrar Ltd [Tag = EXAMPLE]",
    registered: "01-Mar-2010",
    expires: "01-Mar-2028",
    nameservers: ["ns1.lapsed-dns-example.co.uk", "ns2.fabrikam-example.co.uk"],
    dnssec: "Signed DS records",
  },
};

/** A registrant whose name and address carry terminal escapes, markup and bidi overrides (served only by port 43). */
const HOSTILE_NAME = "Mallory \u001b]0;owned\u0007\u001b[31m<img src=x onerror=alert(1)>\u202eevil";
const HOSTILE: NominetDomain = { ...WHOIS["contoso-example.co.uk"]!, name: "hostile-example.co.uk", registrant: HOSTILE_NAME, address: ["<script>alert(1)</script>", "Reading", "RG1 1AA", "United Kingdom"], nameservers: ["ns1.hostile-example.co.uk"] };

const RDAP: Record<string, RdapDomain> = {
  "contoso-example.co.uk": {
    name: "contoso-example.co.uk",
    statuses: ["active"],
    registered: "2015-08-26T00:00:00Z",
    expires: "2026-12-26T00:00:00Z",
    nameservers: ["ns1.contoso-example.co.uk", "ns2.contoso-example.co.uk"],
    signed: false,
    registrant: { fn: "Nancy Davolio", adr: ["1 High Street", "Reading", "RG1 1AA", "United Kingdom"], email: "nancy.davolio@contoso-example.co.uk", tel: "+44.1184960000" },
    abuseEmail: "abuse@registrar.example",
  },
  "fabrikam-example.co.uk": {
    name: "fabrikam-example.co.uk",
    statuses: ["client transfer prohibited", "client update prohibited", "client delete prohibited", "server transfer prohibited"],
    registered: "2010-03-01T00:00:00Z",
    expires: "2028-03-01T00:00:00Z",
    nameservers: ["ns1.lapsed-dns-example.co.uk", "ns2.fabrikam-example.co.uk"],
    signed: true,
    registrant: { fn: "", org: "Fabrikam Trading Ltd", adr: ["", "", "", ""], email: "", redacted: ["Registrant Name", "Registrant Street", "Registrant Email"] },
    abuseEmail: "abuse@registrar.example",
  },
};

/** Nominet publishes no EPP lock statuses (src/defend/audit/lock-publishing.ts): one info finding, never a missing lock. */
const NOT_PUBLISHED = "WL-AUDIT-LOCK-NOT-PUBLISHED registry = Nominet (.uk)";
const NO_ABUSE = "WL-AUDIT-ABUSE-CONTACT-MISSING registrar = Example Registrar Ltd";
/** Both protocols: contoso shows the same name, address, expiry, DNSSEC and name servers; neither states a lock or auto-renew. */
const CONTOSO = [
  "WL-AUDIT-AUTORENEW-UNSTATED statuses",
  "WL-AUDIT-DNSSEC-UNSIGNED dnssec = unsigned",
  "WL-AUDIT-EXPIRY-30 dates.expires = 2026-12-26T00:00:00Z",
  NOT_PUBLISHED,
  "WL-AUDIT-NS-IN-DOMAIN nameservers = ns1.contoso-example.co.uk ns2.contoso-example.co.uk",
  "WL-AUDIT-PII-ADDRESS contacts[registrant].street = 1 High Street, Reading",
  "WL-AUDIT-PII-NAME contacts[registrant].name = Nancy Davolio",
];
const FABRIKAM = ["WL-AUDIT-AUTORENEW-UNSTATED statuses", "WL-AUDIT-NS-DANGLING nameservers = ns1.lapsed-dns-example.co.uk"];

/**
 * Hand-written: what each protocol's answers support. Port 43 (Nominet) carries no EPP status, email, phone
 * or abuse contact: it adds the lock-not-published and abuse-contact findings; RDAP adds the email and phone it shows.
 */
const EXPECTED: Record<"rdap" | "whois", Record<string, string[]>> = {
  whois: { "contoso-example.co.uk": [...CONTOSO, NO_ABUSE], "fabrikam-example.co.uk": [...FABRIKAM, NOT_PUBLISHED, NO_ABUSE] },
  rdap: {
    "contoso-example.co.uk": [...CONTOSO, "WL-AUDIT-PII-EMAIL contacts[registrant].email = nancy.davolio@contoso-example.co.uk", "WL-AUDIT-PII-PHONE contacts[registrant].phone = +44.1184960000"],
    // Its RDAP answer shows EPP locks (client ones and serverTransferProhibited): judged as anywhere, the registry lock is incomplete.
    "fabrikam-example.co.uk": [...FABRIKAM, "WL-AUDIT-REGISTRY-LOCK-MISSING statuses"],
  },
};

describe("audit in a second world (Nominet-style port 43, RFC 9537 RDAP, own servers)", () => {
  let whois: TestServer;
  let rdap: TestServer;
  let map: string;
  beforeAll(async () => {
    whois = await tcpServer(whoisResponder((query) => {
      const domain = query.trim().toLowerCase() === HOSTILE.name ? HOSTILE : WHOIS[query.trim().toLowerCase()];
      return domain ? nominetAnswer(domain) : nominetNoMatch(query.trim());
    }));
    rdap = await httpServer((req, res) => {
      const match = /^\/uk\/domain\/([^/?]+)$/.exec(req.url ?? "");
      const domain = match ? RDAP[decodeURIComponent(match[1] ?? "").toLowerCase()] : undefined;
      res.writeHead(domain ? 200 : 404, { "content-type": "application/rdap+json" });
      res.end(JSON.stringify(domain ? rdapDomain(domain, "https://rdap.nominet.uk/uk/") : { errorCode: 404, title: "Not Found" }));
    });
    const dir = mkdtempSync(join(tmpdir(), "whoislens-audit-second-"));
    map = join(dir, "servers.json");
    writeFileSync(map, JSON.stringify({ "whois.nic.uk": `127.0.0.1:${whois.port}`, "rdap.nominet.uk": `http://127.0.0.1:${rdap.port}/` }));
  });
  afterAll(async () => {
    await whois?.close();
    await rdap?.close();
  });

  it.each(["rdap", "whois"] as const)("--protocol %s: the findings that protocol's answers support, from the CLI", async (protocol) => {
    const run = await runCli(["audit", ...Object.keys(WHOIS), "--crown-jewel", "fabrikam-example.co.uk", "--servers", map, "--servers-only", "--no-cache", "--protocol", protocol, "--as-of", AS_OF, "--format", "json", "--fail-on", "critical"]);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.domains.map((d) => [d.domain, d.status, d.protocol])).toEqual(Object.keys(WHOIS).map((d) => [d, "registered", protocol]));
    expect(findingLines(report)).toEqual(Object.fromEntries(Object.entries(EXPECTED[protocol]).map(([d, lines]) => [d, [...lines].sort()])));
    expect(report.nameserverDomains).toEqual([{ domain: "lapsed-dns-example.co.uk", status: "available" }]);
    // The dangling delegation is critical: --fail-on critical fails the pipeline.
    expect(run.code).toBe(1);
  });

  it("hostile registrant values from a server are inert on the terminal and in the HTML report", async () => {
    const base = ["audit", HOSTILE.name, "--servers", map, "--servers-only", "--no-cache", "--protocol", "whois", "--as-of", AS_OF, "--no-ns-check"];
    const text = await runCli(base);
    expect(text.code, text.stderr).toBe(0);
    // The hostile text reached the report (the parser files it under the address), stripped of its controls.
    expect(text.stdout).toMatch(/WL-AUDIT-PII-ADDRESS .*Mallory .*<img src=x onerror=alert\(1\)>evil/);
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const html = await runCli([...base, "--format", "html"]);
    expect(html.stdout).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html.stdout).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.stdout).not.toMatch(/<img|<script|[\u001b\u0007\u202e]/);
  });
});
