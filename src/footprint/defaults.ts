/**
 * Footprint's option defaults and output formats, in a module with no imports so that the CLI can
 * show them in `--help` without loading the footprint engine (lookup, store, DNS, exporters).
 */
export const FOOTPRINT_DEFAULTS = { depth: 3, budget: 500, minConfidence: 0.5, fanOut: 200, concurrency: 8 } as const;

/** "text" is the summary for a terminal; the others are files (md: the Markdown report). */
export type FootprintFormat = "json" | "graphml" | "csv" | "stix" | "md" | "html" | "text";
export const FOOTPRINT_FORMATS: readonly FootprintFormat[] = ["json", "graphml", "csv", "stix", "md", "html", "text"];
