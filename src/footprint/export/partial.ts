import type { FootprintFormat } from "../defaults.js";

/**
 * An interrupted footprint (graph.interrupted) is partial, and every output format says so in the way
 * that format can. One row per format: where the mark goes, and why there. test/footprint/partial-mark
 * renders every format of FOOTPRINT_FORMATS interrupted and not, and fails for a format without a row.
 */
export const PARTIAL_SENTENCE = "the run was interrupted before it ended; running it again finishes it (answers already received come from the cache)";

export const PARTIAL_MARKS: Readonly<Record<FootprintFormat, string>> = Object.freeze({
  json: 'a top-level "interrupted": true (the graph object as the library returns it)',
  md: "a bold line under the title: **Partial: the run was interrupted before it ended.**",
  text: "a line under the counts: Partial: …",
  html: 'a paragraph under the title, <p class="partial"><strong>Partial: …</strong></p>, styled to stand out',
  // RFC 4180 has no comments; '#' lines are the convention readers skip when told to (pandas
  // read_csv(comment="#"), R read.csv(comment.char="#")). Last, so the header stays the first line.
  csv: 'a last line "# partial: …" (a comment row; the header stays the first line)',
  // GraphML 1.0: a <desc> as the graph's first child, and graph-level <data> of a key declared for="graph".
  graphml: 'the graph\'s <desc> says "partial: …", and its data key "partial" (for="graph", boolean) is true',
  // STIX 2.1 §4.10 Note: "additional analysis not contained in the original object"; object_refs names the seeds' objects.
  stix: 'a note object (abstract "Partial footprint") whose object_refs are the seeds\' objects',
});
