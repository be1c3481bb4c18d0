export { permutations, splitDomain, toAscii, FUZZERS, LOOKALIKE_LIMITS } from "./permutations.js";
export { damerauLevenshtein } from "./distance.js";
export { FUZZER_NAMES, type FuzzerName, type Permutation, type PermutationOptions } from "./types.js";
export { checkLookalikes, dnsPass, CHECK_DEFAULTS, WHOIS_MODES, type CheckOptions, type DnsPassResult, type LookalikeFinding, type WhoisMode } from "./check.js";
export { renderLookalikes, LOOKALIKE_FORMATS, type LookalikeFormat } from "./render.js";
