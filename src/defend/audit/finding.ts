import type { Protocol, WhoisRecord } from "../../record/types.js";
import { checkById, type CheckId } from "./checks.js";
import type { Finding } from "./types.js";

/** Where a record's findings come from: the domain and the server/protocol that answered. */
export interface Origin {
  domain: string;
  server?: string;
  protocol?: Protocol;
}

export function originOf(domain: string, record: WhoisRecord | undefined): Origin {
  return { domain, ...(record ? { server: record.source.server, protocol: record.source.protocol } : {}) };
}

/** A finding of check `id` on `origin`'s record: the row's title, severity, technique and fix, plus the evidence. */
export function finding(id: CheckId, origin: Origin, field: string, value: string, message: string): Finding {
  const check = checkById(id);
  return {
    id,
    title: check.title,
    severity: check.severity,
    domain: origin.domain,
    message,
    evidence: { domain: origin.domain, field, value, ...(origin.server !== undefined ? { server: origin.server } : {}), ...(origin.protocol ? { protocol: origin.protocol } : {}) },
    technique: check.technique,
    fix: check.fix,
  };
}
