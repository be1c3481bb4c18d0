// w25 (issue #13): a server's over-quota answer in its own words is a refusal to retry, never a result. The answers are
// OpenSRS's documented limit messages (https://support.opensrs.com/support/solutions/articles/201000063438-whois-rate-limiting)
// and Nominet WHOIS2's proxy quota answer (https://registrars.nominet.uk/uk-namespace/registration-and-domain-management/
// query-tools/uk-whois2/uk-whois2-instructions-for-use/), served on loopback.
import { describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { readThrottleText } from "../../src/lookup/throttle-wait.js";
import { useTcpServers, whoisResponder } from "../helpers/servers.js";

const DAILY_LIMIT = "Maximum daily connection limit reached. Lookup refused.\r\n";
const BLOCK_LIST =
  "WHOIS lookup refused for this IP range. This IP range is on the OpenSRS block-list for WHOIS lookups. To request that this IP range be removed from the block-list, please send an email to whoisblock@tucows.com.\r\n";
const PROXY_QUOTA =
  'Error for "example.co.uk". This proxy has exceeded its quota for forwarded WHOIS queries. The quota will be replenished in 120 seconds. WHOIS lookup made at 10:00:00 08-Dec-2026\r\n';
// SIDN's limit answer (quoted in https://github.com/weppos/whois/issues/401) and a registrar's refusal listing its possible
// causes (quoted at http://whois.aosoo.com/index/maizuanshi.net): both were results before w25 (unknown, available).
const SIDN_PER_MINUTE = "whois.domain-registry.nl: maximum number of requests per minute exceeded\r\n";
const REGISTRAR_CAUSES = [
  "We are unable to process your request at this time.",
  "The whois information is unavailable for this domain for one of the following reasons:",
  "",
  "(1) Too many simulataneous connections from your host;",
  "(2) The domain you requested is not with this Registrar;",
  "(3) You have exceeded your query limit;",
  "(4) Your IP address has been restricted;",
  "(5) Whois data is not available for this domain - check back in 48 hours when our server is updated;",
  "(6) Access has been restricted to ensure operational stability;",
  "(7) A system error has occurred;",
  "(8) The time limit for your request has expired;",
  "(9) The IP address provided is not valid or the host specified by the IP address does not exist;",
  "(10) There is an error in what you have inputed or requested;",
  "(11) An unknown error has occurred;",
  "(12) The domain is not currently registered;",
  "(13) The domain you requested contains invalid characters;",
  "(14) The domain you requested is too long;",
  "(15) The domain you requested begins or ends with a dash;",
  "(16) The domain you requested is a third or fourth level domain;",
  "(17) You did not specify a domain name.",
  "",
].join("\r\n");

describe("over-quota answers in the server's own words", () => {
  const tcp = useTcpServers();

  it.each([
    ["OpenSRS daily limit", DAILY_LIMIT],
    ["OpenSRS block-list", BLOCK_LIST],
    ["Nominet WHOIS2 proxy quota", PROXY_QUOTA],
    ["SIDN per-minute limit", SIDN_PER_MINUTE],
    ["registrar refusal with a list of causes", REGISTRAR_CAUSES],
  ])("%s: the lookup is throttled, not a record", async (_name, answer) => {
    const port = await tcp.start(whoisResponder(() => answer));
    const record = await lookup("example.com", { protocol: "whois", host: "127.0.0.1", port, followReferrals: false, hopTimeoutMs: 2000 });
    expect(record.status).toBe("throttled");
    expect(record.chain?.map((hop) => hop.status)).toEqual(["throttled"]);
  });

  it("the block-list refusal is a block for good; the daily limit and the proxy quota are waits", () => {
    expect(readThrottleText(BLOCK_LIST)).toEqual({ permanent: true });
    expect(readThrottleText(DAILY_LIMIT)).toEqual({ permanent: false });
    expect(readThrottleText(PROXY_QUOTA)).toEqual({ waitMs: 120_000, permanent: false });
  });
});
