import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WHOIS_HOSTS } from "../../src/server/index.js";
import { rdapReply } from "../../src/server/rdap-routes.js";
import { RDAP_HOSTS } from "../../src/server/world.js";

/** Queries and paths come from clients: the answer functions must never throw on them. */
describe("the world answers any query without throwing", () => {
  const query = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom("-i", "-B", "-r", "-T", "n +", "a +", "+", "domain", "=", "/e", "AS", "::", "1.2.3.4/99", "%ff", "xn--").chain((prefix) => fc.string({ maxLength: 60 }).map((rest) => `${prefix} ${rest}`)),
  );

  it("port 43", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(WHOIS_HOSTS)), query, (host, text) => {
        const answer = WHOIS_HOSTS[host]?.(text);
        expect(answer === undefined ? 0 : answer.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it("RDAP", () => {
    const path = fc.oneof(fc.string({ maxLength: 120 }), query.map((q) => `domain/${q}`), query.map((q) => `ip/${q}`), query.map((q) => `registry/entity/${q}`));
    fc.assert(
      fc.property(fc.constantFrom(...RDAP_HOSTS), path, (host, text) => {
        const reply = rdapReply(host, text);
        expect([200, 404]).toContain(reply.status);
        expect(() => JSON.stringify(reply.body)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });
});
