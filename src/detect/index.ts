/**
 * Detection of WHOIS reconnaissance (MITRE ATT&CK T1596.002) in logs and packet captures: readers
 * (log files → DetectEvents), the rule table, the streaming detector, alert formats and rule export.
 */
export type * from "./types.js";
export { readLog, sniffFormat, parseColumnMap, CSV_FIELDS, type ReadOptions } from "./readers/index.js";
export { loadRuleSet, RULES_DIR, LISTS_DIR, type RuleSet, type LoadRulesOptions, type Rule, type Selector, type HostRow } from "./rules/index.js";
export { createDetector, detectFiles, readListFile, loadCountryDb, SCORES, SEVERITIES, type Detector, type DetectorOptions, type DetectFilesOptions, type DetectResult, type CountryDb } from "./engine/index.js";
export { alertToEcs, formatNdjson, formatCef, cefHeader, cefValue, formatMarkdown, formatAlertMarkdown, formatStatsMarkdown, type CefOptions, type RuleDescriptions } from "./format/index.js";
export { toSigma, sigmaYaml, toSuricata, suricataRules, type SigmaDocument, type SigmaOptions, type SuricataOptions } from "./export/index.js";
