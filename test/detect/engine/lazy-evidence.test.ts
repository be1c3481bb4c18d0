/**
 * Evidence is rendered lazily (readers/common.ts LineEvidence) and the engine keeps plain copies
 * (keepEvidence). These tests bind each event's evidence to its own bytes and overwrite those bytes
 * right after the event is pushed: an engine path that kept the lazy object instead of a copy would
 * render the overwritten bytes into its alert.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LineEvidence, evidenceText } from "../../../src/detect/readers/common.js";
import { createDetector } from "../../../src/detect/engine/index.js";
import { type Alert, type DetectEvent, keepEvidence } from "../../../src/detect/types.js";
import { conn, dns, rules, T0, tls, whois } from "./events.js";
import { FIXTURES, readAll } from "../readers/helpers.js";

const S = 1000;

/** Pushes the events with lazy evidence ("orig <file>:<line>"), wiping each one's bytes once pushed. */
function runLazy(events: DetectEvent[]): { alerts: Alert[]; shown: Map<string, string> } {
  const d = createDetector({ rules: rules(), orgDomains: ["victim.example"] });
  const shown = new Map<string, string>();
  for (const e of events) {
    const text = `orig\t${e.evidence.file}:${e.evidence.line}`;
    const buf = Buffer.from(`..${text}..`);
    e.evidence = new LineEvidence(e.evidence.file, e.evidence.line, buf, 2, 2 + Buffer.byteLength(text));
    shown.set(`${e.evidence.file}:${e.evidence.line}`, text.replace("\t", " "));
    d.push(e);
    buf.fill(0x58); // "XXXX…": what a kept lazy evidence would now render
  }
  return { alerts: d.finish(), shown };
}

function expectCopied(alerts: Alert[], shown: Map<string, string>, ruleIds: string[]): void {
  for (const id of ruleIds) expect(alerts.map((a) => a.ruleId)).toContain(id);
  for (const a of alerts) {
    expect(a.evidence.length).toBeGreaterThan(0);
    for (const ev of a.evidence) {
      expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
      expect(ev.text).toBe(shown.get(`${ev.file}:${ev.line}`));
    }
  }
}

describe("lazy evidence", () => {
  it("renders the same text as the reader always did: tabs to spaces, controls stripped, UTF-8, 512 chars", () => {
    const cases: [string, string][] = [
      ["1700000000.1\t10.0.0.5\t43", "1700000000.1 10.0.0.5 43"],
      ["a\u0007b\u001b[31mc\u202ed", "ab[31mcd"],
      ["bücher.de\tq", "bücher.de q"],
      ["x".repeat(600), "x".repeat(512)],
      ["é".repeat(600), "é".repeat(512)],
    ];
    for (const [line, want] of cases) {
      const buf = Buffer.from(`#${line}\n`);
      const ev = new LineEvidence("f.log", 7, buf, 1, buf.length - 1);
      expect(ev.text).toBe(want);
      expect(evidenceText(buf, 1, buf.length - 1)).toBe(want);
      buf.fill(0x58);
      expect(ev.text).toBe(want); // rendered once, then no longer reads the bytes
      expect(JSON.parse(JSON.stringify(ev))).toEqual({ file: "f.log", line: 7, text: want });
      expect(keepEvidence(ev)).toEqual({ file: "f.log", line: 7, text: want });
      expect(Object.getPrototypeOf(keepEvidence(ev))).toBe(Object.prototype);
    }
    const plain = { file: "f.log", line: 1, text: "t" };
    expect(keepEvidence(plain)).toBe(plain);
  });

  it("a reader that holds a line across lines (auditd joins records) holds a plain copy", async () => {
    const { events } = await readAll(join(FIXTURES, "auditd.log"));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(Object.getPrototypeOf(e.evidence)).toBe(Object.prototype);
      expect(e.evidence.text).toMatch(/type=EXECVE/);
    }
  });

  it("single lookups and bursts keep copies", () => {
    const events = Array.from({ length: 40 }, (_, i) => whois("10.0.3.1", `target-${i}.example`, T0 + i * 2 * S, "199.7.59.74", 41000 + i));
    const { alerts, shown } = runLazy(events);
    expectCopied(alerts, shown, ["whois-port43-egress", "whois-burst-targets"]);
  });

  it("DNS hits held for resolver attribution keep copies", () => {
    const events = [
      ...["10.0.3.11", "10.0.3.12", "10.0.3.13"].map((c, i) => dns(c, `site${i}.example`, T0 - 60 * S, { dst: "10.0.0.53" })),
      dns("10.0.3.20", "rdap.verisign.com", T0, { dst: "10.0.0.53" }),
      dns("10.0.3.20", "rdap.arin.net", T0 + S, { dst: "10.0.0.53" }),
    ];
    const { alerts, shown } = runLazy(events);
    expect(alerts.length).toBeGreaterThan(0);
    expectCopied(alerts, shown, ["whois-rdap-endpoint"]); // the DNS hit that waited in the resolver
    expect(alerts.find((a) => a.ruleId === "whois-rdap-endpoint")?.source.ip).toBe("10.0.3.20");
  });

  it("NXDOMAIN and port-scan rings, correlation lookups and own-domain alerts keep copies", () => {
    const nx = Array.from({ length: 40 }, (_, i) => dns("10.0.3.30", `h${i}.victim.example`, T0 + 60 * S + i * 200, { rcode: "NXDOMAIN", dst: "10.0.0.53" }));
    const scan = Array.from({ length: 60 }, (_, i) => conn("10.0.3.31", "192.0.2.77", 1000 + i, T0 + 120 * S + i * 50, { state: "S0" }));
    const { alerts, shown } = runLazy([whois("10.0.3.30", "victim.example", T0), ...nx, tls("10.0.3.31", "who.is", T0), ...scan]);
    expectCopied(alerts, shown, ["whois-correlated-dns-enumeration", "whois-correlated-port-scan", "whois-own-domain-lookup"]);
  });
});
