import dgram from "node:dgram";
import { Resolver } from "node:dns/promises";
import net from "node:net";
import dnsPacket, { type DecodedPacket, type RecordType } from "dns-packet";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/errors.js";
import { DOMAINS } from "../../src/server/dataset/domains.js";
import { DNS_ZONE, type DnsZoneTable } from "../../src/server/dataset/dns.js";
import { answerQuery } from "../../src/server/dns/message.js";
import { createZoneLookup, startDnsServer, type DnsServer } from "../../src/server/dns/index.js";
import { main } from "../../src/cli/main.js";
import { startSandbox } from "../../src/server/index.js";
import { fakeIO } from "../helpers/cli.js";
import { waitUntil } from "../helpers/wait.js";

const resolverFor = (server: { host: string; port: number }): Resolver => {
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`${server.host}:${server.port}`]);
  return resolver;
};

/** dns-packet's types omit the ANY pseudo-type its encoder knows (255). */
type QueryType = RecordType | "ANY";

const query = (name: string, type: QueryType, extra: Partial<dnsPacket.Packet> = {}): Buffer =>
  dnsPacket.encode({ type: "query", id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: type as RecordType, name, class: "IN" }], ...extra });

const udpAsk = (server: { host: string; port: number }, message: Buffer, ms = 1000): Promise<Buffer | undefined> =>
  new Promise((resolve) => {
    const socket = dgram.createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, ms);
    socket.once("message", (reply) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    });
    socket.send(message, server.port, server.host);
  });

const tcpAsk = (server: { host: string; port: number }, message: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(server.port, server.host, () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) {
        socket.destroy();
        resolve(all.subarray(2, 2 + all.readUInt16BE(0)));
      }
    });
    socket.on("error", reject);
  });

const decode = (reply: Buffer | undefined): DecodedPacket & { rcode?: string } => {
  expect(reply).toBeDefined();
  return dnsPacket.decode(reply as Buffer) as DecodedPacket & { rcode?: string };
};

const errorCode = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error.code,
  );

describe("the sandbox world's DNS server", () => {
  let server: DnsServer;
  let resolver: Resolver;
  beforeAll(async () => {
    server = await startDnsServer();
    resolver = resolverFor(server);
  });
  afterAll(() => server.close());

  it("resolves A, AAAA, MX, NS and TXT of world names through node:dns", async () => {
    expect(await resolver.resolve4("example.com")).toEqual(["198.51.100.10"]);
    expect(await resolver.resolve6("example.com")).toEqual(["2001:db8:1234::10"]);
    expect(await resolver.resolveMx("acme-widgets.com")).toEqual([
      { priority: 10, exchange: "mx1.acme-widgets.com" },
      { priority: 20, exchange: "mx2.acme-widgets.com" },
    ]);
    expect(await resolver.resolveNs("privacy-example.com")).toEqual(["ns1.bigdns.example", "ns2.bigdns.example"]);
    expect((await resolver.resolveTxt("example.org")).map((chunks) => chunks.join(""))).toEqual([expect.stringMatching(/^v=spf1 ip4:198\.51\.100\.0\/24/)]);
    expect(await resolver.resolve4("ns2.acme-dns.example")).toEqual(["203.0.113.53"]);
    expect(await resolver.resolve4("xn--caf-dma.com")).toEqual(["192.0.2.80"]);
  });

  it("matches names case-insensitively and follows CNAMEs inside the table", async () => {
    expect(await resolver.resolve4("EXAMPLE.Com")).toEqual(["198.51.100.10"]);
    expect(await resolver.resolve4("www.example.com")).toEqual(["198.51.100.10"]);
    expect(await resolver.resolveCname("WWW.acme-widgets.com")).toEqual(["acme-widgets.com"]);
    const reply = decode(await udpAsk(server, query("WwW.ExAmPlE.cOm", "A")));
    expect(reply.questions?.[0]?.name).toBe("WwW.ExAmPlE.cOm");
    expect(reply.answers?.map((answer) => answer.type)).toEqual(["CNAME", "A"]);
  });

  it("says NXDOMAIN (ENOTFOUND) for unknown names in the world's zones, NODATA for missing types, REFUSED outside", async () => {
    expect(await errorCode(resolver.resolve4("nope.example.com"))).toBe("ENOTFOUND");
    expect(await errorCode(resolver.resolve4("never-registered-example.com"))).toBe("ENOTFOUND");
    expect(await errorCode(resolver.resolve6("loop-referral.com"))).toBe("ENODATA");
    expect(await errorCode(resolver.resolve6("sunset-example.app"))).toBe("ENODATA");
    expect(await errorCode(resolver.resolve4("example.invalid"))).toBe("EREFUSED");

    const nx = decode(await udpAsk(server, query("nope.example.com", "A")));
    expect(nx).toMatchObject({ type: "response", id: 4242, flag_aa: true, flag_rd: true, rcode: "NXDOMAIN" });
    expect(nx.authorities?.[0]).toMatchObject({ type: "SOA", name: "example.com", data: { mname: "ns1.acme-dns.example", rname: "hostmaster.acme-widgets.example" } });
    const refused = decode(await udpAsk(server, query("www.google.test", "A")));
    expect(refused).toMatchObject({ flag_aa: false, rcode: "REFUSED", answers: [] });
    const ok = decode(await udpAsk(server, query("example.com", "NS")));
    expect(ok).toMatchObject({ flag_aa: true, rcode: "NOERROR" });
  });

  it("answers an ANY query with every record of the name, and EDNS with an OPT record", async () => {
    const reply = decode(await udpAsk(server, query("example.net", "ANY", { additionals: [{ type: "OPT", name: ".", udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] })));
    expect(new Set(reply.answers?.map((answer) => answer.type))).toEqual(new Set(["A", "AAAA", "NS", "MX", "TXT", "SOA"]));
    expect(reply.additionals).toEqual([expect.objectContaining({ type: "OPT", udpPayloadSize: 1232 })]);
  });

  it("sets TC on a UDP answer that does not fit, and node:dns retries over TCP for the whole answer", async () => {
    const udp = decode(await udpAsk(server, query("big.acme-widgets.com", "TXT")));
    expect(udp).toMatchObject({ flag_tc: true, answers: [] });
    const tcp = decode(await tcpAsk(server, query("big.acme-widgets.com", "TXT")));
    expect(tcp.flag_tc).toBe(false);
    expect(tcp.answers).toHaveLength(16);
    const records = await resolver.resolveTxt("big.acme-widgets.com");
    expect(records).toHaveLength(16);
    expect(records.map((chunks) => chunks.join("")).sort()[0]).toMatch(/^acme-verification-00=[0-9a-f]{64}$/);
  });

  it("answers pipelined TCP queries in order on one connection", async () => {
    const frames = ["example.com", "example.net", "example.org"].map((name, i) => {
      const message = dnsPacket.encode({ type: "query", id: i + 1, questions: [{ type: "A", name }] });
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      return Buffer.concat([length, message]);
    });
    const ids = await new Promise<number[]>((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      const seen: number[] = [];
      const socket = net.connect(server.port, server.host, () => socket.write(Buffer.concat(frames)));
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
          seen.push(dnsPacket.decode(buffer.subarray(2, 2 + buffer.readUInt16BE(0))).id ?? -1);
          buffer = buffer.subarray(2 + buffer.readUInt16BE(0));
        }
        if (seen.length === 3) {
          socket.destroy();
          resolve(seen);
        }
      });
      socket.on("error", reject);
    });
    expect(ids).toEqual([1, 2, 3]);
  });

  it("ignores random bytes on UDP and TCP and keeps answering", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 600 }), async (bytes) => {
        const message = Buffer.from(bytes);
        const reply = await udpAsk(server, message, 15);
        // Anything that is answered at all is a well-formed response to the same id.
        if (reply) expect(reply.readUInt16BE(0)).toBe(message.readUInt16BE(0));
        await new Promise<void>((resolve) => {
          const socket = net.connect(server.port, server.host, () => socket.end(message));
          socket.on("error", () => resolve());
          socket.on("close", () => resolve());
          socket.resume();
        });
      }),
      { numRuns: 100 },
    );
    expect(await resolver.resolve4("example.com")).toEqual(["198.51.100.10"]);
  });
});

describe("answerQuery (wire format, no sockets)", () => {
  const lookup = createZoneLookup(DNS_ZONE);
  const limits = { maxAnswerBytes: 16_384, udpPayloadBytes: 1232 };

  it("never throws and never exceeds the transport limit, whatever the bytes", () => {
    const header = fc.uint8Array({ minLength: 12, maxLength: 12 });
    const mutated = fc.tuple(fc.constantFrom("example.com", "big.acme-widgets.com", "nope.org"), fc.constantFrom<QueryType>("A", "TXT", "ANY", "MX"), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([name, type, at, byte]) => {
      const message = Buffer.from(query(name, type));
      message[at % message.length] = byte;
      return new Uint8Array(message);
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), header, mutated), fc.constantFrom<"udp" | "tcp">("udp", "tcp"), (bytes, transport) => {
        const reply = answerQuery(Buffer.from(bytes), transport, lookup, limits);
        if (reply) expect(reply.length).toBeLessThanOrEqual(transport === "udp" ? 1232 : 16_384);
      }),
      { numRuns: 3000 },
    );
  });

  it("ignores responses, and answers other opcodes NOTIMP and several questions FORMERR", () => {
    const response = dnsPacket.encode({ type: "response", id: 1, questions: [{ type: "A", name: "example.com" }] });
    expect(answerQuery(response, "udp", lookup, limits)).toBeUndefined();
    const notify = query("example.com", "SOA");
    notify.writeUInt16BE(notify.readUInt16BE(2) | (4 << 11), 2);
    expect(dnsPacket.decode(answerQuery(notify, "udp", lookup, limits) as Buffer)).toMatchObject({ rcode: "NOTIMP" });
    const two = dnsPacket.encode({ type: "query", id: 2, questions: [{ type: "A", name: "example.com" }, { type: "A", name: "example.net" }] });
    expect(dnsPacket.decode(answerQuery(two, "udp", lookup, limits) as Buffer)).toMatchObject({ rcode: "FORMERR", answers: [] });
  });

  it("caps answers over TCP too: records that do not fit are dropped and TC is set", async () => {
    const many: DnsZoneTable = { "test": { SOA: { mname: "ns.test", rname: "h.test", serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } }, "many.test": { A: Array.from({ length: 200 }, (_, i) => `192.0.2.${i}`) } };
    const capped = await startDnsServer({ zone: many, maxAnswerBytes: 1000 });
    try {
      const reply = await tcpAsk(capped, query("many.test", "A"));
      expect(reply.length).toBeLessThanOrEqual(1000);
      const packet = decode(reply);
      expect(packet.flag_tc).toBe(true);
      expect(packet.answers?.length).toBeGreaterThan(10);
      expect(packet.answers?.length).toBeLessThan(200);
    } finally {
      await capped.close();
    }
  });
});

describe("zone table and options", () => {
  it("has an apex for every sandbox domain, with the name servers its WHOIS record lists", () => {
    for (const domain of DOMAINS) {
      const row = DNS_ZONE[domain.name];
      expect(row?.SOA, domain.name).toBeDefined();
      expect(row?.NS, domain.name).toEqual(domain.nameservers.map((ns) => ns.name.toLowerCase()));
    }
    for (const name of ["xn--bcher-kva.de", "beispiel.de", "example.jp"]) expect(DNS_ZONE[name]?.SOA, name).toBeDefined();
  });

  it("keeps every address in the world's netblocks or the unregistered documentation space", () => {
    const blocks = ["198.51.100.0/24", "203.0.113.0/24", "2001:db8:1234::/48", "192.0.2.0/24", "2001:db8:53::/48"].map((cidr) => ipaddr.parseCIDR(cidr));
    for (const [name, row] of Object.entries(DNS_ZONE)) {
      for (const address of [...(row.A ?? []), ...(row.AAAA ?? [])]) {
        const parsed = ipaddr.parse(address);
        expect(blocks.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits)), `${name} ${address}`).toBe(true);
      }
    }
  });

  it("rejects bad options and bad zone rows with InvalidOptionError", async () => {
    await expect(startDnsServer({ maxAnswerBytes: 100 })).rejects.toThrow(InvalidOptionError);
    await expect(startDnsServer({ port: 70_000 })).rejects.toThrow(/port must be a whole number/);
    expect(() => createZoneLookup({ "bad.test": { A: ["2001:db8::1"] } })).toThrow(/"bad\.test": A 2001:db8::1 is not an IPv4 address/);
    expect(() => createZoneLookup({ "alias.test": { CNAME: "x.test", A: ["192.0.2.1"] } })).toThrow(/CNAME must be alone/);
  });
});

describe("startSandbox().dns", () => {
  it("serves the world's DNS, counts it in stats(), and close() frees the port for UDP and TCP", async () => {
    const sandbox = await startSandbox();
    const { host, port } = sandbox.dns;
    let closed = false;
    try {
      expect(host).toBe("127.0.0.1");
      expect(Object.values(sandbox.serverMap).some((value) => String(value).endsWith(`:${port}`))).toBe(false);
      expect(await resolverFor(sandbox.dns).resolve4("acme-widgets.com")).toEqual(["198.51.100.20"]);
      expect(sandbox.stats().dns).toBeGreaterThanOrEqual(1);
      await sandbox.close();
      closed = true;
      const udp = dgram.createSocket("udp4");
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(port, host, () => resolve());
      });
      const tcp = net.createServer();
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen(port, host, () => resolve());
      });
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    } finally {
      if (!closed) await sandbox.close();
    }
  });
});

describe("whoislens sandbox --describe", () => {
  it("prints the DNS server, usable as a --resolver value", async () => {
    const io = fakeIO();
    const running = main(["sandbox", "--describe"], io);
    await waitUntil(() => io.err.join("").includes("sandbox running"), "the sandbox command");
    const resolver = /^dns server \(--resolver\): (127\.0\.0\.1):(\d+)$/m.exec(io.out.join(""));
    expect(resolver).not.toBeNull();
    expect(io.err.join("")).toContain(`dns server (for --resolver, UDP and TCP): ${resolver?.[1]}:${resolver?.[2]}`);
    expect(await resolverFor({ host: resolver?.[1] ?? "", port: Number(resolver?.[2]) }).resolveMx("example.com")).toEqual([{ priority: 10, exchange: "mail.example.com" }]);
    io.interrupt();
    expect(await running).toBe(0);
  });
});
