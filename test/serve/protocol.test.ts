import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sourceKeyOf } from "../../src/serve/accounting.js";
import type { ContactPlanter } from "../../src/serve/contract.js";
import { parseWhoisQuery } from "../../src/serve/query.js";
import { harvestWorld, holdConnections, whoisFrom } from "./clients-abusive.js";
import { decoyDataset, rdapGet, registryDataset, serveOnLoopback, type Running } from "./helpers.js";

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("RDAP responses (RFC 9083, RFC 9537)", () => {
  it("every answer has rdapConformance and notices; objects have self links; errors are RDAP error bodies", async () => {
    server = await serveOnLoopback(registryDataset());
    for (const path of ["domain/widgets.example", "nameserver/ns1.widgets.example", "entity/ALICE-TEST", "ip/198.51.100.0/25", "ip/2001:db8:1000::1", "autnum/64496", "help", "domains?name=widg*"]) {
      const { status, body } = await rdapGet(server.rdapBase, path);
      expect(status, path).toBe(200);
      expect(body.rdapConformance, path).toContain("rdap_level_0");
      expect(Array.isArray(body.notices), path).toBe(true);
      if (body.objectClassName) expect((body.links as { rel: string }[]).some((l) => l.rel === "self"), path).toBe(true);
    }
    expect((await rdapGet(server.rdapBase, "ip/2001:db8:1000::1")).body).toMatchObject({ handle: "NET6-WID-1", ipVersion: "v6" });
    const missing = await rdapGet(server.rdapBase, "domain/nope.example");
    expect(missing).toMatchObject({ status: 404, body: { errorCode: 404, title: "Not Found" } });
    expect((await rdapGet(server.rdapBase, "domains?name=*")).status).toBe(422);
    expect((await rdapGet(server.rdapBase, "frobnicate/x")).status).toBe(400);
    const post = await fetch(`${server.rdapBase}domain/widgets.example`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(post.headers.get("connection")).toBe("close");
    expect(await post.json()).toMatchObject({ errorCode: 405, title: "Method Not Allowed", rdapConformance: expect.arrayContaining(["rdap_level_0"]) });
    // RDAP requests carry no body: a GET declaring a large one is refused before it is read.
    const { request } = await import("node:http");
    const bodied = await new Promise<number>((resolve, reject) => {
      const req = request(`${server?.rdapBase ?? ""}domain/widgets.example`, { method: "GET", headers: { "content-length": "5000" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("x".repeat(5000));
    });
    expect(bodied).toBe(413);
    const head = await fetch(`${server?.rdapBase ?? ""}domain/widgets.example`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("application/rdap+json");
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(100);
  });

  it("a redacted registration withholds the personal fields and says so in `redacted` members, and counts no personal object", async () => {
    server = await serveOnLoopback(registryDataset());
    const { body } = await rdapGet(server.rdapBase, "domain/private.example");
    const registrant = (body.entities as { roles: string[]; vcardArray: [string, unknown[][]]; handle?: string }[]).find((e) => e.roles.includes("registrant"));
    expect(registrant?.handle).toBeUndefined();
    const props = registrant?.vcardArray[1].map((p) => p[0]);
    expect(props).not.toContain("email");
    expect(props).not.toContain("tel");
    const redacted = body.redacted as { name: { type: string }; method: string }[];
    expect(redacted.map((r) => r.name.type)).toEqual(expect.arrayContaining(["Registrant Name", "Registrant Email", "Registrant Phone"]));
    expect(redacted.every((r) => r.method === "removal")).toBe(true);
    const port43 = await whoisFrom(server.whoisPort, "127.0.0.1", "private.example");
    expect(port43.text).toContain("Registrant Name: REDACTED FOR PRIVACY");
    expect(port43.text).not.toContain("bob@widgets.example");
    expect(server.log.entries.map((e) => e.personalObjects)).toEqual([0, 0]);
  });
});

describe("decoys and the canary planter (src/serve/contract.ts)", () => {
  it("a decoy answer carries the planted contacts for the asking source, on both protocols, and the log names the canaries", async () => {
    const calls: [string, string][] = [];
    const planter: ContactPlanter = {
      plant: async (objectKey, sourceKey) => {
        calls.push([objectKey, sourceKey]);
        const tag = sourceKey.replace(/\W/g, "");
        return { name: `Canary ${tag}`, email: `c-${tag}@trap.example`, phone: "+1.5550001234", ids: [`cn-${tag}-1`, `cn-${tag}-2`, `cn-${tag}-3`] };
      },
    };
    server = await serveOnLoopback(decoyDataset(), { planter });
    const text = (await whoisFrom(server.whoisPort, "127.0.0.2", "northwind-payroll.example")).text;
    expect(text).toContain("Registrant Email: c-127002@trap.example");
    expect(text).not.toContain("dana.whitfield");
    const { body } = await rdapGet(server.rdapBase, "domain/northwind-payroll.example");
    expect(JSON.stringify(body)).toContain("c-127001@trap.example");
    expect(calls).toEqual([["northwind-payroll.example", "127.0.0.2"], ["northwind-payroll.example", "127.0.0.1"]]);
    expect(server.log.entries.map((e) => [e.decoy, e.canaries])).toEqual([[true, ["cn-127002-1", "cn-127002-2", "cn-127002-3"]], [true, ["cn-127001-1", "cn-127001-2", "cn-127001-3"]]]);
  });
});

describe("a planter that fails (its store unavailable)", () => {
  it("the answer is an error showing nothing personal: the query counts, the personal objects admitted for it go back, on both protocols and for an inverse answer", async () => {
    let calls = 0;
    const planter: ContactPlanter = {
      plant: async () => {
        calls += 1;
        throw new Error("canary store unavailable");
      },
    };
    server = await serveOnLoopback(decoyDataset(), { planter });
    const port43 = (await whoisFrom(server.whoisPort, "127.0.0.2", "northwind-payroll.example")).text;
    expect(port43).toMatch(/^%ERROR:100: internal software error/);
    expect(port43).not.toContain("Dana Whitfield");
    const inverse = (await whoisFrom(server.whoisPort, "127.0.0.2", "-i org NORTHWIND-ORG")).text;
    expect(inverse).toMatch(/^%ERROR:100/);
    const rdap = await rdapGet(server.rdapBase, "domain/northwind-payroll.example");
    expect(rdap.status).toBe(500);
    expect(calls).toBe(3);
    for (const source of ["127.0.0.2", "127.0.0.1"]) expect(server.accounting.snapshot(source)).toMatchObject({ dayPersonal: 0 });
    expect(server.accounting.snapshot("127.0.0.2")?.dayQueries).toBe(2);
    expect(server.accounting.snapshot("127.0.0.1")?.dayQueries).toBe(1);
    expect(server.log.entries.map((e) => [e.outcome, e.personalObjects])).toEqual([["error", 0], ["error", 0], ["error", 0]]);
    // The quota given back is the one the next answer uses: a planted answer still counts as before.
    planter.plant = async () => ({ name: "Canary", email: "c@trap.example", phone: "+1.5550001234", ids: ["cn-1"] });
    expect((await whoisFrom(server.whoisPort, "127.0.0.2", "northwind-payroll.example")).text).toContain("Registrant Email: c@trap.example");
    expect(server.accounting.snapshot("127.0.0.2")?.dayPersonal).toBe(2);
  });
});

describe("sources and queries", () => {
  it("domain search (RFC 9082 §3.2.1): a * matches inside or at the end of the name, only names sharing the head are walked", async () => {
    server = await serveOnLoopback(harvestWorld(30));
    const names = async (pattern: string): Promise<string[]> =>
      ((await rdapGet(server!.rdapBase, `domains?name=${encodeURIComponent(pattern)}`)).body.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName).sort();
    expect(await names("shop1*")).toHaveLength(11);
    expect(await names("sh*7.example")).toEqual(["shop17.example", "shop27.example", "shop7.example"]);
    expect(await names("shop3.example")).toEqual(["shop3.example"]);
    expect(await names("zz*")).toEqual([]);
    const registry = await serveOnLoopback(registryDataset());
    try {
      const found = (await rdapGet(registry.rdapBase, "nameservers?name=ns*.widgets.example")).body.nameserverSearchResults as { ldhName: string }[];
      expect(found.map((ns) => ns.ldhName)).toEqual(["ns1.widgets.example", "ns2.widgets.example"]);
    } finally {
      await registry.close();
    }
  });

  it("finds an IDN by its U-label or A-label, over both protocols", async () => {
    const dataset = registryDataset();
    dataset.domains.push({ ...dataset.domains[0]!, name: "xn--bcher-kva.example", unicodeName: "bücher.example", handle: "D2002-TEST" });
    server = await serveOnLoopback(dataset);
    expect((await whoisFrom(server.whoisPort, "127.0.0.1", "bücher.example")).text).toContain("Domain Name: XN--BCHER-KVA.EXAMPLE");
    expect((await rdapGet(server.rdapBase, `domain/${encodeURIComponent("bücher.example")}`)).body).toMatchObject({ ldhName: "xn--bcher-kva.example", unicodeName: "bücher.example" });
    expect((await rdapGet(server.rdapBase, "domain/XN--BCHER-KVA.EXAMPLE.")).status).toBe(200);
  });

  it("accounts IPv4 per address, IPv6 per /64 and IPv4-mapped IPv6 as IPv4", () => {
    expect(sourceKeyOf("192.0.2.7")).toBe("192.0.2.7");
    expect(sourceKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(sourceKeyOf("2001:db8:1:2:ffff::9")).toBe("2001:db8:1:2::/64");
    expect(sourceKeyOf("::ffff:192.0.2.7")).toBe("192.0.2.7");
  });

  it("over IPv6 (::1) both servers account the client's /64 and log its address", async () => {
    server = await serveOnLoopback(registryDataset(), { host: "::1" });
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "::1", port: server!.whoisPort }, () => socket.write("widgets.example\r\n"));
      const chunks: Buffer[] = [];
      socket.on("data", (c: Buffer) => chunks.push(c));
      socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
      socket.on("error", reject);
    });
    expect(text).toContain("Domain Name: WIDGETS.EXAMPLE");
    expect(server.rdapBase).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
    expect((await rdapGet(server.rdapBase, "autnum/64496")).status).toBe(200);
    expect(server.log.entries.map((e) => [e.protocol, e.source, e.sourceKey])).toEqual([["whois", "::1", "::/64"], ["rdap", "::1", "::/64"]]);
    expect(server.accounting.snapshot("::/64")).toMatchObject({ dayQueries: 2, dayPersonal: 5 });
  });

  it("reads the query forms real clients send", () => {
    expect(parseWhoisQuery("domain widgets.example")).toEqual({ type: "domain", value: "widgets.example" });
    expect(parseWhoisQuery("-r -B 198.51.100.1")).toEqual({ type: "ip", value: "198.51.100.1", options: { referenced: false } });
    expect(parseWhoisQuery("-T person ALICE-TEST")).toEqual({ type: "entity", value: "ALICE-TEST", options: { referenced: true, types: ["person"] } });
    expect(parseWhoisQuery("-B -G 198.51.100.1")).toEqual({ type: "ip", value: "198.51.100.1" });
    expect(parseWhoisQuery("=widgets.example")).toEqual({ type: "name", value: "widgets.example" });
    expect(parseWhoisQuery("as64496")).toEqual({ type: "autnum", value: 64496 });
    expect(parseWhoisQuery("")).toEqual({ type: "bad", reason: "no query argument specified" });
  });

  it.each([
    ["throws", (): never => {
      throw new Error("planter down");
    }],
    ["rejects", (): Promise<never> => Promise.reject(new Error("planter down"))],
  ] as const)("a canary planter that %s gives an error answer and an 'error' log line over both protocols; the server keeps serving", async (_how, plant) => {
    const planter: ContactPlanter = { plant };
    server = await serveOnLoopback(decoyDataset(), { planter });
    const whoisText = await whoisFrom(server.whoisPort, "127.0.0.1", "northwind-payroll.example");
    expect(whoisText.text).toMatch(/^%ERROR:100: internal software error/);
    const rdap = await fetch(`${server.rdapBase}domain/northwind-payroll.example`);
    expect(rdap.status).toBe(500);
    expect(await rdap.json()).toMatchObject({ errorCode: 500 });
    expect(server.log.entries.map((e) => [e.protocol, e.outcome])).toEqual([["whois", "error"], ["rdap", "error"]]);
    // An object without personal data needs no planter and is answered.
    expect((await rdapGet(server.rdapBase, "nameserver/ns1.northwind-payroll.example")).status).toBe(200);
  });

  it.each(["whois", "rdap"] as const)("the global connection cap closes %s connections past it, whoever opens them", async (protocol) => {
    server = await serveOnLoopback(registryDataset(), { limits: { maxConnections: 100 }, whoisLimits: { maxConnections: 4 }, rdapLimits: { maxConnections: 4 } });
    const held = await holdConnections(protocol === "whois" ? server.whoisPort : (server.rdap?.port ?? 0), "127.0.0.2", 8);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = held.sockets.filter((s) => s.destroyed || s.readableEnded).length;
    expect(closed).toBe(4);
    for (const socket of held.sockets) socket.destroy();
  });
});
