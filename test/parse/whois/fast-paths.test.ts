import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../../../src/parse/whois/classify.js";
import { hasWordOnBeforeDateStart, labelSlot, withoutLeaderDots } from "../../../src/parse/whois/chars.js";
import { AVAILABLE_PHRASES, INVALID_PHRASES, phraseScanner, RESERVED_PHRASES, STRONG_INVALID_PHRASES, STRONG_THROTTLED_PHRASES, THROTTLED_PHRASES } from "../../../src/parse/whois/phrases.js";
import { normalizeKey, splitLine, splitLineInFull, tokenize } from "../../../src/parse/whois/tokenize.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { parseDate } from "../../../src/parse/dates.js";
import { statusMeaning } from "../../../src/parse/whois/status-words.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BUILT_PARSER = `${ROOT}dist/parse/whois/index.js`;

// Issue #13: the tokenizer looks labels up in a fixed slot table (indexed by length and five characters)
// before the normalizeKey memo. Labels that share a slot replace each other; the answer must never change.
const labelChar = fc.constantFrom("a", "b", "e", "n", "A", "N", "0", "1", " ", "-", "_", "é", "'s", "/", "(x)");
const label = fc.array(labelChar, { minLength: 1, maxLength: 24 }).map((parts) => `L${parts.join("")}`.trim());

describe("the label slot table", () => {
  it("gives every label the normalizeKey normal form, whatever shared its slot before", () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 40 }), (labels) => {
        const text = labels.map((key, index) => `${key}: v${index}`).join("\n");
        // Twice: the second pass reads the labels from the table the first one filled.
        for (let pass = 0; pass < 2; pass += 1) {
          const keys = tokenize(text).filter((entry) => entry.key !== "").map((entry) => entry.key);
          const expected = labels.map((key) => normalizeKey(key)).filter((key) => key !== "");
          expect(keys).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("puts every label in a slot of the table", () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }), (key) => {
      const slot = labelSlot(key, 4095);
      expect(Number.isInteger(slot) && slot >= 0 && slot <= 4095).toBe(true);
    }));
  });

  it("keeps two labels that differ only in a character the slot does not sample, both read from the table", () => {
    // "Domain Name" and "Domain name" share a slot (length and five characters alike): a registry that writes one
    // and another the other used to evict each other at every answer. Both must still get their own normal form.
    expect(labelSlot("Domain Name", 4095)).toBe(labelSlot("Domain name", 4095));
    const text = "Domain Name: a\nDomain name: b\nCreated On: c\nCreated on: d\n";
    for (let pass = 0; pass < 3; pass += 1) expect(tokenize(text).map((entry) => entry.key)).toEqual(["domain name", "domain name", "created on", "created on"]);
  });

  it("tells apart labels that share a slot", () => {
    // Labels found to share one slot of the tokenizer's table (4096 slots) and of the label-info table (2048).
    const bySlot = new Map<number, string[]>();
    let colliding: string[] = [];
    for (let index = 0; colliding.length < 4 && index < 200_000; index += 1) {
      const candidate = `Registrant Field ${index.toString(36)}`;
      const slot = labelSlot(candidate, 4095);
      const same = bySlot.get(slot) ?? [];
      same.push(candidate);
      bySlot.set(slot, same);
      if (same.length === 4) colliding = same;
    }
    expect(colliding).toHaveLength(4);
    const text = colliding.map((key) => `${key}: x`).join("\n");
    for (let pass = 0; pass < 3; pass += 1) {
      expect(tokenize(text).map((entry) => entry.key)).toEqual(colliding.map((key) => normalizeKey(key)));
    }
  });
});

describe("cached labels do not keep their answers alive", () => {
  it.skipIf(!existsSync(BUILT_PARSER))("retains no answer after 100 answers of 1 MiB with a new label each (needs `npm run build`)", async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ["--expose-gc", "test/parse/whois/label-retention.mjs"], { cwd: ROOT, timeout: 120_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    const { fields, retainedMiB } = JSON.parse(output) as { fields: number; retainedMiB: number };
    expect(fields).toBeGreaterThan(0);
    // Before the fix the memo held every answer that brought a new label: 100 MiB here.
    expect(retainedMiB).toBeLessThan(20);
  }, 150_000);
});

describe("the tokenizer's fast path for \"Label: value\" lines", () => {
  // Pieces that steer lines into and around every condition of the fast path (colon and the space after
  // it, tabs and dots in the label, "[", JPRS "a. [", RWhois "x:Y:", long labels, " on ", "#.").
  const piece = fc.constantFrom("a", "Domain", "Name", " ", "  ", ":", ": ", "::", "\t", ".", "..", "[", "]", "a. [", "x:Y", "#.", " on ", "2001-01-01", "é", "-", "/", "0", "12", "http://h");
  const line = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

  it("splits every line exactly as the full splitter does", () => {
    fc.assert(
      fc.property(line, (raw) => {
        expect(splitLine(raw)).toEqual(splitLineInFull(raw.trim()));
      }),
      { numRuns: 5000 },
    );
    // Short lines, dense in the pieces: every condition meets every other one often.
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join("")), (raw) => {
        expect(splitLine(raw)).toEqual(splitLineInFull(raw.trim()));
      }),
      { numRuns: 20000 },
    );
  });

  it("keeps the layouts it hands on: leader dots, a tab label, JPRS brackets, long prose", () => {
    for (const raw of ["Expires on..........: 2030-01-01", "Record created on 2000-08-29:", "Registrant:", "Domain name\t: x.ch", "a. [Domain Name] EXAMPLE.JP", "one two three four five six seven eight nine: x", "Registrar: Example", "A: b"]) {
      expect(splitLine(raw)).toEqual(splitLineInFull(raw.trim()));
    }
    expect(splitLine("Registrar: Example")).toEqual({ key: "Registrar", value: "Example" });
    expect(splitLine("Expires on..........: 2030-01-01")).toEqual({ key: "Expires on", value: "2030-01-01" });
  });
});

describe("the splitter's leader-dot trim", () => {
  // Pieces dense in what the helper looks for (".", every kind of space trim strips) and what it must keep.
  const piece = fc.constantFrom("a", "Nom", "#", ".", "#.", "..", " ", "\t", "\u00a0", "\u3000", "\u2028", "\ufeff", ":", "é", "x y");
  const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

  it("cuts leader dots exactly as the two patterns it replaces", () => {
    fc.assert(
      fc.property(text, (key) => {
        expect(withoutLeaderDots(key)).toBe(key.replace(/\.{2,}\s*$/, "").replace(/\s*\.+$/, ""));
      }),
      { numRuns: 10000 },
    );
    expect(withoutLeaderDots("holder transfer....")).toBe("holder transfer");
    expect(withoutLeaderDots("Expires on.......... ")).toBe("Expires on");
    expect(withoutLeaderDots("Name . .")).toBe("Name .");
    expect(withoutLeaderDots("Domain Name   ")).toBe("Domain Name   ");
  });
});

describe("the \" on <date>\" prefilter", () => {
  // The tokenizer's pattern for "Record created on 2000-08-29" labels, as tokenize.ts runs it.
  const ON_DATE = / on (\d[\d./-]{5,}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},? [A-Z][a-z]{2})/;
  const piece = fc.constantFrom("on", " on ", "on ", " ", "Record", "created", "2000-08-29", "1", "Mon", "Tue", "Sat", "Sunday", ",", "Apr", "x", "M", "T", ":", "\t");
  const line = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(""));

  it("says yes wherever the pattern matches before the bound", () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 0, max: 120 }), (text, before) => {
        const match = ON_DATE.exec(text);
        if (match !== null && match.index < before) expect(hasWordOnBeforeDateStart(text, before)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("lets dated labels through and skips prose", () => {
    expect(hasWordOnBeforeDateStart("Record created on 2000-08-29 (YYYY-MM-DD)")).toBe(true);
    expect(hasWordOnBeforeDateStart("Record last updated on Mon Apr 19 21:47:14 2010")).toBe(true);
    expect(hasWordOnBeforeDateStart("based on the information given on request")).toBe(false);
    expect(splitLine("Record created on 2000-08-29 (YYYY-MM-DD)")).toEqual({ key: "Record created on", value: "2000-08-29 (YYYY-MM-DD)" });
  });
});

describe("the status phrase scanner", () => {
  const lists = [STRONG_THROTTLED_PHRASES, STRONG_INVALID_PHRASES, RESERVED_PHRASES, AVAILABLE_PHRASES, THROTTLED_PHRASES, INVALID_PHRASES];
  const scan = phraseScanner(lists);
  // Whole phrases, their halves (prefixes and suffixes that overlap other phrases) and filler.
  const pieces = lists.flat().flatMap((phrase) => [phrase, phrase.slice(0, Math.ceil(phrase.length / 2)), phrase.slice(Math.floor(phrase.length / 2))]);
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(" ", "\n", "x", "no ", "is ", "not ", "status: ")), { maxLength: 12 }).map((parts) => parts.join(""));

  it("finds a list's phrase exactly when one is a substring of the text, for every list", () => {
    fc.assert(
      fc.property(text, (haystack) => {
        const found = scan(haystack);
        lists.forEach((list, index) => expect([index, (found & (1 << index)) !== 0]).toEqual([index, list.some((phrase) => haystack.includes(phrase))]));
      }),
      { numRuns: 5000 },
    );
  });

  it("sees phrases that overlap or start where a longer one starts", () => {
    const prefixScan = phraseScanner([["no match for"], ["no match"], ["match for x"]]);
    expect(prefixScan("no match for x")).toBe(0b111);
    expect(prefixScan("no match")).toBe(0b010);
    expect(phraseScanner([[], ["a"]])("b")).toBe(0);
  });

  it("finds phrases of two and three characters, phrases at the very end of the text, and nothing in a text shorter than a phrase", () => {
    const scanShort = phraseScanner([["未找到"], ["not found"], ["ab"], ["xyz."]]);
    expect(scanShort("域名未找到")).toBe(0b0001);
    expect(scanShort("not found")).toBe(0b0010);
    expect(scanShort("ab")).toBe(0b0100);
    expect(scanShort("a")).toBe(0);
    expect(scanShort("...xyz.")).toBe(0b1000);
    expect(scanShort("xyz")).toBe(0);
    expect(scanShort("xyz.ab未找到 not found")).toBe(0b1111);
  });
});

describe("the status word fast path (a single ASCII word looked up as it is)", () => {
  // "word." is no single word: it takes the general rewrite (trailing dot dropped), which must give the same meaning.
  const tableWords = ["free", "FREE", "Available", "unregistered", "unassigned", "libre", "reserved", "Reserviert", "invalid", "ok", "clientHold", "active", "x1", "Free2"];
  const asciiWord = fc.oneof(fc.constantFrom(...tableWords), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/));

  it("gives an ASCII word the meaning the general rewrite gives it", () => {
    fc.assert(
      fc.property(asciiWord, (word) => {
        expect(statusMeaning(word)).toBe(statusMeaning(`${word}.`));
        expect(statusMeaning(word)).toBe(statusMeaning(` ${word.toLowerCase()}! `));
      }),
      { numRuns: 2000 },
    );
    expect(statusMeaning("FREE")).toBe("available");
    expect(statusMeaning("Reserved")).toBe("reserved");
    expect(statusMeaning("clientTransferProhibited")).toBeUndefined();
    // Letters beside the ASCII ones, and characters next to them in the code table, are not a plain word.
    expect(statusMeaning("Volná")).toBe("available");
    expect(statusMeaning("NOT_OPEN")).toBe("reserved");
    expect(statusMeaning("not@open")).toBeUndefined();
  });
});

describe("dates and contact objects: work skipped never changes the record", () => {
  it("keeps the first date that parses, over a field repeated after an unreadable one", () => {
    const record = parseWhoisText(["Domain Name: example.com", "Creation Date: not a date", "Creation Date: 2001-02-03", "Creation Date: 2004-05-06", "Updated Date: 2007-08-09T10:11:12Z", "Updated Date: 2010-01-01"].join("\n"));
    expect(record.dates?.created).toBe("2001-02-03T00:00:00Z");
    expect(record.dates?.updated).toBe("2007-08-09T10:11:12Z");
  });

  it("reads a referenced RPSL object's first readable changed: date, and only blocks with an identifying line", () => {
    const text = [
      "domain: example.hr", "admin-c: XY1-TEST", "tech-c: ZZ9-TEST", "",
      "person: Example Person", "address: Example Street 1", "nic-hdl: XY1-TEST", "changed: hostmaster@example.hr", "changed: hostmaster@example.hr 20010203", "changed: hostmaster@example.hr 20050607", "",
      // A block with a handle key but no identifying value in the form of a handle is no object to reference.
      "person: Other Person", "nic-hdl: ZZ9 TEST WITH SPACES", "",
    ].join("\n");
    const record = parseWhoisText(text, { query: "example.hr" });
    const admin = record.contacts?.find((contact) => contact.roles.includes("administrative"));
    expect(admin).toMatchObject({ handle: "XY1-TEST", name: "Example Person", updated: "2001-02-03T00:00:00Z" });
    expect(record.contacts?.find((contact) => contact.name === "Other Person")).toBeUndefined();
  });
});

describe("parseDate's patternless readers", () => {
  // A trailing space keeps a value off every patternless reader (they read exact lengths and positions): the format
  // table reads it, trimmed. Both must agree on every shape the readers take, valid or not.
  const digits = (count: number) => fc.stringMatching(new RegExp(`^\\d{${count}}$`));
  const year = fc.oneof(digits(4), fc.constantFrom("1969", "1970", "2000", "2100", "2200", "2201", "2999"));
  const twoDigits = fc.oneof(digits(2), fc.constantFrom("00", "01", "02", "12", "13", "28", "29", "30", "31", "23", "24", "59", "60"));
  const separator = fc.constantFrom("/", ".", "-", ":", " ");
  const time = fc.oneof(fc.constant(""), fc.tuple(twoDigits, twoDigits, twoDigits).map(([h, m, s]) => ` ${h}:${m}:${s}`));
  // (Not "-": an exact ISO date is read far ahead on purpose, "2999-12-31" being a registry's "never expires"; layouts-2.test.ts.)
  const yearFirstSeparator = fc.constantFrom("/", ".", ":", " ");
  const yearFirst = fc.tuple(year, yearFirstSeparator, twoDigits, yearFirstSeparator, twoDigits, time).map((parts) => parts.join(""));
  const dayFirst = fc.tuple(twoDigits, separator, twoDigits, separator, year, time).map((parts) => parts.join(""));

  it("read year-first and day-first dates as the format table does", () => {
    fc.assert(
      fc.property(fc.oneof(yearFirst, dayFirst), (value) => {
        expect(parseDate(value)).toBe(parseDate(`${value} `));
      }),
      { numRuns: 5000 },
    );
    expect(parseDate("2005/05/30")).toBe("2005-05-30T00:00:00Z");
    expect(parseDate("1995.08.14 01:02:03")).toBe("1995-08-14T01:02:03Z");
    expect(parseDate("2001/02/29")).toBeUndefined();
    expect(parseDate("2201/01/01")).toBeUndefined();
    expect(parseDate("2001/02.03")).toBe("2001-02-03T00:00:00Z");
  });
});
