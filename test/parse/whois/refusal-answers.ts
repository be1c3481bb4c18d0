// Refusals in a server's own words, shared by the parser's test (w25-phrases.test.ts) and the lookup's over a
// loopback server (test/lookup/refusal-words.test.ts). Our typing of the text as quoted in the source beside each.

/** SIDN (.nl), quoted in https://github.com/weppos/whois/issues/401. */
export const SIDN_PER_MINUTE = "whois.domain-registry.nl: maximum number of requests per minute exceeded";

/**
 * A registrar's refusal listing its possible causes, one of them "not currently registered": quoted whole at
 * http://whois.aosoo.com/index/maizuanshi.net.
 */
export const REGISTRAR_CAUSES: readonly string[] = [
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
];
