export {
  Bootstrap,
  BOOTSTRAP_KINDS,
  BOOTSTRAP_STAMP_FILE,
  SHIPPED_BOOTSTRAP_DIR,
  defaultBootstrapDir,
  loadDefaultBootstrap,
  type BootstrapFile,
  type BootstrapFiles,
  type BootstrapKind,
} from "./bootstrap.js";
export {
  updateBootstrap,
  UPDATE_DEFAULTS,
  BOOTSTRAP_SOURCE,
  DEFAULT_BOOTSTRAP_TTL_SECONDS,
  type UpdateOptions,
  type UpdateResult,
  type UpdatedFile,
} from "./update.js";
export {
  whoisServerForTld,
  whoisServerForDomain,
  rirWhoisServerForRdapBase,
  isRirWhoisServer,
  IANA_WHOIS_SERVER,
  TLD_WHOIS,
  RIR_WHOIS,
  RIR_WHOIS_BY_RDAP_HOST,
  RIR_RDAP_BASE,
  rirRdapBase,
  type Rir,
} from "./whois-servers.js";
export { NIR_REFERRALS, nirReferralFor, type NirReferral } from "./nir-referrals.js";
export { CCTLD_WHOIS, IDN_CCTLD_WHOIS, LEGACY_GTLD_WHOIS, NEW_GTLD_WHOIS, SUFFIX_WHOIS } from "./whois-table.js";
export { curatedRdapBases, CURATED_RDAP, type CuratedRdapRow } from "./curated-rdap.js";
export {
  profileFor,
  formatQuery,
  SERVER_PROFILES,
  BASE_PROFILE,
  type ServerProfile,
  type ProfileRow,
  type QueryKindForServer,
  type QueryTemplates,
} from "./profiles.js";
export {
  loadServerMap,
  ServerMap,
  type Endpoint,
  type ServerPolicy,
  type ServerMapInput,
  type ServerOverrides,
  type ResolvedWhois,
  type ResolvedRdap,
} from "./server-map.js";
export { cacheDir, dataDir, configFile, cachedBootstrapDir, PATH_DEFAULTS, type Env } from "./paths.js";
