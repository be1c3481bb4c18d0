import { describe, expect, it } from "vitest";
import { readJCard } from "../../src/parse/rdap/jcard.js";
import { routeResolver } from "../../src/lookup/routes.js";
import type { LookupOptions } from "../../src/lookup/options.js";
import type { Contact } from "../../src/record/types.js";
import { loadServerMap } from "../../src/servers/index.js";

/** The RDAP shapes the stranger's world (test/fixtures/python-world/world.py) sent that we had read wrong. */
describe("jCard ORG, a structured value (RFC 6350 §6.6.4, RFC 7095 §3.3.1.3)", () => {
  const org = (value: unknown): string | undefined => {
    const contact: Contact = { roles: [] };
    readJCard(["vcard", [["version", {}, "text", "4.0"], ["org", {}, "text", value]]], contact);
    return contact.organization;
  };
  it("is the organization's name, its units left out", () => {
    expect(org(["Stranger Holdings Ltd", "Domains", "Night Shift"])).toBe("Stranger Holdings Ltd");
    expect(org(["", "Domains"])).toBe("Domains");
    expect(org("ABC, Inc.")).toBe("ABC, Inc.");
    expect(org([])).toBeUndefined();
  });
});

describe("a link or redirect onto a --servers target, in mapped-only mode", () => {
  const servers = loadServerMap({ "rdap.nic.gamma": "http://127.0.0.1:8080/gamma/", "rdap.moved.gamma": "http://127.0.0.1:8081/" });
  const resolver = routeResolver({ servers, mappedOnly: true, allowPrivate: true } as unknown as LookupOptions);
  it("is that mapped server: a mapped server's own address in its links (127.0.0.1:port) is not a host outside the map", () => {
    expect(resolver.rdap("http://127.0.0.1:8080/gamma/registrar/domain/x.gamma")).toEqual({ url: "http://127.0.0.1:8080/gamma/registrar/domain/x.gamma", explicit: true });
    expect(resolver.rdap("http://127.0.0.1:8081/rdap/domain/x.gamma")).toEqual({ url: "http://127.0.0.1:8081/rdap/domain/x.gamma", explicit: true });
  });
  it("but another port, or a path outside the target's base, is still outside the map", () => {
    expect(() => resolver.rdap("http://127.0.0.1:8082/rdap/domain/x.gamma")).toThrow(/not in the --servers map/);
    expect(() => resolver.rdap("http://127.0.0.1:8080/other/domain/x.gamma")).toThrow(/not in the --servers map/);
  });
});
