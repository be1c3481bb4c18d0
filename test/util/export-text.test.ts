/** The per-format helpers of util/export-text: what each guards, and what it leaves alone. */
import { describe, expect, it } from "vitest";
import { cefHeaderText, cefValueText, csvCell, csvSafe, looksLikeFormula, markdownText, suricataText, xmlText } from "../../src/util/export-text.js";
import { cpuTimed } from "../helpers/cpu-time.js";

describe("CSV formula guard (OWASP CSV Injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["\uff1dHYPERLINK(\"http://x\")", "\"'\uff1dHYPERLINK(\"\"http://x\"\")\""],
    ["\uff0bcmd", "'\uff0bcmd"],
    ["\uff0d2", "'\uff0d2"],
    ["\uff20SUM(A1)", "'\uff20SUM(A1)"],
    // A lone minus is text, but not with anything around it.
    ["--", "'--"],
    [" -", "' -"],
    ["-\t", "\"'-\t\""],
    ["x;=cmd|' /C calc'!A0", "\"'x;=cmd|' /C calc'!A0\""],
    ["x\t=cmd", "\"'x\t=cmd\""],
    ["x; \uff1dcmd", "\"'x; \uff1dcmd\""],
    ["a,@SUM(1)", "\"'a,@SUM(1)\""],
    ["  =1+1", "'  =1+1"],
    ["\u3000\uff1d1", "'\u3000\uff1d1"],
    ["x;\u00a0=1", "\"'x;\u00a0=1\""],
  ])("guards %j", (cell, expected) => {
    expect(looksLikeFormula(cell)).toBe(true);
    expect(csvSafe(cell)).toBe(expected);
  });
  it.each(["example.com", "jane@example.com", "a-b", "-", "\uff0d", "Acme, Inc.", "1+1", "x; y", "2026-01-01T00:00:00Z"])("leaves %j unguarded", (cell) => {
    expect(looksLikeFormula(cell)).toBe(false);
    expect(csvSafe(cell).replace(/^"/, "")).not.toMatch(/^'/); // no apostrophe added (a separator only quotes it)
  });
  it("stays linear on long runs of separators and spaces (no backtracking blow-up; ReDoS tripwire, CPU time)", () => {
    const { cpuMs } = cpuTimed(() => {
      for (const text of [";".repeat(200_000), `;${" ".repeat(200_000)}x`, "\t".repeat(200_000), " ".repeat(200_000)]) looksLikeFormula(text);
    });
    expect(cpuMs).toBeLessThan(1000);
  });
  it("csvCell strips controls and bidi before guarding: a hidden leading character cannot shield a formula", () => {
    expect(csvCell("\u202e\u200f=1+1")).toBe("'=1+1");
    expect(csvCell("\u001b[31m=1")).toBe("'=1");
  });
});

describe("markup and rule formats", () => {
  it("markdownText: one line, HTML and Markdown syntax escaped, formula guarded", () => {
    expect(markdownText("<b>x</b> | [a](http://e) *y*\n#z")).toBe("&lt;b&gt;x&lt;/b&gt; \\| \\[a\\]\\(http://e\\) \\*y\\* \\#z");
    expect(markdownText("=cmd")).toBe("'=cmd");
    expect(markdownText("abcdef", 4)).toBe("abc…");
  });
  it("xmlText keeps astral characters XML allows and drops lone surrogates", () => {
    expect(xmlText("a𝄞b\ud800c<\u202e")).toBe("a𝄞bc&lt;");
  });
  it("CEF: header one line with | escaped, values with = and newlines escaped", () => {
    expect(cefHeaderText("a|b\nc\u009b31m", 100)).toBe("a\\|b c");
    expect(cefValueText("k=v\nw\u2066", 100)).toBe("k\\=v\\nw");
  });
  it("Suricata msg: one line, ; \" \\ escaped, controls gone", () => {
    expect(suricataText('a";\\\n\u0007b)')).toBe('a\\"\\;\\\\ b)');
  });
});
