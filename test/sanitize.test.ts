import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseWhoisText } from "../src/parse/whois/index.js";
import { csvSafe, escapeHtml } from "../src/util/export-text.js";
import { sanitizeDeep, stripControl, stripControlKeepCrlf } from "../src/util/sanitize.js";

describe("stripControl", () => {
  it("removes CSI, OSC and bare control characters but keeps tabs and newlines", () => {
    const hostile = "Registrar:\u001b[2J\u001b[31m Evil\u001b]0;pwned\u0007 Corp\u0008\r\nLine\t2";
    expect(stripControl(hostile)).toBe("Registrar: Evil Corp\nLine\t2");
  });
  it("removes bidi overrides that could reorder displayed text", () => {
    expect(stripControl("abc\u202Egnp.exe")).toBe("abcgnp.exe");
  });
  it("sanitizes nested values", () => {
    expect(sanitizeDeep({ a: ["x\u001b[1my"], b: 3 })).toEqual({ a: ["xy"], b: 3 });
  });
});

describe("csvSafe / escapeHtml", () => {
  it("guards formula cells and quotes separators", () => {
    expect(csvSafe("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvSafe("plain")).toBe("plain");
    expect(csvSafe("-1+2")).toBe("'-1+2");
  });
  it("escapes markup", () => {
    expect(escapeHtml("<script>alert('x')</script>")).toBe("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  });
});

describe("stripControlKeepCrlf (the WHOIS parser's pass)", () => {
  it("returns a clean CRLF answer unchanged, without copying it", () => {
    const clean = "Domain Name: EXAMPLE.COM\r\nRegistrar: Example\r\n";
    expect(stripControlKeepCrlf(clean)).toBe(clean);
  });
  it("falls back to stripControl for control characters, escapes and lone carriage returns", () => {
    expect(stripControlKeepCrlf("a\u001b[31mb\r\nc")).toBe("ab\nc");
    expect(stripControlKeepCrlf("Domain Name: A.COM\rRegistrar: X")).toBe("Domain Name: A.COM\nRegistrar: X");
    expect(stripControlKeepCrlf("Registrar: X\r")).toBe("Registrar: X\n");
    // A lone CR after a clean CRLF line, and CR CR LF, are still lone CRs.
    expect(stripControlKeepCrlf("A: 1\r\nB: 2\rC: 3\r\n")).toBe("A: 1\nB: 2\nC: 3\n");
    expect(stripControlKeepCrlf("A: 1\r\r\nB: 2")).toBe("A: 1\n\nB: 2");
  });
  it("keeps a text exactly when it has no control character and every CR starts a CRLF", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("\r\n", "\n", "\r", "\u001b", "\u0085", "\u202e", "\t", "a", ":", " ", "~", "\u007f", "é", "\u00a0", "\u2066", "\u200f", "\u061c"), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const clean = !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text) && !/\r(?!\n)/.test(text);
        expect(stripControlKeepCrlf(text) === text).toBe(clean);
        if (!clean) expect(stripControlKeepCrlf(text)).toBe(stripControl(text));
      }),
    );
  });
});

describe("the WHOIS parser reads CRLF, LF and CR answers alike", () => {
  const lines = ["Domain Name: EXAMPLE.COM", "Registrar: Example Registrar, Inc.", "Creation Date: 1995-08-14T04:00:00Z", "Name Server: A.IANA-SERVERS.NET", "Domain Status: clientTransferProhibited", "", "Registrant:", "   Jane Doe", "   1 Main St"];
  it("gives the same record whatever the line ends", () => {
    const lf = parseWhoisText(lines.join("\n"), { server: "whois.example" });
    expect(lf.registrar?.name).toBe("Example Registrar, Inc.");
    expect(parseWhoisText(lines.join("\r\n"), { server: "whois.example" })).toEqual(lf);
    expect(parseWhoisText(lines.join("\r"), { server: "whois.example" })).toEqual(lf);
  });
  it("never lets a carriage return or control character into a value", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("\r\n", "\n", "\r", "\u001b[2J", "\u0007", "Registrar: X", "Domain Name: A.COM", "Name Server: NS1.A.COM", " ", "value"), { maxLength: 40 }), (parts) => {
        const record = parseWhoisText(parts.join(""), { server: "whois.example" });
        expect(JSON.stringify(record)).not.toMatch(/\\r|\\u001b|\\u0007/);
      }),
    );
  });
});

describe("issue #19: an unterminated OSC/DCS/APC string erases its own field only", () => {
  const answer = (hostile: string, eol: string): string =>
    [
      "Domain Name: EXAMPLE.COM",
      `Registrar: Evil Registrar${hostile}`,
      "Registrant Name: Jane Doe",
      "Registrant Email: jane@example.com",
      "Tech Email: tech@example.com",
      "Name Server: NS1.EXAMPLE.COM",
      "Name Server: NS2.EXAMPLE.COM",
      "",
    ].join(eol);
  for (const [name, hostile] of [["OSC", "\u001b]0;title with no end"], ["DCS", "\u001bP1$r no terminator"], ["APC", "\u001b_payload"], ["PM", "\u001b^x"], ["SOS", "\u001bXy"]] as const) {
    for (const eol of ["\n", "\r\n", "\r"]) {
      it(`${name} in one field, ${JSON.stringify(eol)} line ends: every later field is kept`, () => {
        const record = parseWhoisText(answer(hostile, eol), { server: "whois.example" });
        expect(record.registrar?.name).toBe("Evil Registrar");
        expect(record.nameservers?.map((n) => n.name)).toEqual(["ns1.example.com", "ns2.example.com"]);
        const emails = (record.contacts ?? []).map((c) => c.email);
        expect(emails).toEqual(expect.arrayContaining(["jane@example.com", "tech@example.com"]));
      });
    }
  }
  it("a terminated sequence still ends at its terminator, keeping the rest of its line", () => {
    expect(stripControl("a\u001b]0;t\u0007b\u001b]8;;u\u001b\\c\nd")).toBe("abc\nd");
    expect(stripControl("a\u001b]0;unterminated\nnext line")).toBe("a\nnext line");
    expect(stripControl("x\u001bPq#0;2;0;0;0\ny")).toBe("x\ny");
  });
  it("a Windows-1252 ž or Ÿ read as Latin-1 (U+009E, U+009F) loses one character, not its line", () => {
    expect(stripControl("Ko\u009eelj d.o.o.\nnext")).toBe("Koelj d.o.o.\nnext");
  });
  it("LRM, RLM and ALM marks go with the overrides and isolates", () => {
    expect(stripControl("a\u200eb\u200fc\u061cd\u2067e\u2069")).toBe("abcde");
  });
});
