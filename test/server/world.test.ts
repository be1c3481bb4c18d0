import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { endpoint, rawWhois } from "./raw.js";
import { useSandbox } from "../helpers/built-cli.js";

const sandbox = useSandbox();

const ask = async (host: string, query: string): Promise<string> => (await rawWhois(endpoint(sandbox(), host), query)).text;

/** The inverse of the sandbox's encoder: JIS X 0208 runs are EUC-JP with the high bits cleared. */
function decodeIso2022Jp(bytes: Buffer): string {
  let out = "";
  let jis = false;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x1b) {
      jis = bytes[i + 1] === 0x24;
      i += 2;
    } else if (jis) {
      out += iconv.decode(Buffer.from([(bytes[i] ?? 0) | 0x80, (bytes[i + 1] ?? 0) | 0x80]), "euc-jp");
      i += 1;
    } else out += String.fromCharCode(bytes[i] ?? 0);
  }
  return out;
}

describe("whois.iana.org", () => {
  it("answers a TLD with refer: and whois: lines", async () => {
    const text = await ask("whois.iana.org", "com");
    expect(text).toMatch(/^refer: +whois\.verisign-grs\.com\r$/m);
    expect(text).toMatch(/^whois: +whois\.verisign-grs\.com\r$/m);
    expect(text).toMatch(/^domain: +COM\r$/m);
    expect(await ask("whois.iana.org", "example.org")).toMatch(/^refer: +whois\.publicinterestregistry\.org/m);
  });

  it("lists a post-sunset gTLD with an empty whois: and no refer:", async () => {
    const text = await ask("whois.iana.org", "app");
    expect(text).not.toMatch(/^refer:/m);
    expect(text).toMatch(/^whois:\r$/m);
  });

  it.each([
    ["198.51.100.7", "whois.arin.net"],
    ["203.0.113.9", "whois.ripe.net"],
    ["2001:db8:1234::1", "whois.ripe.net"],
    ["AS64500", "whois.arin.net"],
    ["AS64501", "whois.ripe.net"],
    ["AS65550", "whois.ripe.net"],
  ])("refers %s to %s", async (query, rir) => {
    expect(await ask("whois.iana.org", query)).toMatch(new RegExp(`^refer: +${rir.replace(/\./g, "\\.")}\\r$`, "m"));
  });

  it("answers no match for unknown names", async () => {
    expect(await ask("whois.iana.org", "nothing.zz")).toContain("This query returned 0 objects.");
  });
});

describe("thin registry (Verisign-style)", () => {
  it.each(["domain example.com", "=example.com", "example.com", "EXAMPLE.COM"])("answers %s with a referral to the registrar", async (query) => {
    const text = await ask("whois.verisign-grs.com", query);
    expect(text).toContain("   Domain Name: EXAMPLE.COM\r\n");
    expect(text).toContain("   Registrar WHOIS Server: whois.registrar-one.sandbox\r\n");
    expect(text).toContain("   Creation Date: 1995-08-14T04:00:00Z\r\n");
    expect(text).not.toContain("Registrant");
  });

  it("serves .net from the same registry", async () => {
    expect(await ask("whois.verisign-grs.com", "domain example.net")).toContain("Registrar WHOIS Server: whois.registrar-two.sandbox");
  });

  it("refers the punycode IDN to the second registrar", async () => {
    expect(await ask("whois.verisign-grs.com", "domain xn--caf-dma.com")).toContain("Registrar WHOIS Server: whois.registrar-two.sandbox");
  });

  it("says No match for an available name", async () => {
    expect(await ask("whois.verisign-grs.com", "domain never-registered-example.com")).toMatch(/^No match for "NEVER-REGISTERED-EXAMPLE\.COM"\.\r$/m);
  });

  it("names a private address and a looping registrar for the fault domains", async () => {
    expect(await ask("whois.verisign-grs.com", "private-referral.com")).toContain("Registrar WHOIS Server: 10.1.2.3\r\n");
    expect(await ask("whois.verisign-grs.com", "loop-referral.com")).toContain("Registrar WHOIS Server: whois.loop-a.sandbox\r\n");
    expect(await ask("whois.loop-a.sandbox", "loop-referral.com")).toContain("Registrar WHOIS Server: whois.loop-b.sandbox\r\n");
    expect(await ask("whois.loop-b.sandbox", "loop-referral.com")).toContain("Registrar WHOIS Server: whois.loop-a.sandbox\r\n");
  });
});

describe("registrars", () => {
  it("registrar one answers with full contacts", async () => {
    const text = await ask("whois.registrar-one.sandbox", "example.com");
    expect(text).toContain("Registrant Name: Alice Example\r\n");
    expect(text).toContain("Registrant Organization: Acme Widgets Inc.\r\n");
    expect(text).toContain("Tech Email: noc@acme-widgets.example\r\n");
    expect(text).toContain("Registrar IANA ID: 9991\r\n");
  });

  it("registrar two redacts and shows a privacy service", async () => {
    const text = await ask("whois.registrar-two.sandbox", "privacy-example.com");
    expect(text).toContain("Registrant Name: REDACTED FOR PRIVACY\r\n");
    expect(text).toContain("Registrant Organization: Privacy Protect Service Ltd.\r\n");
    expect(text).toContain("Registrar: Second Registrar GmbH\r\n");
  });

  it("a registrar does not know the other registrar's domains", async () => {
    expect(await ask("whois.registrar-one.sandbox", "privacy-example.com")).toMatch(/^No match for/);
  });
});

describe("thick registries", () => {
  it("PIR-style .org answers the full record, NOT FOUND otherwise", async () => {
    expect(await ask("whois.publicinterestregistry.org", "example.org")).toContain("Registry Domain ID: D402200000000000001-LROR");
    expect(await ask("whois.publicinterestregistry.org", "available-example.org")).toMatch(/^NOT FOUND\r$/m);
  });

  it("DENIC-style .de answers the IDN by U-label with its ACE form", async () => {
    const text = await ask("whois.denic.de", "-T dn,ace bücher.de");
    expect(text).toContain("Domain: bücher.de\r\n");
    expect(text).toContain("Domain-Ace: xn--bcher-kva.de\r\n");
    expect(text).toContain("Status: connect\r\n");
    expect(text).toMatch(/^Changed: 2025-03-14T09:41:07\+01:00\r$/m);
    expect(await ask("whois.denic.de", "xn--bcher-kva.de")).toContain("Domain: bücher.de");
    expect(await ask("whois.denic.de", "frei-beispiel.de")).toContain("Status: free");
  });

  it("JPRS-style .jp answers /e in English and otherwise in ISO-2022-JP", async () => {
    const english = await ask("whois.jprs.jp", "example.jp/e");
    expect(english).toMatch(/^\[Domain Name\] +EXAMPLE\.JP\r$/m);
    expect(english).toMatch(/^\[Created on\] +2004\/07\/01\r$/m);
    const japanese = (await rawWhois(endpoint(sandbox(), "whois.jprs.jp"), "example.jp")).bytes;
    expect(japanese.includes(Buffer.from([0x1b, 0x24, 0x42]))).toBe(true);
    expect(japanese.every((byte) => byte < 0x80)).toBe(true);
    const decoded = decodeIso2022Jp(japanese);
    expect(decoded).toMatch(/^\[登録者名\] +アクメ・ウィジェット株式会社\r$/m);
    expect(decoded).toMatch(/^\[有効期限\] +2027\/07\/31\r$/m);
  });
});

describe("ARIN-style", () => {
  it("answers n + IP with the network and its organization", async () => {
    const text = await ask("whois.arin.net", "n + 198.51.100.7");
    expect(text).toMatch(/^NetRange: +198\.51\.100\.0 - 198\.51\.100\.255\r$/m);
    expect(text).toMatch(/^CIDR: +198\.51\.100\.0\/24\r$/m);
    expect(text).toMatch(/^OrgName: +Acme Widgets Inc\.\r$/m);
    expect(text).toMatch(/^OrgAbuseEmail: +abuse@acme-widgets\.example\r$/m);
  });

  it("refers RIPE space to whois.ripe.net", async () => {
    expect(await ask("whois.arin.net", "n + 203.0.113.9")).toMatch(/^ReferralServer: +whois:\/\/whois\.ripe\.net\r$/m);
  });

  it("answers a + ASN and + HANDLE", async () => {
    expect(await ask("whois.arin.net", "a + AS64500")).toMatch(/^ASName: +ACME-AS\r$/m);
    expect(await ask("whois.arin.net", "+ ACMEW-ARIN")).toMatch(/^OrgId: +ACMEW-ARIN\r$/m);
    expect(await ask("whois.arin.net", "ABUSE-ACMEW-ARIN")).toMatch(/^Handle: +ABUSE-ACMEW-ARIN\r$/m);
    expect(await ask("whois.arin.net", "n + 192.0.2.1")).toContain("No match found for n + 192.0.2.1.");
  });
});

describe("RIPE-style", () => {
  const objectKeys = (text: string): string[] =>
    text
      .split(/\r\n\r\n/)
      .map((block) => /^([a-z0-9-]+):/m.exec(block.replace(/^%.*\r\n/gm, ""))?.[1])
      .filter((key): key is string => key !== undefined);

  it("answers an address with the inetnum and its contact objects, filtered", async () => {
    const text = await ask("whois.ripe.net", "203.0.113.9");
    expect(text).toMatch(/^inetnum: +203\.0\.113\.0 - 203\.0\.113\.255\r$/m);
    expect(objectKeys(text)).toEqual(["inetnum", "organisation", "person", "role"]);
    expect(text).toContain("% Note: this output has been filtered.");
    expect(text).not.toMatch(/^e-mail:/m);
  });

  it("-B shows e-mail attributes, -r drops the contact objects", async () => {
    const unfiltered = await ask("whois.ripe.net", "-B 203.0.113.0/24");
    expect(unfiltered).toMatch(/^e-mail: +noc@acme-widgets\.example\r$/m);
    expect(objectKeys(await ask("whois.ripe.net", "-r -B 203.0.113.0/24"))).toEqual(["inetnum"]);
  });

  it("answers IPv6, aut-num and handles", async () => {
    expect(await ask("whois.ripe.net", "-B 2001:db8:1234::7")).toMatch(/^inet6num: +2001:db8:1234::\/48\r$/m);
    expect(await ask("whois.ripe.net", "-r AS64501")).toMatch(/^aut-num: +AS64501\r$/m);
    expect(await ask("whois.ripe.net", "-r AS65550")).toMatch(/^export: +to AS64500 announce AS65550\r$/m);
    expect(await ask("whois.ripe.net", "ORG-AWE1-RIPE")).toMatch(/^org-name: +Acme Widgets Europe B\.V\.\r$/m);
    expect(await ask("whois.ripe.net", "-T mntner ACME-MNT")).toMatch(/^mntner: +ACME-MNT\r$/m);
  });

  it("answers inverse queries", async () => {
    expect(objectKeys(await ask("whois.ripe.net", "-i org ORG-AWE1-RIPE"))).toEqual(["inetnum", "inet6num", "aut-num", "aut-num"]);
    expect(objectKeys(await ask("whois.ripe.net", "-B -i mnt-by ACME-MNT"))).toEqual(["inetnum", "inet6num", "aut-num", "aut-num", "organisation", "role", "person", "mntner"]);
    expect(objectKeys(await ask("whois.ripe.net", "-i admin-c CB123-RIPE"))).toContain("mntner");
    expect(await ask("whois.ripe.net", "-i org ORG-NONE-RIPE")).toContain("%ERROR:101: no entries found");
  });

  it("answers %ERROR:101 for unknown space", async () => {
    expect(await ask("whois.ripe.net", "198.51.100.7")).toContain("%ERROR:101: no entries found");
    expect(await ask("whois.ripe.net", "AS64510")).toContain("%ERROR:101: no entries found");
  });
});
