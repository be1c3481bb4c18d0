/**
 * Issue #19: every exporter, fed a record holding every hostile character, writes none of them.
 * One test per exporter; the forbidden set is written out here independently of sanitize.ts.
 */
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { csvRow } from "../../src/cli/commands/bulk.js";
import { sigmaYaml, suricataRules, toSigma } from "../../src/detect/export/index.js";
import { formatCef, formatMarkdown, formatNdjson } from "../../src/detect/format/index.js";
import { loadRuleSet } from "../../src/detect/rules/index.js";
import type { Alert } from "../../src/detect/types.js";
import { renderFootprint, FOOTPRINT_FORMATS, type FootprintGraph, type GraphNode } from "../../src/footprint/index.js";
import { parseWhoisText } from "../../src/parse/whois/index.js";

/** C0 (not TAB/LF), DEL, C1 incl. the 8-bit CSI U+009B, ALM/LRM/RLM, bidi embeddings/overrides/isolates. */
const EVERY_HOSTILE =
  "\u0000\u0001\u0007\u0008\u000b\u000c\u000d\u000e\u001b\u001f\u007f\u0080\u0085\u0090\u009b\u009c\u009d\u009f\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
const HOSTILE = `evil${EVERY_HOSTILE}\u009b2J\u001b[31mred\u001b]8;;http://x.example\u0007link\u001b\\ gnp.exe`;
/** What no output may contain; \r is allowed only where the format's line ends are CRLF (none here). */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every string inside a parsed document. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      strings(item, out);
    }
  }
  return out;
}

function node(type: GraphNode["type"], value: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id: `${type}:${value}`, type, value, depth: 1, confidence: 0.9, attributes: {}, notes: [], expanded: true, owned: true, ...extra };
}

function hostileGraph(): FootprintGraph {
  const nodes: GraphNode[] = [
    node("domain", "example.com", { seed: true, depth: 0, confidence: 1, attributes: { registrar: HOSTILE, expires: "2026-12-01T00:00:00Z" } }),
    node("organization", HOSTILE, { notes: [HOSTILE] }),
    node("person", `\uff1dHYPERLINK("http://evil.example")`),
    node("email", `x;=cmd|' /C calc'!A0`),
    node("phone", `a\t+1 555 ${HOSTILE}`),
    node("asn", "AS64500", { attributes: { name: HOSTILE } }),
    node("nameserver", `ns1.${HOSTILE}`, { attributes: { shared: "yes" } }),
    node("registrar", HOSTILE, { owned: false }),
  ];
  const edges = nodes.slice(1).map((target) => ({
    from: "domain:example.com", to: target.id, relation: HOSTILE, pivot: HOSTILE, confidence: 0.9,
    evidence: { source: HOSTILE, field: HOSTILE, value: HOSTILE },
  }));
  return {
    seeds: [`domain:example.com${HOSTILE}`], nodes, edges, startedAt: "2026-11-25T00:00:00.000Z", finishedAt: "2026-11-25T00:00:01.000Z",
    spend: { byServer: { [HOSTILE]: 3 }, total: 3, paid: 0, budget: 10, skipped: 0 },
    settings: { depth: 3, budget: 10, minConfidence: 0.5, fanOut: 200 },
  };
}

const alert: Alert = {
  timestamp: Date.UTC(2026, 0, 5), ruleId: `rule${HOSTILE}`, ruleName: `\uff0bname ${HOSTILE}`, severity: "high", score: 70,
  source: { ip: HOSTILE, host: HOSTILE, process: `C:\\${HOSTILE}.exe` }, destination: { ip: HOSTILE, port: 43, domain: HOSTILE },
  targets: [HOSTILE], reasons: [HOSTILE], evidence: [{ file: HOSTILE, line: 1, text: HOSTILE }], technique: "T1596.002", tactic: "TA0043",
};

describe("footprint exports", () => {
  for (const format of FOOTPRINT_FORMATS) {
    it(`${format}: no control, C1 or bidi character reaches the output`, () => {
      const text = renderFootprint(hostileGraph(), format);
      if (format === "json" || format === "stix") {
        expect(strings(JSON.parse(text)).filter((s) => FORBIDDEN.test(s))).toEqual([]);
        expect(text).toContain("gnp.exe"); // the value stays, only the hostile characters go
      } else {
        expect(text).not.toMatch(FORBIDDEN);
      }
      expect(text).not.toContain("http://x.example"); // the OSC 8 hyperlink target is erased with its sequence
      if (format === "graphml") expect(XMLValidator.validate(text)).toBe(true);
      if (format === "html") expect(text).not.toMatch(/<(?!\/?(?:!doctype|html|head|meta|title|style|body|h1|h2|p|table|tr|th|td)\b)/i);
    });
  }

  it("csv: full-width and after-separator formulas are guarded and quoted", () => {
    const rows = renderFootprint(hostileGraph(), "csv").split("\n");
    expect(rows.find((r) => r.includes("HYPERLINK"))).toContain(`'\uff1dHYPERLINK`);
    expect(rows.find((r) => r.includes("calc"))).toContain(`"'x;=cmd|' /C calc'!A0"`);
  });
});

describe("detect alert formats", () => {
  it("ndjson (ECS): no hostile character in any string, bidi included", () => {
    const doc: unknown = JSON.parse(formatNdjson(alert, new Map([[alert.ruleId, HOSTILE]])));
    expect(strings(doc).filter((s) => FORBIDDEN.test(s))).toEqual([]);
    expect(strings(doc).some((s) => s.includes("gnp.exe"))).toBe(true); // the values are there, cleaned
  });
  it("cef: one line, no hostile character, full-width formula in the rule name guarded", () => {
    const line = formatCef(alert, { syslog: true, hostname: HOSTILE });
    expect(line.trimEnd()).not.toMatch(/[\n\r]/);
    expect(line.trimEnd()).not.toMatch(FORBIDDEN);
    expect(line).toContain("|'\uff0bname");
  });
  it("markdown: no hostile character", () => {
    const text = formatMarkdown([alert], [{ file: HOSTILE, format: "squid", lines: 1, events: 1, skipped: 0, malformed: 0, error: HOSTILE }]);
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).toContain("gnp.exe"); // the values are there, cleaned
  });
});

describe("rule exports (names and descriptions from a hostile rule file)", () => {
  const set = loadRuleSet();
  const hostile = { ...set, rules: set.rules.map((r) => ({ ...r, name: `${r.name} ${HOSTILE}`, description: `${r.description} ${HOSTILE}`, references: [HOSTILE] })) };
  it("sigma: every YAML string is clean", () => {
    const yaml = sigmaYaml(toSigma(hostile, { orgDomains: [`victim.example${HOSTILE}`] }));
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as unknown);
    expect(docs.length).toBeGreaterThan(5);
    expect(strings(docs).filter((s) => FORBIDDEN.test(s))).toEqual([]);
    expect(parseYaml(yaml.split("---\n")[0]!)).toHaveProperty("title");
  });
  it("suricata: rule msg strings are one clean line each", () => {
    const text = suricataRules(hostile);
    expect(text).not.toMatch(FORBIDDEN);
    for (const line of text.trimEnd().split("\n")) expect(line.startsWith("#") || /^alert \S+ .*\)$/.test(line)).toBe(true);
  });
});

describe("bulk CSV", () => {
  it("a record parsed from a hostile answer gives clean, guarded cells", () => {
    const answer = [
      "Domain Name: EXAMPLE.COM",
      `Registrar: -2+3${EVERY_HOSTILE}`,
      "Registrant Organization: x;=cmd|' /C calc'!A0",
      `Registrant Email: \uff20SUM(1)@example.com`,
      "Name Server: NS1.EXAMPLE.COM",
    ].join("\n");
    const record = parseWhoisText(answer, { server: "whois.example" });
    const row = csvRow({ query: "example.com", record });
    expect(row.trimEnd()).not.toMatch(FORBIDDEN);
    expect(row).toContain(",'-2+3,");
    expect(row).toContain(`"'x;=cmd|' /C calc'!A0"`);
    expect(row).toContain(`'\uff20SUM(1)@example.com`);
  });
});
