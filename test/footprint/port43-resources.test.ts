import { describe, expect, it } from "vitest";
import { port43Resources } from "../../src/footprint/port43-resources.js";

describe("port43Resources on hostile answers", () => {
  it("reads object classes and attributes named like Object.prototype members as unknown, not as resources", () => {
    const answer = [
      "constructor:    10.0.0.0 - 10.0.0.255",
      "",
      "__proto__:      AS1",
      "",
      "toString:       AS2",
      "ownerid:        XX-EXAM-LACNIC",
      "constructor:    192.0.2.0/24",
      "hasOwnProperty: AS3",
      "",
      "aut-num:        AS64500",
      "as-name:        EXAMPLE-AS",
    ].join("\n");
    expect(port43Resources(answer)).toEqual([{ kind: "asn", value: "AS64500", name: "EXAMPLE-AS", field: "aut-num" }]);
  });
});
