export { lookup, firstServerFor, firstRouteFor } from "./engine.js";
export { DiscoveryCache, DISCOVERY_DEFAULTS, discoveryCacheFor, type DiscoveredRoute, type DiscoveryOptions } from "./discovery.js";
export { discoveryScope } from "./discovery-routes.js";
export { queryServer, type DirectAnswer } from "./direct.js";
export { classifyQuery, type ClassifiedQuery, type QueryKind } from "./classify.js";
export { LOOKUP_DEFAULTS, resolveLookupOptions, type LookupOptions, type ProtocolChoice } from "./options.js";
export { TieredAnswerCache, CACHE_DEFAULTS, type AnswerCache, type CachedAnswer, type CacheOptions } from "./cache.js";
export { immediateScheduler, type HopOutcome, type HopScheduler, type Refused } from "./scheduler.js";
export { mergeReferral } from "./merge.js";
