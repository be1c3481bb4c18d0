export { queryWhois, type WhoisAnswer, type WhoisQueryOptions, type WhoisTruncation } from "./whois-client.js";
export { fetchRdap, closeRdapAgents, parseRetryAfter, type RdapAnswer, type RdapFetchOptions } from "./rdap-client.js";
export { parseProxyUrl, connectThroughProxy, type ProxyConfig } from "./proxy.js";
export { isPrivateAddress, isPrivateLiteral, assertNotPrivateLiteral, assertPublicHost, systemResolver, type HostResolver } from "./address-guard.js";
export { cachingResolver, RESOLVER_CACHE, type ResolverCacheOptions } from "./resolver-cache.js";
export { decodeAnswer } from "./decode.js";
export { jsonNestingDepth, parseJsonSafely } from "./json-guard.js";
export { NET_DEFAULTS } from "./defaults.js";
export { originOf, sameOrigin, urlHasCredentials } from "./origin.js";
