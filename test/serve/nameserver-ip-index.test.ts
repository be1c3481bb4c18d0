import { afterEach, describe, expect, it, vi } from "vitest";
import { ServeData } from "../../src/serve/data.js";
import { validateDataset } from "../../src/serve/load.js";
import { ipaddr } from "../../src/util/cjs-deps.js";

/**
 * `nameservers?ip=` (RFC 9082 §3.2.2) answered from an index of normalized addresses built once, not by parsing every
 * address of every name server on each request (one query from anyone cost the whole dataset). Addresses here are
 * written in the spellings operators use: compressed and full IPv6, upper case, IPv4-mapped.
 */
const DATASET = validateDataset({
  service: "Address Index Registry",
  contacts: [],
  domains: [],
  networks: [],
  autnums: [],
  nameservers: [
    { name: "ns1.alpha.example", ipv4: ["192.0.2.53"], ipv6: ["2001:db8::53"] },
    // The same IPv6 address as ns1's, fully written and in upper case; and a v4-mapped spelling of ns1's IPv4.
    { name: "ns2.beta.example", ipv4: ["198.51.100.7"], ipv6: ["2001:0DB8:0000:0000:0000:0000:0000:0053", "::ffff:192.0.2.53"] },
    // One address twice, two spellings: still one hit.
    { name: "ns3.gamma.example", ipv4: [], ipv6: ["2001:db8:1::1", "2001:DB8:1:0::1"] },
    { name: "ns4.delta.example", ipv4: ["203.0.113.9"], ipv6: [] },
  ],
});

const names = (data: ServeData, address: string, limit = 10): string[] => data.nameserversByIp(address, limit).map((ns) => ns.name);

describe("nameservers?ip= from an address index", () => {
  afterEach(() => vi.restoreAllMocks());

  it("finds every name server holding the address, whatever spelling either side uses, in dataset order", () => {
    const data = new ServeData(DATASET);
    expect(names(data, "192.0.2.53")).toEqual(["ns1.alpha.example", "ns2.beta.example"]);
    expect(names(data, "::ffff:192.0.2.53")).toEqual(["ns1.alpha.example", "ns2.beta.example"]);
    expect(names(data, "::FFFF:c000:0235")).toEqual(["ns1.alpha.example", "ns2.beta.example"]);
    for (const spelling of ["2001:db8::53", "2001:0db8::0053", "2001:DB8:0:0:0:0:0:53"]) expect(names(data, spelling)).toEqual(["ns1.alpha.example", "ns2.beta.example"]);
    expect(names(data, "2001:db8:1::1")).toEqual(["ns3.gamma.example"]);
    expect(names(data, "198.51.100.7")).toEqual(["ns2.beta.example"]);
    expect(names(data, "203.0.113.9")).toEqual(["ns4.delta.example"]);
  });

  it("no hit, a near miss, a bad address and the limit", () => {
    const data = new ServeData(DATASET);
    expect(names(data, "192.0.2.54")).toEqual([]);
    expect(names(data, "2001:db8::5")).toEqual([]);
    expect(names(data, "not-an-address")).toEqual([]);
    expect(names(data, "192.0.2.53", 1)).toEqual(["ns1.alpha.example"]);
  });

  it("the dataset's addresses are parsed once, on the first search: later searches parse only the question", () => {
    const data = new ServeData(DATASET);
    const parse = vi.spyOn(ipaddr, "process");
    names(data, "192.0.2.53");
    const addressesInDataset = DATASET.nameservers.reduce((sum, ns) => sum + ns.ipv4.length + ns.ipv6.length, 0);
    expect(parse).toHaveBeenCalledTimes(addressesInDataset + 1);
    parse.mockClear();
    for (const address of ["2001:db8::53", "203.0.113.9", "192.0.2.99"]) names(data, address);
    expect(parse).toHaveBeenCalledTimes(3);
  });
});
