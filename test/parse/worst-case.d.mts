// Types of worst-case.mjs (plain JavaScript so that bench/parse.mjs can import it too).
export declare const MIB: number;
export declare const WHOIS_WORST_CASES: Readonly<Record<string, (bytes?: number) => string>>;
export declare const RDAP_WORST_CASES: Readonly<Record<string, (bytes?: number) => Record<string, unknown>>>;
export interface WorstCase {
  kind: "whois" | "rdap";
  name: string;
  input: string | Record<string, unknown>;
}
export declare function allWorstCases(bytes?: number): WorstCase[];
