import { describe, expect, it } from "vitest";
import { loadCountryDb } from "../../../src/detect/engine/index.js";
import { alertToEcs, cefHeader, cefValue, formatCef, formatMarkdown, formatNdjson } from "../../../src/detect/format/index.js";
import type { Alert, ReadStats } from "../../../src/detect/types.js";
import { http, proc, run, T0 } from "./events.js";

const HOSTILE = '\u001b]0;pwned\u0007\u001b[31m<script>alert(1)</script>|a=b\\c\n=HYPERLINK("http://x")';

function hostileAlerts(): Alert[] {
  return run([
    http("10.0.0.66", "who.is", `/whois/${encodeURIComponent("evil.example")}?q=${encodeURIComponent(HOSTILE)}`, T0, { evidence: { file: "ac\u001b[2Jcess.log", line: 7, text: HOSTILE } }),
    proc("WS-\u001b[31m<b>", "C:\\Tools\\whois.exe", `whois.exe ${HOSTILE} victim.example`),
  ], { orgDomains: ["victim.example"] });
}

const base: Alert = {
  timestamp: T0, ruleId: "whois-port43-egress", ruleName: "WHOIS port-43 egress", severity: "low", score: 21,
  source: { ip: "10.0.0.5" }, destination: { ip: "199.7.59.74", port: 43 }, targets: ["example.com"], reasons: ["TCP connection to 199.7.59.74:43"],
  evidence: [{ file: "conn.log", line: 9 }], technique: "T1596.002", tactic: "TA0043",
};

describe("ndjson (ECS)", () => {
  it("names fields the ECS way", () => {
    const doc = JSON.parse(formatNdjson(base, new Map([["whois-port43-egress", "An internal host opened port 43."]])));
    expect(doc).toMatchObject({
      "@timestamp": new Date(T0).toISOString(),
      event: { kind: "alert", severity: 21, category: ["intrusion_detection", "network"] },
      rule: { id: "whois-port43-egress", name: "WHOIS port-43 egress", description: "An internal host opened port 43." },
      source: { ip: "10.0.0.5", address: "10.0.0.5" },
      destination: { ip: "199.7.59.74", port: 43 },
      threat: { framework: "MITRE ATT&CK", technique: { id: "T1596.002" }, tactic: { id: "TA0043", name: "Reconnaissance" } },
      whoislens: { evidence: [{ file: "conn.log", line: 9 }], reasons: ["TCP connection to 199.7.59.74:43"], targets: ["example.com"] },
    });
  });

  it("host names are source.address and host.name, never source.ip; the process is process.executable", () => {
    const doc = alertToEcs({ ...base, source: { ip: "WS-1", host: "WS-1", process: "C:\\Tools\\whois.exe" } });
    expect(doc.source).toEqual({ address: "WS-1" });
    expect(doc.host).toEqual({ name: "WS-1" });
    expect(doc.process).toEqual({ executable: "C:\\Tools\\whois.exe", name: "whois.exe" });
    expect((doc.event as { category: string[] }).category).toContain("process");
  });
});

describe("CEF", () => {
  it("escapes header and extension values per the CEF spec", () => {
    expect(cefHeader("a|b\\c\nd")).toBe("a\\|b\\\\c d");
    expect(cefValue("a=b\\c\nd\re|f")).toBe("a\\=b\\\\c\\nd\\re|f");
  });

  it("writes one CEF:0 line with 7 unescaped pipes, optionally syslog-framed", () => {
    const line = formatCef({ ...base, ruleName: "x|y", reasons: ["a=b", "c\nd"] });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/\n/);
    expect(line.match(/(?<!\\)\|/g)).toHaveLength(7);
    expect(line).toContain("|x\\|y|2|");
    expect(line).toContain("msg=a\\=b; c\\nd ");
    expect(formatCef(base, { syslog: true, hostname: "sensor 1" })).toMatch(/^<116>1 \d{4}-\d\d-\d\dT[\d:.]+Z sensor1 whoislens - - - CEF:0\|whoislens\|/);
  });
});

describe("hostile strings in events are sanitized in every output", () => {
  const alerts = hostileAlerts();
  it("the alerts carry the hostile text (so the test means something)", () => {
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(alerts)).toContain("\\u001b");
  });

  it("ndjson: no escape characters or other controls survive", () => {
    for (const a of alerts) {
      const line = formatNdjson(a);
      expect(line).not.toMatch(/\\u001b|\\u0007|\u001b/);
      expect(JSON.parse(line).whoislens.evidence[0].file).not.toMatch(/\u001b/);
    }
  });

  it("CEF: single lines, no controls, formula prefix neutralized", () => {
    for (const a of alerts) {
      const line = formatCef(a);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line).not.toMatch(/=\s*=HYPERLINK/);
    }
  });

  it("Markdown: no raw HTML, no escapes, no formula at the start of a value", () => {
    const stats: ReadStats[] = [{ file: "<img src=x onerror=alert(1)>.log", format: "squid", lines: 3, events: 2, skipped: 0, malformed: 1, error: "\u001b[31mtruncated" }];
    const text = formatMarkdown(alerts, stats);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).not.toMatch(/<script|<img|<b>/);
    expect(text).toContain("&lt;script&gt;");
    expect(text).toMatch(/\| 1 \| .*truncated \|/);
  });
});

describe("IP-to-country dataset", () => {
  it("answers IPv4 and IPv6 from the bundled CSVs", () => {
    const db = loadCountryDb();
    expect(db.country("1.0.1.1")).toBe("CN");
    expect(db.country("1.0.0.1")).toBe("AU");
    expect(db.country("2001:200::1")).toMatch(/^[A-Z]{2}$/);
    expect(db.country("not-an-ip")).toBeUndefined();
  });
});
