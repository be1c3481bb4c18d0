import { describe, expect, it } from "vitest";
import { LOOPBACK_HOST } from "../../../src/console/api/defaults.js";

// One loopback pattern for `console --host`'s warning, the DNS-rebinding guard's switch and the Host
// headers it lets in (three copies before, one without the bare ::1, two without [::1]).
describe("LOOPBACK_HOST", () => {
  it.each(["127.0.0.1", "127.10.20.30", "localhost", "::1", "[::1]"])("%s is loopback", (host) => {
    expect(LOOPBACK_HOST.test(host)).toBe(true);
  });
  it.each(["0.0.0.0", "::", "10.0.0.1", "127.0.0.1.rebind.example", "localhost.attacker.example", "evil-localhost", "[::1]x", ""])("%j is not", (host) => {
    expect(LOOPBACK_HOST.test(host)).toBe(false);
  });
});
