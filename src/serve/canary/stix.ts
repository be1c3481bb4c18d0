/**
 * Honeypot hits (queries answered with a decoy object) as a STIX 2.1 bundle for a threat-intelligence
 * platform: per asking address an ipv4-addr/ipv6-addr observable, an indicator matching it, an
 * observed-data (first/last seen, count) and a sighting of the indicator where_sighted_refs the
 * decoy server's identity. Ids: observables by STIX §2.9 (UUIDv5 of the value), the rest by UUIDv5
 * of their meaning in our own namespace, so a re-export gives the same ids.
 */
import ipaddr from "ipaddr.js";
import { STIX_NAMESPACE, uuidv5 } from "../../footprint/export/stix.js";
import type { ServedEvent } from "../../detect/types.js";
import { stripControl } from "../../util/sanitize.js";

const WHOISLENS_SIGHTINGS_NAMESPACE = "3b8e3f5c-0d1a-5b7e-8c2f-6a4d9e1b7c30";

export interface DecoyHits {
  /** The asking address (the query log's `source`). */
  source: string;
  sourceKeys: Set<string>;
  first: number;
  last: number;
  count: number;
  objects: Set<string>;
}

/** Collects decoy hits per source address from served events (objects listed at most 100 per source). */
export class DecoyHitBook {
  readonly bySource = new Map<string, DecoyHits>();
  push(e: ServedEvent): void {
    if (!e.entry.decoy || !ipaddr.isValid(e.entry.source)) return;
    const h = this.bySource.get(e.entry.source) ?? { source: e.entry.source, sourceKeys: new Set<string>(), first: e.ts, last: e.ts, count: 0, objects: new Set<string>() };
    this.bySource.set(e.entry.source, h);
    h.count++;
    h.first = Math.min(h.first, e.ts);
    h.last = Math.max(h.last, e.ts);
    if (h.sourceKeys.size < 4) h.sourceKeys.add(e.src);
    if (h.objects.size < 100) h.objects.add(e.entry.objectKey ?? e.entry.query);
  }
}

type StixObject = Record<string, unknown> & { type: string; id: string };

const iso = (ms: number): string => new Date(ms).toISOString();

export interface SightingsOptions { created?: string; sensorName?: string }

export function sightingsBundle(hits: Iterable<DecoyHits>, options: SightingsOptions = {}): string {
  const created = options.created ?? new Date().toISOString();
  const sensorName = stripControl(options.sensorName ?? "whoislens decoy WHOIS/RDAP server");
  const ours = (what: string): string => uuidv5(what, WHOISLENS_SIGHTINGS_NAMESPACE);
  const sensor: StixObject = { type: "identity", spec_version: "2.1", id: `identity--${ours(`sensor:${sensorName}`)}`, created, modified: created, name: sensorName, identity_class: "system", description: "Decoy WHOIS (RFC 3912) and RDAP (RFC 9083) server with planted registration data and canary contacts." };
  const objects: StixObject[] = [sensor];
  for (const h of [...hits].sort((a, b) => a.first - b.first || a.source.localeCompare(b.source))) {
    const addr = ipaddr.parse(h.source);
    const kind = addr.kind() === "ipv6" ? "ipv6-addr" : "ipv4-addr";
    const value = addr.toString();
    const sco: StixObject = { type: kind, spec_version: "2.1", id: `${kind}--${uuidv5(JSON.stringify({ value }), STIX_NAMESPACE)}`, value };
    const targets = [...h.objects].map((o) => stripControl(o)).slice(0, 20);
    const indicator: StixObject = {
      type: "indicator", spec_version: "2.1", id: `indicator--${ours(`decoy-source:${value}`)}`, created, modified: created,
      name: `WHOIS/RDAP harvester ${value}`, description: `Queried decoy registration objects: ${targets.join(", ")}${h.objects.size > targets.length ? ", …" : ""}`,
      indicator_types: ["anomalous-activity"], pattern: `[${kind}:value = '${value}']`, pattern_type: "stix", valid_from: iso(h.first),
      kill_chain_phases: [{ kill_chain_name: "mitre-attack", phase_name: "reconnaissance" }],
      external_references: [{ source_name: "mitre-attack", external_id: "T1596.002", url: "https://attack.mitre.org/techniques/T1596/002/" }],
    };
    const observed: StixObject = {
      type: "observed-data", spec_version: "2.1", id: `observed-data--${ours(`decoy-observed:${value}:${h.first}:${h.last}:${h.count}`)}`, created, modified: created,
      first_observed: iso(h.first), last_observed: iso(h.last), number_observed: Math.max(1, Math.min(h.count, 999_999_999)), object_refs: [sco.id],
    };
    const sighting: StixObject = {
      type: "sighting", spec_version: "2.1", id: `sighting--${ours(`decoy-sighting:${value}:${h.first}:${h.last}:${h.count}`)}`, created, modified: created,
      first_seen: iso(h.first), last_seen: iso(h.last), count: Math.min(h.count, 999_999_999), sighting_of_ref: indicator.id, observed_data_refs: [observed.id], where_sighted_refs: [sensor.id],
      description: `${h.count} decoy answer(s) served to ${value}${h.sourceKeys.size > 0 ? ` (accounting key ${[...h.sourceKeys].map((k) => stripControl(k)).join(", ")})` : ""}`,
    };
    objects.push(sco, indicator, observed, sighting);
  }
  return `${JSON.stringify({ type: "bundle", id: `bundle--${ours(`bundle:${created}:${objects.length}`)}`, objects }, null, 2)}\n`;
}
