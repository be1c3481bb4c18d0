export { loadRuleSet, RULES_DIR, LISTS_DIR, type RuleSet, type LoadRulesOptions } from "./load.js";
export * from "./schema.js";
