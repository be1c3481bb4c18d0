export { footprint, FOOTPRINT_DEFAULTS, type FootprintOptions } from "./run.js";
export { parseSeed, type Seed } from "./seeds.js";
export { PIVOTS, pivotsFor, type Pivot, type PivotContext } from "./pivots/index.js";
export { Identity, unusableReason, registrableDomain } from "./judge.js";
export { DnsClient, resolverAddress } from "./dns.js";
export { ReverseWhois, StoreReverseSource, WhoisXmlSource, WhoxySource, type ReverseWhoisSource, type ReverseField, type ApiContext } from "./sources/index.js";
export { NODE_TYPES, nodeId, type FootprintGraph, type GraphEdge, type GraphNode, type NodeType, type EdgeEvidence, type QuerySpend } from "./types.js";
export { QueryMeter } from "./meter.js";
export { renderFootprint, FOOTPRINT_FORMATS, PARTIAL_MARKS, type FootprintFormat } from "./export/index.js";
