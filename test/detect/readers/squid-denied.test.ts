/**
 * w23 (issue #13): behind an authenticating proxy every new CONNECT is first refused with the 407 challenge
 * (Squid `TCP_DENIED/407`) and then retried with credentials (`TCP_TUNNEL/200`); an access rule's refusal is
 * `TCP_DENIED/403` (Squid wiki, SquidFaq/SquidLogs, "Squid result codes"). A refused request never reached the
 * site: it is no lookup, as a firewall's deny is none. Before, each lookup behind NTLM/Kerberos proxy auth
 * counted twice (12 lookups made a 24-lookup burst) and a request the proxy blocked alerted as a lookup.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { tempFile } from "./helpers.js";

const T0 = 1796637600;
const line = (t: number, client: string, code: string, target: string, user = "-") =>
  `${(T0 + t).toFixed(3)}     95 ${client} ${code} 3400 CONNECT ${target} ${user} ${code.startsWith("TCP_DENIED") ? "HIER_NONE/-" : "HIER_DIRECT/192.0.2.10"} -`;

describe("Squid: requests the proxy refused", () => {
  it("12 lookups behind proxy authentication (407, then the tunnel) are 12, not a 24-lookup burst", async () => {
    const lines = Array.from({ length: 12 }, (_, i) => [line(i * 10, "10.0.0.7", "TCP_DENIED/407", "who.is:443"), line(i * 10 + 1, "10.0.0.7", "TCP_TUNNEL/200", "who.is:443", "CORP\\alice")]).flat();
    const { alerts } = await detectFiles([tempFile("squid-ntlm.log", `${lines.join("\n")}\n`)]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip, a.evidence.length])).toEqual([["whois-web-service", "10.0.0.7", 12]]);
  });

  it("a CONNECT the proxy blocked (TCP_DENIED/403) raises nothing; the same allowed does", async () => {
    const blocked = await detectFiles([tempFile("squid-403.log", `${line(0, "10.0.0.8", "TCP_DENIED/403", "who.is:443")}\n`)]);
    expect(blocked.alerts).toEqual([]);
    const allowed = await detectFiles([tempFile("squid-200.log", `${line(0, "10.0.0.8", "TCP_TUNNEL/200", "who.is:443")}\n`)]);
    expect(allowed.alerts.map((a) => a.ruleId)).toEqual(["whois-web-service"]);
  });
});
