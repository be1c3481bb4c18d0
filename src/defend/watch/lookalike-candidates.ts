import { permutations } from "../lookalikes/index.js";
import type { CandidateGenerator } from "./types.js";

/**
 * The candidates of a `--lookalikes` entry: every fuzzer of `whoislens lookalikes`, closest first (edit
 * distance, then fuzzer order), so a pass's `maxCandidates` cap keeps the likeliest look-alikes.
 */
export const lookalikeCandidates: CandidateGenerator = (domain) =>
  permutations(domain)
    .map((permutation, order) => ({ permutation, order }))
    .sort((a, b) => a.permutation.distance - b.permutation.distance || a.order - b.order)
    .map(({ permutation }) => permutation);
