export { permutations, splitDomain, toAscii, FUZZERS, LOOKALIKE_LIMITS } from "./permutations.js";
export { damerauLevenshtein } from "./distance.js";
export { FUZZER_NAMES, type FuzzerName, type Permutation, type PermutationOptions } from "./types.js";
