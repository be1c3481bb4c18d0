// Public library API: what users may import. Each capability folder owns its surface.
export * from "./errors.js";
export type * from "./record/types.js";
export { stripControl, sanitizeField, sanitizeDeep } from "./util/sanitize.js";
export { csvSafe, csvCell, escapeHtml, htmlText, xmlText, markdownText, noFormula } from "./util/export-text.js";
export {
  lookup,
  queryServer,
  classifyQuery,
  resolveLookupOptions,
  LOOKUP_DEFAULTS,
  TieredAnswerCache,
  immediateScheduler,
  mergeReferral,
  type LookupOptions,
  type ClassifiedQuery,
  type HopScheduler,
  type HopOutcome,
  type AnswerCache,
} from "./lookup/index.js";
export { parseAnswer, parseWhoisText, parseRdap, parseDate, type ParseAnswerOptions } from "./parse/index.js";
export { queryWhois, fetchRdap, closeRdapAgents, parseProxyUrl, isPrivateAddress, type ProxyConfig } from "./net/index.js";
export { Bootstrap, loadServerMap, ServerMap, profileFor, updateBootstrap, loadDefaultBootstrap } from "./servers/index.js";
export { startSandbox, type Sandbox, type SandboxOptions } from "./server/index.js";
export { bulkLookup, PoliteScheduler, type BulkOptions, type BulkResult } from "./bulk/index.js";
export { Store } from "./store/index.js";
export {
  footprint,
  renderFootprint,
  parseSeed,
  QueryMeter,
  StoreReverseSource,
  WhoisXmlSource,
  WhoxySource,
  FOOTPRINT_DEFAULTS,
  FOOTPRINT_FORMATS,
  type FootprintOptions,
  type FootprintGraph,
  type FootprintFormat,
  type GraphNode,
  type GraphEdge,
  type NodeType,
  type ReverseWhoisSource,
} from "./footprint/index.js";
export {
  readLog,
  sniffFormat,
  loadRuleSet,
  createDetector,
  detectFiles,
  formatNdjson,
  formatCef,
  formatMarkdown,
  toSigma,
  toSuricata,
  type Alert,
  type DetectEvent,
  type ReadStats,
  type Detector,
  type DetectorOptions,
} from "./detect/index.js";
export { main as runCli } from "./cli/main.js";
