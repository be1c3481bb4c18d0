/**
 * SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, the check table as
 * the driver's rules, one result per finding. Findings are about registration records, not files, so
 * each result is located by a logical location (§3.33) `domain/field`; partialFingerprints keep a
 * finding's identity across runs for code-scanning de-duplication. `security-severity` is the
 * property GitHub code scanning reads to rank results (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0).
 */
import { createHash } from "node:crypto";
import { jsonSafe } from "../../../util/export-text.js";
import { CHECKS, type Severity } from "../checks.js";
import type { AuditReport, Finding } from "../types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

const TOOL_VERSION = "0.1.0";

function ruleName(title: string): string {
  return title.replace(/\([^)]*\)/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()).replace(/^./, (c) => c.toUpperCase());
}

function fingerprint(f: Finding): string {
  return createHash("sha256").update(`${f.id}\u0000${f.domain}\u0000${f.evidence.field}\u0000${f.evidence.value}`).digest("hex").slice(0, 32);
}

/**
 * Where the audited domains were listed (the --file): each result then also gets a physical location, the
 * file and line naming its domain, which GitHub code scanning needs to show an alert (it ignores results
 * located only logically).
 */
export interface SarifSource {
  /** Relative path as given (shown as a repository path) or an absolute file: URI. */
  uri: string;
  lines: ReadonlyMap<string, number>;
}

function locationOf(f: Finding, source: SarifSource | undefined): object {
  const logical = { logicalLocations: [{ name: f.evidence.field, fullyQualifiedName: `${f.domain}/${f.evidence.field}`, kind: "member" }] };
  const line = source?.lines.get(f.domain);
  return source && line !== undefined ? { physicalLocation: { artifactLocation: { uri: source.uri }, region: { startLine: line } }, ...logical } : logical;
}

export function sarifLog(report: AuditReport, source?: SarifSource): object {
  const ruleIndex = new Map<string, number>(CHECKS.map((check, index) => [check.id, index]));
  return jsonSafe({
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "whoislens",
            semanticVersion: TOOL_VERSION,
            informationUri: "https://github.com/whoislens/whoislens",
            rules: CHECKS.map((check) => ({
              id: check.id,
              name: ruleName(check.title),
              shortDescription: { text: check.title },
              fullDescription: { text: check.why },
              help: { text: check.fix },
              defaultConfiguration: { level: LEVEL[check.severity] },
              properties: { tags: ["security", "whois", check.technique.id], "security-severity": SECURITY_SEVERITY[check.severity], severity: check.severity, technique: `${check.technique.id} ${check.technique.name}` },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results: report.findings.map((f) => ({
          ruleId: f.id,
          ruleIndex: ruleIndex.get(f.id) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [locationOf(f, source)],
          partialFingerprints: { "whoislensFinding/v1": fingerprint(f) },
          properties: { severity: f.severity, domain: f.domain, field: f.evidence.field, value: f.evidence.value, ...(f.evidence.server ? { server: f.evidence.server } : {}), ...(f.evidence.protocol ? { protocol: f.evidence.protocol } : {}), technique: f.technique.id },
        })),
        properties: { asOf: report.asOf, domains: report.domains.map((d) => ({ domain: d.domain, status: d.status })) },
      },
    ],
  });
}
