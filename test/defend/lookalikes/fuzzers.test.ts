import { domainToASCII } from "node:url";
import { describe, expect, it } from "vitest";
import { ASCII_LOOKALIKES, CYRILLIC_EXTRA, LATIN_EXTRA } from "../../../src/defend/lookalikes/data/glyphs.js";
import { KEYBOARD_LAYOUTS } from "../../../src/defend/lookalikes/data/keyboards.js";
import { checkLookalikes, damerauLevenshtein, FUZZER_NAMES, permutations, splitDomain, toAscii, type FuzzerName } from "../../../src/defend/lookalikes/index.js";
import { neighbourTable } from "../../../src/defend/lookalikes/keyboard.js";
import { permutationsWithin } from "../../../src/defend/lookalikes/permutations.js";

const of = (domain: string, fuzzer: FuzzerName, extra: { dictionary?: string[]; tlds?: string[] } = {}): string[] => permutations(domain, { fuzzers: [fuzzer], ...extra }).map((p) => p.unicode);

describe("each fuzzer makes the look-alikes it is named for", () => {
  it.each<[FuzzerName, string, string[], string[]]>([
    // fuzzer, domain, must contain, must not contain
    ["addition", "abc.com", ["abcx.com", "abc1.com", "xabc.com"], ["abc-.com"]],
    ["bitsquatting", "abc.com", ["cbc.com", "abs.com", "aba.com"], []],
    ["hyphenation", "abc.com", ["a-bc.com", "ab-c.com"], ["-abc.com", "abc-.com"]],
    ["insertion", "abc.com", ["aqbc.com", "abnc.com", "abcv.com"], []],
    ["omission", "abcd.com", ["bcd.com", "acd.com", "abc.com"], ["abcd.com"]],
    ["repetition", "abc.com", ["aabc.com", "abbc.com", "abcc.com"], []],
    ["replacement", "abc.com", ["qbc.com", "avc.com", "abx.com"], ["abc.com"]],
    ["subdomain", "abc-de.com", ["a.bc-de.com", "ab.c-de.com"], ["abc.-de.com", "abc-.de.com", "abc-d.e.com"]],
    ["subdomain", "abcde.com", ["a.bcde.com", "ab.cde.com", "abc.de.com"], ["abcd.e.com"]],
    ["transposition", "abcd.com", ["bacd.com", "acbd.com", "abdc.com"], []],
    ["vowel-swap", "paypal.com", ["peypal.com", "paypol.com"], []],
    ["plural", "bank.com", ["banks.com"], []],
    ["plural", "box.com", ["boxes.com"], []],
    ["homoglyph", "paypal.com", ["paypa1.com", "pàypal.com", "ṗaypal.com", "pàypàl.com"], []],
    ["homoglyph", "modern.com", ["rnodern.com", "modem.com"], []],
    ["cyrillic", "paypal.com", ["раураӏ.com"], []],
    ["idn-homograph", "apple.com", ["аpple.com", "αpple.com", "аррӏе.com"], []],
  ])("%s of %s", (fuzzer, domain, has, hasNot) => {
    const made = of(domain, fuzzer);
    for (const name of has) expect(made, `${fuzzer} ${domain} → ${name}`).toContain(name);
    for (const name of hasNot) expect(made).not.toContain(name);
    expect(made).not.toContain(domain);
  });

  it("dictionary: word before and after, with and without hyphen, and in place of a hyphenated part", () => {
    const made = of("my-bank.com", "dictionary", { dictionary: ["login"] });
    expect(made.sort()).toEqual(["login-my-bank.com", "loginmy-bank.com", "my-bank-login.com", "my-banklogin.com", "my-login.com", "login-bank.com"].sort());
  });

  it("tld-swap: each suffix from the list but the domain's own; multi-label suffixes kept whole", () => {
    expect(of("example.co.uk", "tld-swap", { tlds: ["com", "co.uk", "org.uk"] }).sort()).toEqual(["example.com", "example.org.uk"]);
    expect(of("example.com", "tld-swap")).toEqual([]);
  });

  it("various: the rows for a plain, a multi-label suffix and a subdomain", () => {
    expect(of("example.com", "various")).toEqual(["examplecom.com"]);
    expect(of("beispiel.de", "various").sort()).toEqual(["beispiel-de.com", "beispielde.de"]);
    expect(of("example.co.uk", "various").sort()).toEqual(["example.uk", "exampleco.uk"]);
    expect(of("mail.example.net", "various")).toEqual(expect.arrayContaining(["mailexample.net", "mail-example.net", "mail.examplenet.net"]));
  });

  it("fuzzes only the registrable label: subdomain and public suffix stay (PSL, so co.uk is one suffix)", () => {
    for (const p of permutations("www.my-bank.co.uk", { fuzzers: ["omission", "replacement", "homoglyph"] })) {
      expect(p.unicode.startsWith("www.")).toBe(true);
      expect(p.unicode.endsWith(".co.uk")).toBe(true);
    }
    expect(splitDomain("WWW.Bücher.DE")).toMatchObject({ sub: "www", label: "bücher", suffix: "de", ascii: "www.xn--bcher-kva.de" });
  });

  it("an IDN input is fuzzed in Unicode: its own letters get look-alikes (ü → u), and bitsquatting never makes non-LDH characters", () => {
    const homoglyphs = of("bücher.de", "homoglyph");
    expect(homoglyphs).toContain("bucher.de");
    expect(homoglyphs).toContain("búcher.de");
    for (const name of of("bücher.de", "bitsquatting")) expect(name).toMatch(/^[a-z0-9ü-]+\.de$/);
  });
});

describe("every permutation is a valid, registrable IDNA name", () => {
  const all = permutations("my-bank-online.co.uk", { dictionary: ["secure", "login"], tlds: ["com", "net"] });

  it("covers every fuzzer but the list-less ones", () => {
    const fuzzers = new Set(all.map((p) => p.fuzzer));
    for (const name of FUZZER_NAMES) expect(fuzzers.has(name), name).toBe(true);
  });

  it("has LDH labels, punycode that decodes to the Unicode form, no duplicates, never the original", () => {
    const seen = new Set<string>();
    for (const p of all) {
      expect(p.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(p.domain.length).toBeLessThanOrEqual(253);
      for (const label of p.domain.split(".")) {
        expect(label.length).toBeLessThanOrEqual(63);
        expect(label).not.toMatch(/^-|-$/);
        if (!label.startsWith("xn--")) expect(label.slice(2, 4)).not.toBe("--");
      }
      expect(domainToASCII(p.unicode)).toBe(p.domain);
      expect(seen.has(p.domain)).toBe(false);
      seen.add(p.domain);
    }
    expect(seen.has("my-bank-online.co.uk")).toBe(false);
  });

  it("refuses names IDNA maps to something else or rejects", () => {
    expect(toAscii("Example.com")).toBeUndefined(); // case fold
    expect(toAscii("ex\u200dample.com")).toBeUndefined(); // ZWJ outside its context
    expect(toAscii("ab--cd.com")).toBeUndefined(); // RFC 5891 §4.2.3.1
    expect(toAscii("-ab.com")).toBeUndefined();
    expect(toAscii("ab.c")).toBeUndefined();
    expect(toAscii("exаmple.com")).toBe("xn--exmple-4nf.com");
  });

  it("tags each name with the first fuzzer (in FUZZER_NAMES order) that made it, and its distance", () => {
    const p = permutations("example.com").find((x) => x.domain === "exmple.com");
    expect(p).toMatchObject({ fuzzer: "omission", distance: 1 });
  });
});

describe("bad input", () => {
  it.each(["", "not a domain", "localhost", "192.0.2.1", "com", "a..b.com"])("refuses %j with a clear error", (input) => {
    expect(() => permutations(input)).toThrow(expect.objectContaining({ code: "WL_ERR_INVALID_QUERY" }) as Error);
  });
  it("stops at the permutation cap with an error naming it and the way out", () => {
    expect(() => permutationsWithin("example.com", {}, 500)).toThrow(expect.objectContaining({ code: "WL_ERR_INVALID_OPTION", message: expect.stringMatching(/more than 500 permutations .*--fuzzers/) }) as Error);
    expect(permutationsWithin("example.com", { fuzzers: ["omission"] }, 500)).toHaveLength(7);
  });
  it("refuses an unknown fuzzer and a list with nothing usable", () => {
    expect(() => permutations("example.com", { fuzzers: ["nope" as FuzzerName] })).toThrow(/unknown fuzzer "nope"/);
    expect(() => permutations("example.com", { dictionary: ["!!!", "a b"] })).toThrow(/dictionary list holds no usable entry/);
  });
});

describe("Damerau-Levenshtein distance on Unicode code points", () => {
  it.each([
    ["example", "example", 0],
    ["example", "exmaple", 1], // transposition
    ["ca", "abc", 2], // unrestricted DL (optimal string alignment says 3)
    ["example", "exаmple", 1], // Cyrillic а: one code point
    ["𝐚b", "ab", 1], // astral character counts once
    ["𝐚b", "𝐛b", 1], // shared low surrogate is not a shared suffix
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["abcdef", "badcfe", 3],
  ])("%s → %s = %d", (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe("data tables", () => {
  it("keyboard neighbours come from the rows' geometry (QWERTY a: q w s z; p: 0 o l)", () => {
    const qwerty = neighbourTable(KEYBOARD_LAYOUTS.find((l) => l.name === "qwerty")!);
    expect([...(qwerty.get("a") ?? "")].sort()).toEqual(["q", "s", "w", "z"]);
    expect([...(qwerty.get("p") ?? "")].sort()).toEqual(["0", "l", "o"]);
    expect([...(qwerty.get("g") ?? "")].sort()).toEqual(["b", "f", "h", "t", "v", "y"]);
    const azerty = neighbourTable(KEYBOARD_LAYOUTS.find((l) => l.name === "azerty")!);
    expect([...(azerty.get("m") ?? "")].sort()).toEqual(["l", "p"]);
  });
  it("every curated glyph pair gives its reason", () => {
    for (const pair of [...ASCII_LOOKALIKES, ...LATIN_EXTRA, ...CYRILLIC_EXTRA]) {
      expect(pair.why.length, pair.of).toBeGreaterThan(3);
      expect(pair.looks.length).toBeGreaterThan(0);
    }
  });
});

describe("checkLookalikes without the network (its DNS and lookup replaced)", () => {
  it("keeps going past a DNS failure, marks it, and reads mail capability from MX, null MX and A", async () => {
    const perms = permutations("example.com", { fuzzers: ["omission"] });
    const answers: Record<string, { a: string[]; aaaa: string[]; mx: string[]; ns: string[] }> = {
      "xample.com": { a: ["192.0.2.1"], aaaa: [], mx: [], ns: ["ns.x"] }, // implicit MX
      "eample.com": { a: ["192.0.2.1"], aaaa: [], mx: [""], ns: [] }, // null MX (RFC 7505): no mail
      "exmple.com": { a: [], aaaa: [], mx: ["mx.example.net"], ns: [] },
    };
    const findings = await checkLookalikes(perms, {
      whois: "none",
      resolve: async (name) => {
        if (name === "exaple.com") throw Object.assign(new Error("bad answer"), { code: "EBADRESP" });
        return answers[name] ?? { a: [], aaaa: [], mx: [], ns: [] };
      },
    });
    const by = Object.fromEntries(findings.map((f) => [f.domain, f]));
    expect(by["xample.com"]).toMatchObject({ registered: true, canReceiveMail: true, nameservers: ["ns.x"] });
    expect(by["eample.com"]).toMatchObject({ registered: true, canReceiveMail: false });
    expect(by["exmple.com"]).toMatchObject({ registered: true, canReceiveMail: true });
    expect(by["exaple.com"]).toMatchObject({ registered: false, dnsError: "EBADRESP" });
    expect(findings.filter((f) => f.registered)).toHaveLength(3);
  });
});
