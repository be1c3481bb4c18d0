import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

const ANSWER = "Domain Name: EXAMPLE.COM\nRegistrar: Example Registrar, Inc.\nCreation Date: 1995-08-14T04:00:00Z\nName Server: A.IANA-SERVERS.NET\n";

describe("parseWhoisText options from JavaScript callers", () => {
  // Bug found while profiling issue #13: `query: null` (JSON's "no value") threw inside the parser on
  // `.trim()`, and the caller got an empty record with status unknown instead of the parsed answer.
  it("reads the answer when query or server is null, as when they are absent", () => {
    const absent = parseWhoisText(ANSWER);
    const nulls = parseWhoisText(ANSWER, { query: null, server: null } as unknown as { query?: string; server?: string });
    expect(absent.status).toBe("registered");
    expect(absent.domain?.name).toBe("example.com");
    expect(nulls).toEqual(absent);
  });

  it("treats a non-string query or server as absent", () => {
    const odd = parseWhoisText(ANSWER, { query: 42, server: {} } as unknown as { query?: string; server?: string });
    expect(odd).toEqual(parseWhoisText(ANSWER));
  });

  it("keeps a string query and server", () => {
    const record = parseWhoisText(ANSWER, { query: "example.com", server: "whois.verisign-grs.com" });
    expect(record.query).toBe("example.com");
    expect(record.source.server).toBe("whois.verisign-grs.com");
  });
});
