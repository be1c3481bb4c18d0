import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadServerMap } from "../../src/servers/server-map.js";
import { rdapBase } from "./raw.js";
import { useSandbox } from "../helpers/built-cli.js";

const sandbox = useSandbox();

interface Reply {
  status: number;
  type: string | null;
  body: Record<string, unknown>;
}

async function rdap(host: string, path: string): Promise<Reply> {
  const response = await fetch(`${rdapBase(sandbox(), host)}${path}`, { signal: AbortSignal.timeout(3000) });
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, unknown> };
}

const links = (body: Record<string, unknown>): { rel: string; href: string }[] => body.links as { rel: string; href: string }[];
type Entity = { roles: string[]; publicIds?: { type: string; identifier: string }[]; vcardArray: [string, unknown[][]] };
const entity = (body: Record<string, unknown>, role: string): Entity | undefined => (body.entities as Entity[]).find((e) => e.roles.includes(role));
const vcardValue = (e: Entity | undefined, property: string): unknown => e?.vcardArray[1].find((p) => p[0] === property)?.[3];

describe("registry RDAP (Verisign-style)", () => {
  it("answers a domain with a related link to the registrar's RDAP", async () => {
    const reply = await rdap("rdap.verisign.com", "com/v1/domain/example.com");
    expect(reply.status).toBe(200);
    expect(reply.type).toBe("application/rdap+json");
    expect(reply.body).toMatchObject({ objectClassName: "domain", ldhName: "EXAMPLE.COM", secureDNS: { delegationSigned: true } });
    expect(links(reply.body)).toContainEqual(expect.objectContaining({ rel: "related", href: "https://rdap.registrar-one.sandbox/domain/example.com" }));
    expect(reply.body.status).toEqual(["client delete prohibited", "client transfer prohibited", "client update prohibited"]);
    expect(entity(reply.body, "registrar")?.publicIds).toEqual([{ type: "IANA Registrar ID", identifier: "9991" }]);
    expect(entity(reply.body, "registrant")).toBeUndefined();
  });

  it("answers 404 with an RFC 9083 error body", async () => {
    const reply = await rdap("rdap.verisign.com", "com/v1/domain/never-registered-example.com");
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ errorCode: 404, title: "Not Found" });
    expect(Array.isArray(reply.body.description)).toBe(true);
  });

  it("serves .net under its own base path", async () => {
    expect((await rdap("rdap.verisign.com", "net/v1/domain/example.net")).body).toMatchObject({ ldhName: "EXAMPLE.NET" });
    expect((await rdap("rdap.verisign.com", "com/v1/domain/example.net")).status).toBe(404);
  });

  it("answers the IDN by its A-label", async () => {
    const reply = await rdap("rdap.verisign.com", "com/v1/domain/xn--caf-dma.com");
    expect(reply.body).toMatchObject({ ldhName: "XN--CAF-DMA.COM", unicodeName: "café.com" });
  });

  it("serves the post-sunset gTLD over RDAP only", async () => {
    const reply = await rdap("pubapi.registry.google", "rdap/domain/sunset-example.app");
    expect(reply.status).toBe(200);
    expect(links(reply.body)).toContainEqual(expect.objectContaining({ rel: "related", href: "https://rdap.registrar-two.sandbox/domain/sunset-example.app" }));
    expect(Object.keys(sandbox().serverMap).some((host) => host.endsWith(".app") || host === "whois.nic.google")).toBe(false);
  });

  it("links the loop domain into two RDAP servers that point at each other", async () => {
    const registry = await rdap("rdap.verisign.com", "com/v1/domain/loop-referral.com");
    expect(links(registry.body).find((l) => l.rel === "related")?.href).toBe("https://rdap.loop-a.sandbox/domain/loop-referral.com");
    const a = await rdap("rdap.loop-a.sandbox", "domain/loop-referral.com");
    expect(links(a.body)[0]?.href).toBe("https://rdap.loop-b.sandbox/domain/loop-referral.com");
    const b = await rdap("rdap.loop-b.sandbox", "domain/loop-referral.com");
    expect(links(b.body)[0]?.href).toBe("https://rdap.loop-a.sandbox/domain/loop-referral.com");
  });
});

describe("registrar RDAP", () => {
  it("registrar one shows full jCard contacts", async () => {
    const reply = await rdap("rdap.registrar-one.sandbox", "domain/example.com");
    expect(vcardValue(entity(reply.body, "registrant"), "fn")).toBe("Alice Example");
    expect(vcardValue(entity(reply.body, "technical"), "email")).toBe("noc@acme-widgets.example");
    expect(reply.body.redacted).toBeUndefined();
  });

  it("registrar two redacts with RFC 9537 members and a privacy service", async () => {
    const reply = await rdap("rdap.registrar-two.sandbox", "domain/privacy-example.com");
    expect(vcardValue(entity(reply.body, "registrant"), "org")).toBe("Privacy Protect Service Ltd.");
    const redacted = reply.body.redacted as { name: { type: string }; method: string }[];
    expect(redacted).toContainEqual(expect.objectContaining({ name: { type: "Registrant Name" }, method: "removal" }));
    expect(reply.body.rdapConformance).toContain("redacted");
  });

  it("does not answer for the other registrar's domain", async () => {
    expect((await rdap("rdap.registrar-one.sandbox", "domain/privacy-example.com")).status).toBe(404);
  });
});

describe("RIR RDAP", () => {
  it("ARIN-style ip network, autnum and entity", async () => {
    expect((await rdap("rdap.arin.net", "registry/ip/198.51.100.7")).body).toMatchObject({ objectClassName: "ip network", handle: "NET-198-51-100-0-1", startAddress: "198.51.100.0" });
    expect((await rdap("rdap.arin.net", "registry/autnum/64500")).body).toMatchObject({ objectClassName: "autnum", name: "ACME-AS" });
    expect((await rdap("rdap.arin.net", "registry/entity/ACMEW-ARIN")).body).toMatchObject({ objectClassName: "entity", handle: "ACMEW-ARIN" });
    // Another registry's block: ARIN redirects to that registry's RDAP (303, RFC 7480 §5.2), as the real server does.
    const moved = await fetch(`${rdapBase(sandbox(), "rdap.arin.net")}registry/ip/203.0.113.9`, { redirect: "manual", signal: AbortSignal.timeout(3000) });
    expect({ status: moved.status, location: moved.headers.get("location") }).toEqual({ status: 303, location: "https://rdap.db.ripe.net/ip/203.0.113.9" });
    const movedAsn = await fetch(`${rdapBase(sandbox(), "rdap.arin.net")}registry/autnum/64501`, { redirect: "manual", signal: AbortSignal.timeout(3000) });
    expect(movedAsn.headers.get("location")).toBe("https://rdap.db.ripe.net/autnum/64501");
    expect((await rdap("rdap.arin.net", "registry/ip/192.0.2.1")).status).toBe(404);
    const poc = await rdap("rdap.arin.net", "registry/entity/ABUSE-ACMEW-ARIN");
    expect(poc.body).toMatchObject({ handle: "ABUSE-ACMEW-ARIN", roles: ["abuse"] });
    expect(vcardValue(poc.body as unknown as Entity, "email")).toBe("abuse@acme-widgets.example");
    expect((await rdap("rdap.arin.net", "registry/entity/CB123-RIPE")).status).toBe(404);
  });

  it("RIPE-style v4/v6 networks and autnum", async () => {
    expect((await rdap("rdap.db.ripe.net", "ip/203.0.113.0/24")).body).toMatchObject({ handle: "203.0.113.0 - 203.0.113.255", ipVersion: "v4" });
    expect((await rdap("rdap.db.ripe.net", "ip/2001:db8:1234::7")).body).toMatchObject({ ipVersion: "v6", name: "ACME-EU-V6" });
    expect((await rdap("rdap.db.ripe.net", "autnum/64501")).body).toMatchObject({ handle: "AS64501" });
    expect((await rdap("rdap.db.ripe.net", "autnum/64510")).status).toBe(404);
    expect(vcardValue((await rdap("rdap.db.ripe.net", "entity/CB123-RIPE")).body as unknown as Entity, "fn")).toBe("Clara Beispiel");
    expect((await rdap("rdap.db.ripe.net", "entity/ORG-AWE1-RIPE")).body).toMatchObject({ handle: "ORG-AWE1-RIPE", roles: ["registrant"] });
    expect((await rdap("rdap.db.ripe.net", "autnum/65550")).body).toMatchObject({ handle: "AS65550", startAutnum: 65550 });
  });
});

describe("the --servers map and bootstrap files", () => {
  it("maps every WHOIS host to host:port and every RDAP host to a loopback base URL", () => {
    for (const [host, value] of Object.entries(sandbox().serverMap)) {
      if (host.startsWith("whois.")) expect(value).toMatch(/^127\.0\.0\.1:\d+$/);
      else expect(value).toBe(`${String(value).match(/^http:\/\/127\.0\.0\.1:\d+\//)?.[0]}${host}/`);
    }
  });

  it("writes IANA-format bootstrap files whose https URLs all rewrite into the sandbox", () => {
    const map = loadServerMap(sandbox().serverMap);
    for (const kind of ["dns", "ipv4", "ipv6", "asn", "object-tags"] as const) {
      const file = join(sandbox().bootstrapDir, `${kind}.json`);
      expect(existsSync(file)).toBe(true);
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { version: string; services: unknown[][] };
      expect(parsed).toEqual(JSON.parse(JSON.stringify(sandbox().bootstrap[kind])));
      expect(parsed.version).toBe("1.0");
      const urls = parsed.services.flatMap((service) => service.at(-1) as string[]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\/([a-z0-9]+\/)*$/);
        expect(map.rdap(`${url}domain/x`)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      }
    }
  });

  it("describes names whose servers are all in the map", () => {
    const names = sandbox().describe();
    expect(new Set(names.map((n) => `${n.kind} ${n.query}`)).size).toBe(names.length);
    const hosts = names.flatMap((n) => [n.whois, n.rdap]).flatMap((path) => (path ?? "").split(" → ")).map((hop) => hop.split(" ")[0] ?? "");
    for (const host of hosts.filter((h) => /^[a-z]/.test(h) && !h.startsWith("http") && h !== "loop")) expect(Object.keys(sandbox().serverMap)).toContain(host);
    expect(names.filter((n) => n.expect === "available").map((n) => n.query)).toEqual(expect.arrayContaining(["never-registered-example.com", "available-example.org", "frei-beispiel.de"]));
  });
});
