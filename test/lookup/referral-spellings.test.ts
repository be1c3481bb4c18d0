import { describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { parseReferralTarget } from "../../src/lookup/routes.js";
import { loadServerMap } from "../../src/servers/index.js";
import { useTcpServers, whoisResponder } from "../helpers/servers.js";

/**
 * A registry's referral names the registrar's server however its software prints host names: upper
 * case, and in the fully qualified form with the root's trailing dot ("WHOIS.REG-A.TEST."). Found with a
 * hand-written port-43 world: the dotted spelling was a server of its own, so the registrar, whose own
 * answer names itself without the dot, was asked twice (and paced as two servers).
 */
describe("referral host spellings", () => {
  const tcp = useTcpServers();

  it.each(["WHOIS.REG-A.TEST.", "whois.reg-a.test.", "whois://whois.reg-a.test./"])("%s is whois.reg-a.test", (value) => {
    expect(parseReferralTarget(value)).toEqual({ scheme: "whois", host: "whois.reg-a.test" });
  });

  it("rejects a referral that is only the root dot", () => {
    expect(parseReferralTarget(".")).toBeUndefined();
  });

  it("asks the registrar once when the registry names it with a trailing dot and it names itself without", async () => {
    const asked: string[] = [];
    const registry = await tcp.start(
      whoisResponder((query) => (asked.push(`registry ${query}`), `   Domain Name: ${query.toUpperCase()}\r\n   Registrar WHOIS Server: WHOIS.REG-A.TEST.\r\n   Registrar: REGISTRAR A\r\n`)),
    );
    const registrar = await tcp.start(
      whoisResponder(
        (query) => (
          asked.push(`registrar ${query}`),
          `Domain Name: ${query}\r\nRegistrar WHOIS Server: whois.reg-a.test\r\nRegistrar: Registrar A, LLC\r\nRegistrant Email: hostmaster@acme.test\r\n`
        ),
      ),
    );
    const record = await lookup("acme.test", {
      protocol: "whois",
      host: "127.0.0.1",
      port: registry,
      servers: loadServerMap({ "whois.reg-a.test": `127.0.0.1:${registrar}` }),
      hopTimeoutMs: 2000,
    });
    expect(asked).toEqual(["registry acme.test", "registrar acme.test"]);
    expect(record.chain?.map((hop) => hop.server)).toEqual(["127.0.0.1", "whois.reg-a.test"]);
    expect(record.contacts?.[0]?.email).toBe("hostmaster@acme.test");
  });
});
