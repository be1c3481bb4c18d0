import { describe, expect, it } from "vitest";
import { csvSafe, escapeHtml, sanitizeDeep, stripControl } from "../src/util/sanitize.js";

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
