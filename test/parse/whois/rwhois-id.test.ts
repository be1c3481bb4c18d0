// Issue #13 (w13-parse): an RWhois object's "ID" attribute (RFC 2167 §3.3: every object has Class-Name, ID, Auth-Area)
// is that object's handle: "network:ID:" the network's (as ARIN's NetHandle / RDAP's handle), "domain:ID:" the domain's.
// A bare "ID:" label of another layout, or the ID of another RWhois class, is not the network's handle.
import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";
import { lines } from "./answer-helpers.js";
import { RWHOIS_NET } from "./w12-answers.js";

describe("RWhois ID attribute", () => {
  it("network:ID is the network's handle; the range still gives the CIDR", () => {
    const record = parseWhoisText(RWHOIS_NET.text, { server: RWHOIS_NET.server, query: RWHOIS_NET.query });
    expect(record.network).toMatchObject({ handle: "NETBLK-EXAMPLE-192-0-2-0", cidrs: ["192.0.2.0/26"] });
  });

  it("the tokenizer names an RWhois ID with its class, other attributes without it", () => {
    const keys = tokenize(lines("network:ID:NET-1", "domain:ID:7.example.ma", "contact:ID:C-1", "network:Network-Name:X")).map((entry) => entry.key);
    expect(keys).toEqual(["network id", "domain id", "contact id", "network name"]);
  });

  it("domain:ID is the domain's handle", () => {
    const record = parseWhoisText(lines("domain:Class-Name:domain", "domain:ID:333.example.ma", "domain:Domain-Name:example.ma", "domain:Created:20100102"), { query: "example.ma" });
    expect(record.domain).toEqual({ name: "example.ma", handle: "333.example.ma" });
  });

  it("neither a contact's RWhois ID nor a bare 'ID:' line of another layout names the network", () => {
    const contact = parseWhoisText(lines("network:ID:NET-A", "network:IP-Network:192.0.2.0/26", "", "contact:Class-Name:contact", "contact:ID:C-99"), { query: "192.0.2.1" });
    expect(contact.network?.handle).toBe("NET-A");
    const bare = parseWhoisText(lines("inetnum: 192.0.2.0 - 192.0.2.255", "netname: EXAMPLE", "ID: 12345"), { query: "192.0.2.1" });
    expect(bare.network?.handle).not.toBe("12345");
  });
});
