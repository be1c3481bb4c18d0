// w25 (issue #13): a server's over-quota answer in its own words is a refusal to retry, never a result. The answers are
// OpenSRS's documented limit messages (https://support.opensrs.com/support/solutions/articles/201000063438-whois-rate-limiting)
// and Nominet WHOIS2's proxy quota answer (https://registrars.nominet.uk/uk-namespace/registration-and-domain-management/
// query-tools/uk-whois2/uk-whois2-instructions-for-use/), served on loopback.
import { describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { readThrottleText } from "../../src/lookup/throttle-wait.js";
import { useTcpServers, whoisResponder } from "../helpers/servers.js";
import { REGISTRAR_CAUSES, SIDN_PER_MINUTE } from "../parse/whois/refusal-answers.js";

const DAILY_LIMIT = "Maximum daily connection limit reached. Lookup refused.\r\n";
const BLOCK_LIST =
  "WHOIS lookup refused for this IP range. This IP range is on the OpenSRS block-list for WHOIS lookups. To request that this IP range be removed from the block-list, please send an email to whoisblock@tucows.com.\r\n";
const PROXY_QUOTA =
  'Error for "example.co.uk". This proxy has exceeded its quota for forwarded WHOIS queries. The quota will be replenished in 120 seconds. WHOIS lookup made at 10:00:00 08-Dec-2026\r\n';
// SIDN's limit answer (quoted in https://github.com/weppos/whois/issues/401) and a registrar's refusal listing its possible
// causes (quoted at http://whois.aosoo.com/index/maizuanshi.net): both were results before w25 (unknown, available).
const SIDN_PER_MINUTE_ANSWER = `${SIDN_PER_MINUTE}\r\n`;
const REGISTRAR_CAUSES_ANSWER = [...REGISTRAR_CAUSES, ""].join("\r\n");

describe("over-quota answers in the server's own words", () => {
  const tcp = useTcpServers();

  it.each([
    ["OpenSRS daily limit", DAILY_LIMIT],
    ["OpenSRS block-list", BLOCK_LIST],
    ["Nominet WHOIS2 proxy quota", PROXY_QUOTA],
    ["SIDN per-minute limit", SIDN_PER_MINUTE_ANSWER],
    ["registrar refusal with a list of causes", REGISTRAR_CAUSES_ANSWER],
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
