export { Bootstrap, BOOTSTRAP_KINDS, SHIPPED_BOOTSTRAP_DIR, type BootstrapFile, type BootstrapFiles, type BootstrapKind } from "./bootstrap.js";
export { loadDefaultBootstrap, updateBootstrap, BOOTSTRAP_SOURCE, type UpdateOptions, type UpdateResult } from "./update.js";
export { whoisServerForTld, rirWhoisServerForRdapBase, TLD_WHOIS, RIR_WHOIS_BY_RDAP_HOST } from "./tld-whois.js";
export { curatedRdapBases, CURATED_RDAP } from "./curated-rdap.js";
export { profileFor, SERVER_PROFILES, type ServerProfile, type QueryKindForServer } from "./profiles.js";
export { loadServerMap, ServerMap, type Endpoint, type ServerPolicy, type ServerMapInput } from "./server-map.js";
export { cacheDir, dataDir, configFile, cachedBootstrapDir } from "./paths.js";
