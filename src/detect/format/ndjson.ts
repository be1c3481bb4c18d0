/**
 * One alert per line with Elastic Common Schema field names (@timestamp, event.*, rule.*, source.*,
 * destination.*, host.name, process.executable, threat.*) and whoislens.* for evidence, reasons
 * and targets. Every string is stripped of terminal escapes and control characters.
 */
import ipaddr from "ipaddr.js";
import type { Alert } from "../types.js";
import { clean, TACTIC, TECHNIQUE, type RuleDescriptions } from "./common.js";
import { displayTarget } from "./target-display.js";

export function alertToEcs(alert: Alert, descriptions?: RuleDescriptions): Record<string, unknown> {
  const src = clean(alert.source.ip, 255);
  const endpoint = alert.source.process !== undefined;
  const doc: Record<string, unknown> = {
    "@timestamp": new Date(alert.timestamp).toISOString(),
    event: { kind: "alert", severity: alert.score, category: endpoint ? ["intrusion_detection", "process"] : ["intrusion_detection", "network"], type: ["info"], module: "whoislens", dataset: "whoislens.detect" },
    rule: { id: clean(alert.ruleId, 128), name: clean(alert.ruleName, 255), description: clean(descriptions?.get(alert.ruleId) ?? alert.ruleName), category: "reconnaissance", ruleset: "whoislens" },
    source: { ...(ipaddr.isValid(src) ? { ip: src } : {}), address: src },
    threat: {
      framework: "MITRE ATT&CK",
      technique: { id: TECHNIQUE.id, name: TECHNIQUE.name, reference: TECHNIQUE.reference },
      tactic: { id: TACTIC.id, name: TACTIC.name, reference: TACTIC.reference },
    },
    whoislens: {
      severity: alert.severity,
      evidence: alert.evidence.map((e) => ({ file: clean(e.file, 1024), line: e.line, ...(e.text !== undefined ? { text: clean(e.text, 512) } : {}) })),
      reasons: alert.reasons.map((r) => clean(r)),
      targets: alert.targets.map((t) => clean(displayTarget(t), 255)),
    },
  };
  if (alert.source.host !== undefined) doc.host = { name: clean(alert.source.host, 255) };
  if (alert.source.process !== undefined) {
    const exe = clean(alert.source.process, 1024);
    doc.process = { executable: exe, name: exe.slice(Math.max(exe.lastIndexOf("\\"), exe.lastIndexOf("/")) + 1) };
  }
  const d = alert.destination;
  if (d !== undefined && (d.ip !== undefined || d.port !== undefined || d.domain !== undefined)) {
    const ip = d.ip !== undefined ? clean(d.ip, 255) : undefined;
    doc.destination = {
      ...(ip !== undefined && ipaddr.isValid(ip) ? { ip } : {}),
      ...(ip !== undefined ? { address: ip } : d.domain !== undefined ? { address: clean(displayTarget(d.domain), 255) } : {}),
      ...(d.port !== undefined ? { port: d.port } : {}),
      ...(d.domain !== undefined ? { domain: clean(displayTarget(d.domain), 255) } : {}),
    };
  }
  return doc;
}

export function formatNdjson(alert: Alert, descriptions?: RuleDescriptions): string {
  return `${JSON.stringify(alertToEcs(alert, descriptions))}\n`;
}
