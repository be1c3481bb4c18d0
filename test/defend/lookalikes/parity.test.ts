import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { permutations, splitDomain, type FuzzerName } from "../../../src/defend/lookalikes/index.js";

/**
 * Parity with Debian's dnstwist (20221213): for every fuzzer and every domain, our permutations ⊇ its.
 * dnstwist runs through test/defend/lookalikes/dnstwist-generate.py, which calls dnstwist.run(format='list')
 * one fuzzer at a time: generation only — its 'list' output returns before any DNS/HTTP/WHOIS work, so
 * no traffic leaves the machine (`--format json` would resolve every name, and `--nameservers` takes
 * only bare IPv4 addresses on port 53, so it cannot be pointed at a test server on a free port).
 */
const DNSTWIST = "/usr/lib/python3/dist-packages/dnstwist.py";
const PYTHON = "/usr/bin/python3"; // the interpreter Debian's /usr/bin/dnstwist runs under
// dnstwist checks its names with python3-idna (IDNA 2008) when it is there, and otherwise lists names IDNA refuses
// (my--bank-online.co.uk: hyphens in the 3rd and 4th places); Debian recommends it, ci-tools.sh installs it.
const IDNA = "/usr/lib/python3/dist-packages/idna/__init__.py";
const haveDnstwist = existsSync(DNSTWIST) && existsSync(PYTHON) && existsSync(IDNA);
if (!haveDnstwist) console.warn("lookalikes parity: Debian's dnstwist or python3-idna is not installed; the parity test is skipped (bash scripts/ci-tools.sh)");

/** Short, brand, hyphenated + multi-label suffix, IDN, with a subdomain, long. */
const DOMAINS = ["ibm.com", "paypal.com", "my-bank-online.co.uk", "bücher.de", "mail.example.net", "examplebankonline.com"];

/** dnstwist fuzzer name → ours (the same names; plural and idn-homograph are ours only). */
const FUZZER_MAP: Record<string, FuzzerName> = {
  addition: "addition",
  bitsquatting: "bitsquatting",
  cyrillic: "cyrillic",
  homoglyph: "homoglyph",
  hyphenation: "hyphenation",
  insertion: "insertion",
  omission: "omission",
  repetition: "repetition",
  replacement: "replacement",
  subdomain: "subdomain",
  transposition: "transposition",
  "vowel-swap": "vowel-swap",
  dictionary: "dictionary",
  "tld-swap": "tld-swap",
  various: "various",
};

/**
 * Documented differences (docs/lookalikes.md, "Differences from dnstwist"): names dnstwist makes that we
 * do not, and why. Each row must still match something, so a stale row fails.
 */
const EXCEPTIONS: readonly { fuzzers: readonly string[]; matches: (name: string, original: string) => boolean; why: string }[] = [
  {
    fuzzers: ["homoglyph", "vowel-swap", "dictionary"],
    matches: (name, original) => name === original,
    why: "dnstwist lists the input itself (a vowel swapped for itself; a homoglyph pass that changes nothing; a hyphenated part replaced by the same word); whoislens never returns the original",
  },
];

const DICTIONARY = ["login", "secure", "bank", "mail", "shop", "online"];
const TLDS = ["com", "net", "org", "co.uk", "de", "io"];

describe.skipIf(!haveDnstwist)("parity with Debian's dnstwist: ours ⊇ dnstwist's, per fuzzer", () => {
  const work = mkdtempSync(join(tmpdir(), "lookalikes-parity-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  writeFileSync(join(work, "dict.txt"), `${DICTIONARY.join("\n")}\n`);
  writeFileSync(join(work, "tld.txt"), `${TLDS.join("\n")}\n`);
  const run = spawnSync(PYTHON, [join(import.meta.dirname, "dnstwist-generate.py")], {
    input: JSON.stringify({ domains: DOMAINS, fuzzers: Object.keys(FUZZER_MAP), dictionary: join(work, "dict.txt"), tld: join(work, "tld.txt") }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  const theirs = run.status === 0 ? (JSON.parse(run.stdout) as Record<string, Record<string, string[]>>) : {};
  const used = new Set<number>();

  it("dnstwist ran", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it.each(DOMAINS)("%s", (domain) => {
    const original = splitDomain(domain).ascii;
    const report: string[] = [];
    for (const [theirName, ours] of Object.entries(FUZZER_MAP)) {
      const expected = theirs[domain]?.[theirName] ?? [];
      const made = new Set(permutations(domain, { fuzzers: [ours], dictionary: DICTIONARY, tlds: TLDS }).map((p) => p.domain));
      const missing = expected.filter((name) => {
        if (made.has(name)) return false;
        const row = EXCEPTIONS.findIndex((e) => e.fuzzers.includes(theirName) && e.matches(name, original));
        if (row !== -1) used.add(row);
        return row === -1;
      });
      if (missing.length > 0) report.push(`${theirName}: ${missing.length} of ${expected.length} missing, e.g. ${missing.slice(0, 5).join(" ")}`);
    }
    expect(report).toEqual([]);
    // dnstwist made something for this domain (the comparison is not vacuous).
    expect(Object.values(theirs[domain] ?? {}).flat().length).toBeGreaterThan(100);
  });

  it("every documented exception is still needed", () => {
    expect([...used].sort()).toEqual(EXCEPTIONS.map((_, i) => i));
  });
});
