/**
 * Issue #19 end to end over loopback: a port-43 server and an RDAP server (written here, not the
 * sandbox world) answer with an unterminated OSC, bidi characters, and prototype words as RDAP roles,
 * keys and vCard names; `whoislens lookup` keeps every later field and prints none of it raw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { runCli } from "../helpers/cli.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
let whois: TestServer;
let rdap: TestServer;

const WHOIS_ANSWER = [
  "Domain Name: EXAMPLE.COM",
  "Registrar: Evil \u001b]0;retitled with no terminator",
  "Registrant Name: Jane \u202eeod\u202c Doe",
  "Registrant Organization: constructor",
  "Registrant Email: jane@example.com",
  "__proto__: polluted",
  "Name Server: NS1.EXAMPLE.COM",
  "Name Server: NS2.EXAMPLE.COM",
  "",
].join("\r\n");

const RDAP_ANSWER = `{"objectClassName":"domain","ldhName":"example.com","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},
  "status":["active"],
  "events":[{"eventAction":"registration","eventDate":"2020-01-02T03:04:05Z"},{"eventAction":"constructor","eventDate":"2021-01-01T00:00:00Z"}],
  "nameservers":[{"objectClassName":"nameserver","ldhName":"ns1.example.com"}],
  "entities":[{"objectClassName":"entity","roles":["__proto__","constructor","registrant"],
    "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{"__proto__":{"polluted":1}},"text","Jane \\u001b]8;;http://evil.example/ Doe"],["org",{},"text","toString"],["hasOwnProperty",{},"text","x"]]]}]}`;

beforeAll(async () => {
  whois = await tcpServer(whoisResponder(() => WHOIS_ANSWER));
  rdap = await httpServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/rdap+json" });
    response.end(RDAP_ANSWER);
  });
});
afterAll(async () => {
  await closeRdapAgents();
  await whois.close();
  await rdap.close();
});

interface Printed {
  registrar?: { name?: string };
  nameservers?: { name: string }[];
  contacts?: { roles: string[]; name?: string; organization?: string; email?: string }[];
  dates?: Record<string, string>;
}

describe("lookup over loopback with hostile answers", () => {
  it("WHOIS: the unterminated OSC erases the rest of its field only; bidi stripped; nothing raw printed", async () => {
    const run = await runCli(["lookup", "example.com", "--protocol", "whois", "-h", "127.0.0.1", "-p", String(whois.port), "--no-follow", "--no-cache", "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(FORBIDDEN);
    const record = JSON.parse(run.stdout) as Printed;
    expect(record.registrar?.name).toBe("Evil");
    expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.com", "ns2.example.com"]);
    expect(record.contacts?.find((c) => c.roles.includes("registrant"))).toMatchObject({ name: "Jane eod Doe", organization: "constructor", email: "jane@example.com" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("RDAP: prototype words as roles, keys, event actions and vCard names stay data", async () => {
    const run = await runCli(["lookup", "example.com", "--protocol", "rdap", "--rdap-url", `http://127.0.0.1:${rdap.port}/`, "--no-follow", "--no-cache", "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(FORBIDDEN);
    const record = JSON.parse(run.stdout) as Printed;
    expect(record.dates).toEqual({ created: "2020-01-02T03:04:05Z" });
    expect(record.contacts).toEqual([expect.objectContaining({ roles: ["registrant"], name: "Jane ", organization: "toString" })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
