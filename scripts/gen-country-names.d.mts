/** Types of scripts/gen-country-names.mjs for the tests that import it. */
export function runtimeRegionNames(): [string, string][];
export function countryNamesSource(table: readonly (readonly [string, string])[]): string;
