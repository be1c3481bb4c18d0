import { describe, expect, it } from "vitest";
import { decodeAnswer } from "../../src/net/decode.js";
import { decodeBytes } from "../../src/parse/decode.js";
import { parseWhoisText } from "../../src/parse/index.js";

describe("decodeBytes (saved answers)", () => {
  it("decodes non-UTF-8 bytes as Windows-1252, the same as a live answer", () => {
    // 0x9B is "›" in Windows-1252 and the 8-bit CSI in Latin-1; 0x80 is "€".
    const bytes = Buffer.from([...Buffer.from("Registrant Name: "), 0x9b, ...Buffer.from("Foo "), 0x80, 0x0a]);
    const text = decodeBytes(bytes);
    expect(text).toBe("Registrant Name: \u203aFoo \u20ac\n");
    expect(text).toBe(decodeAnswer(bytes));
    const record = parseWhoisText(`Domain Name: a.com\n${text}`);
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))?.name).toBe("\u203aFoo \u20ac");
  });

  it("keeps valid UTF-8 as it is", () => {
    expect(decodeBytes(new TextEncoder().encode("Nom: Zoë\n"))).toBe("Nom: Zoë\n");
  });
});
