import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Bootstrap,
  CCTLD_WHOIS,
  CURATED_RDAP,
  curatedRdapBases,
  IDN_CCTLD_WHOIS,
  isRirWhoisServer,
  LEGACY_GTLD_WHOIS,
  NEW_GTLD_WHOIS,
  RIR_WHOIS,
  rirRdapBase,
  rirWhoisServerForRdapBase,
  SHIPPED_BOOTSTRAP_DIR,
  SUFFIX_WHOIS,
  TLD_WHOIS,
  whoisServerForDomain,
  whoisServerForTld,
} from "../../src/servers/index.js";

const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const TABLES = { LEGACY_GTLD_WHOIS, CCTLD_WHOIS, IDN_CCTLD_WHOIS, NEW_GTLD_WHOIS, SUFFIX_WHOIS };

describe("WHOIS server tables", () => {
  it.each(Object.entries(TABLES))("%s: lowercase keys, valid lowercase host names", (_name, table) => {
    for (const [key, host] of Object.entries(table)) {
      expect(key, key).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);
      expect(host, key).toMatch(HOST);
    }
  });

  it("has no TLD in two tables", () => {
    const seen = new Map<string, string>();
    for (const [name, table] of Object.entries(TABLES)) {
      if (name === "SUFFIX_WHOIS") continue;
      for (const key of Object.keys(table)) {
        expect(seen.get(key), `${key} in ${name} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, name);
      }
    }
    expect(Object.keys(TLD_WHOIS).length).toBe(seen.size);
  });

  it("keeps ccTLD keys two letters and IDN keys A-labels; suffixes have two labels or more", () => {
    for (const key of Object.keys(CCTLD_WHOIS)) expect(key).toMatch(/^[a-z]{2}$/);
    for (const key of Object.keys(IDN_CCTLD_WHOIS)) expect(key).toMatch(/^xn--[a-z0-9-]+$/);
    for (const key of Object.keys(SUFFIX_WHOIS)) expect(key.split(".").length).toBeGreaterThanOrEqual(2);
  });

  it("lists a server for at least 190 ccTLDs", () => {
    expect(Object.keys(CCTLD_WHOIS).length).toBeGreaterThanOrEqual(190);
  });

  it("gives every gTLD in the shipped bootstrap an RDAP base or a WHOIS server", () => {
    const dns = JSON.parse(readFileSync(join(SHIPPED_BOOTSTRAP_DIR, "dns.json"), "utf8")) as { services: [string[], string[]][] };
    const bootstrap = Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);
    const gtlds = dns.services.flatMap(([tlds]) => tlds).filter((tld) => tld.length > 2 && !tld.startsWith("xn--"));
    expect(gtlds.length).toBeGreaterThan(1000);
    const uncovered = gtlds.filter((tld) => bootstrap.domain(`example.${tld}`).length === 0 && whoisServerForTld(tld) === undefined);
    expect(uncovered).toEqual([]);
  });

  it.each([
    ["com", "whois.verisign-grs.com"],
    [".NET", "whois.verisign-grs.com"],
    ["org.", "whois.publicinterestregistry.org"],
    ["de", "whois.denic.de"],
    ["jp", "whois.jprs.jp"],
    ["рф", "whois.tcinet.ru"],
    ["xn--p1ai", "whois.tcinet.ru"],
    ["no-such-tld", undefined],
    ["", undefined],
    ["constructor", undefined],
    ["__proto__", undefined],
  ])("whoisServerForTld(%j) → %s", (tld, host) => {
    expect(whoisServerForTld(tld)).toBe(host);
  });

  it.each([
    ["example.com", "whois.verisign-grs.com"],
    ["www.example.co.uk", "whois.nic.uk"],
    ["cam.ac.uk", "whois.ja.net"],
    ["example.org.za", "org-whois.registry.net.za"],
    ["example.co.za", "whois.registry.net.za"],
    ["example.uk.com", "whois.centralnic.com"],
    ["пример.рф", "whois.tcinet.ru"],
    ["example.unknown-tld", undefined],
    ["localhost", undefined],
  ])("whoisServerForDomain(%j) → %s", (name, host) => {
    expect(whoisServerForDomain(name)).toBe(host);
  });

  it("maps each RIR's RDAP base to its WHOIS server", () => {
    const bootstrap = Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);
    expect(rirWhoisServerForRdapBase(bootstrap.ipv4("8.8.8.8")[0] ?? "")).toBe(RIR_WHOIS.arin);
    expect(rirWhoisServerForRdapBase(bootstrap.ipv4("193.0.6.139")[0] ?? "")).toBe(RIR_WHOIS.ripe);
    expect(rirWhoisServerForRdapBase(bootstrap.ipv4("1.1.1.1")[0] ?? "")).toBe(RIR_WHOIS.apnic);
    expect(rirWhoisServerForRdapBase(bootstrap.asn(28000)[0] ?? "")).toBe(RIR_WHOIS.lacnic);
    expect(rirWhoisServerForRdapBase(bootstrap.asn(36864)[0] ?? "")).toBe(RIR_WHOIS.afrinic);
    expect(rirWhoisServerForRdapBase("http://rdap.arin.net/registry/")).toBe("whois.arin.net");
    expect(rirWhoisServerForRdapBase("https://rdap.example.test/")).toBeUndefined();
    expect(rirWhoisServerForRdapBase("not a url")).toBeUndefined();
    expect(isRirWhoisServer("WHOIS.RIPE.NET")).toBe(true);
    expect(isRirWhoisServer("whois.verisign-grs.com")).toBe(false);
  });

  it("gives each RIR's RDAP base, the bootstrap's own, by its RDAP host and by its port-43 host", () => {
    const bootstrap = Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);
    const bases = [bootstrap.ipv4("8.8.8.8")[0], bootstrap.ipv4("193.0.6.139")[0], bootstrap.ipv4("1.1.1.1")[0], bootstrap.asn(28000)[0], bootstrap.asn(36864)[0]];
    for (const [index, whois] of [RIR_WHOIS.arin, RIR_WHOIS.ripe, RIR_WHOIS.apnic, RIR_WHOIS.lacnic, RIR_WHOIS.afrinic].entries()) {
      const base = bases[index] ?? "";
      expect(rirRdapBase(whois)).toBe(base.replace(/^http:/, "https:"));
      expect(rirRdapBase(` ${new URL(base).host.toUpperCase()} `)).toBe(rirRdapBase(whois));
    }
    expect(rirRdapBase("rdap.example.test")).toBeUndefined();
    expect(rirRdapBase("__proto__")).toBeUndefined();
  });
});

describe("curated RDAP", () => {
  const bootstrap = Bootstrap.load(SHIPPED_BOOTSTRAP_DIR);

  it("lists only ccTLDs the shipped bootstrap lacks, each with https bases and a source", () => {
    for (const [tld, row] of Object.entries(CURATED_RDAP)) {
      expect(tld).toMatch(/^[a-z]{2}$/);
      expect(bootstrap.domain(`example.${tld}`), tld).toEqual([]);
      expect(row.source.length, tld).toBeGreaterThan(10);
      for (const base of row.bases) expect(base, tld).toMatch(/^https:\/\/[a-z0-9.-]+\/([a-z0-9._-]+\/)*$/);
    }
  });

  it.each([
    ["de", ["https://rdap.denic.de/"]],
    [".DE", ["https://rdap.denic.de/"]],
    ["example.ch", ["https://rdap.nic.ch/"]],
    ["com", []],
    ["toString", []],
  ])("curatedRdapBases(%j)", (input, bases) => {
    expect(curatedRdapBases(input)).toEqual(bases);
  });

  it("returns a copy callers may change", () => {
    curatedRdapBases("de").push("https://evil.test/");
    expect(curatedRdapBases("de")).toEqual(["https://rdap.denic.de/"]);
  });
});
