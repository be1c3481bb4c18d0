import type { LookupOptions } from "../../../src/lookup/index.js";
import { startSandbox, type Sandbox } from "../../../src/server/index.js";
import { Bootstrap, loadServerMap } from "../../../src/servers/index.js";
import expected from "./sandbox-expected.json" with { type: "json" };
import type { AuditReport } from "../../../src/defend/audit/index.js";

export const EXPECTED = expected as {
  asOf: string;
  crownJewels: string[];
  domains: string[];
  protocolOnly: Record<"rdap" | "whois", string[]>;
  severities: Record<string, string>;
  findings: Record<string, string[]>;
};

export interface AuditWorld {
  sandbox: Sandbox;
  lookup: Partial<LookupOptions>;
  close(): Promise<void>;
}

export async function startAuditWorld(): Promise<AuditWorld> {
  const sandbox = await startSandbox();
  const lookup: Partial<LookupOptions> = { servers: loadServerMap(sandbox.serverMap), bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true };
  return { sandbox, lookup, close: () => sandbox.close() };
}

/** A report's findings in the expectation file's shape: per domain, sorted "ID field = value" lines (statuses without value). */
export function findingLines(report: Pick<AuditReport, "findings">): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of report.findings) {
    const line = `${f.id} ${f.evidence.field}${f.evidence.field === "statuses" ? "" : ` = ${f.evidence.value}`}`;
    (out[f.domain] ??= []).push(line);
  }
  for (const lines of Object.values(out)) lines.sort();
  return out;
}
