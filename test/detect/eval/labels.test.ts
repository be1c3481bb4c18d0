/** The labels say what the files hold: each labelled scenario is visible where its label says, and
 *  nothing WHOIS-like happens in the background except the resolver forwarding clients' questions. */
import { afterAll, describe, expect, it } from "vitest";
import { RDAP_SERVICES, webWhoisOf } from "../../../src/detect/eval/catalog.js";
import { PORT43_HOSTS } from "../../../src/detect/eval/lookups.js";
import type { Family, ScenarioLabel } from "../../../src/detect/eval/model.js";
import { renderingByName } from "../../../src/detect/eval/renderings.js";
import { computerName } from "../../../src/detect/eval/render-winnet.js";
import { SERVERS } from "../../../src/detect/eval/hosts.js";
import { DNS_ONLY_FORMATS, type DetectEvent } from "../../../src/detect/types.js";
import { makeSet, readRendering } from "./fixture.js";

const RDAP = new Set(RDAP_SERVICES.map(([s]) => s.host));

function hostOf(e: DetectEvent): string | undefined {
  if (e.kind === "dns") return e.query;
  if (e.kind === "tls") return e.sni;
  if (e.kind === "http") return e.host ?? (e.url ? new URL(e.url.includes("://") ? e.url : `http://${e.url}`).hostname : undefined);
  return undefined;
}

function lookupFamily(e: DetectEvent): Family | undefined {
  // Windows (whois.exe, whois64.exe) and Linux (/usr/bin/whois in auditd) clients.
  if (e.kind === "process") return /[\\/]whois(64)?(\.exe)?$/i.test(e.process.image) || /rdap\.org/.test(e.process.commandLine ?? "") ? "endpoint" : undefined;
  if ((e.kind === "conn" || e.kind === "whois") && e.dstPort === 43) return "port43";
  // A DNS server's query log shows a port-43 lookup as the resolution of its server's name.
  if (e.kind === "dns" && DNS_ONLY_FORMATS.has(e.format) && PORT43_HOSTS.has(e.query.toLowerCase())) return "port43";
  const h = hostOf(e)?.toLowerCase().replace(/:\d+$/, "");
  if (h && RDAP.has(h)) return "rdap";
  const path = e.kind === "http" ? (e.path ?? (e.url?.startsWith("http") ? e.url.replace(/^https?:\/\/[^/]+/, "") : "")) : "";
  if (h && webWhoisOf(h, path)) return "web-whois";
  return undefined;
}

const text = (e: DetectEvent) => (e.kind === "whois" ? e.query : e.kind === "http" ? `${e.url ?? ""} ${e.path ?? ""}` : e.kind === "process" ? (e.process.commandLine ?? "") : "");
const fromSource = (e: DetectEvent, s: ScenarioLabel) => e.src === s.source.ip || (s.source.host !== undefined && (e.src.toLowerCase() === s.source.host.toLowerCase() || e.process?.host?.toLowerCase() === s.source.host.toLowerCase()))
  // winnet renderings: a DNS Client event names its computer only; hosts the world names no Windows computer for get computerName(ip).
  || (e.format === "windows-event" && e.kind === "dns" && e.src === computerName(s.source.ip));

/** Renderings that show only endpoint processes, or only flows (port 43 and scans): fewer scenarios each. */
const FEW = new Set(["winsec-ecs", "winsec-evtx", "winsec-nxlog", "auditd", "panos", "fortigate", "cisco-asa", "pfsense", "vpc-flow", "windows-firewall", "cef", "leef", "defender-xdr", "winsec-xml", "winsec-evtx-bin"]);

// Seed 11 has a TLS-inspecting proxy (HTTPS URLs in the Squid log), seed 13 has not.
describe.each([11, 13])("labels match the written files (seed %i)", (seed) => {
  const set = makeSet(seed);
  afterAll(() => set.cleanup());
  const { labels } = set;

  for (const r of labels.renderings.filter((x) => !x.name.endsWith(".gz"))) {
    it(`${r.name}: every labelled scenario shows its evidence, the background shows none`, async () => {
      const { events } = await readRendering(set, r.name);
      let checked = 0;
      for (const s of labels.scenarios) {
        const family = s.expect[r.name];
        const mine = events.filter((e) => fromSource(e, s) && e.ts >= s.window.start - 1000 && e.ts <= s.window.end + 120_000);
        const lookups = mine.filter((e) => lookupFamily(e) !== undefined);
        if (family === undefined) continue;
        const why = `${s.id} in ${r.name} (expected ${family})`;
        checked += 1;
        expect(lookups.length, why).toBeGreaterThan(0);
        if (family === "port43" || family === "rdap" || family === "web-whois" || family === "endpoint") {
          // Host-view renderings (WFP, DNS Client): the host's own port-43 connection or server-name question is its endpoint lookup.
          const hostView = renderingByName(r.name)?.hostView === true;
          const ownLookup = (e: DetectEvent) => hostView && family === "endpoint" && e.process !== undefined && (lookupFamily(e) === "port43" || lookupFamily(e) === "rdap");
          expect(lookups.some((e) => lookupFamily(e) === family || ownLookup(e)), why).toBe(true);
        }
        if (family === "burst") expect(lookups.filter((e) => e.kind !== "dns" || DNS_ONLY_FORMATS.has(e.format)).length, why).toBeGreaterThanOrEqual(25);
        if (family === "own-domain") expect(mine.some((e) => labels.orgDomains.some((d) => text(e).toLowerCase().includes(d))), why).toBe(true);
        if (family === "correlation") {
          const enumeration = mine.filter((e) => e.kind === "dns").length >= 50;
          const scan = mine.filter((e) => e.kind === "conn" && ![43, 53, 80, 443].includes(e.dstPort)).length >= 20;
          expect(enumeration || scan, why).toBe(true);
        }
      }
      expect(checked).toBeGreaterThanOrEqual(FEW.has(r.name) || r.name.startsWith("sysmon") || r.name.startsWith("fw") ? 3 : 12);
      // No WHOIS-like activity outside the labelled sources, except the resolver's forwarded questions.
      const sources = new Set(labels.scenarios.flatMap((s) => [s.source.ip, s.source.host?.toLowerCase(), computerName(s.source.ip).toLowerCase()]));
      const stray = events.filter((e) => lookupFamily(e) !== undefined && !sources.has(e.src) && !sources.has(e.src.toLowerCase()) && !sources.has(e.process?.host?.toLowerCase()));
      // …and, in the winnet renderings, the scanner's permitted probe of 43 among 1,000 ports: background the detector must silence.
      const scannerProbe = (e: DetectEvent) => renderingByName(r.name)?.hostView === true && e.kind === "conn" && e.src === SERVERS.scanner;
      expect(stray.filter((e) => !(e.kind === "dns" && e.src === labels.resolver) && !scannerProbe(e)).map((e) => e.evidence.text)).toEqual([]);
    });
  }
});
