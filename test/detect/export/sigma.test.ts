import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { sigmaYaml, toSigma } from "../../../src/detect/export/index.js";
import { loadRuleSet } from "../../../src/detect/rules/index.js";

const SPECS = fileURLToPath(new URL("../../../../shared/specs/sigma/", import.meta.url));
const HAVE_SPECS = existsSync(`${SPECS}sigma-detection-rule-schema.json`) && existsSync(`${SPECS}sigma-correlation-rules-schema.json`);
if (!HAVE_SPECS) console.warn(`skipping Sigma schema validation: ${SPECS} is absent (a fresh clone has no ../shared)`);

const set = loadRuleSet();
const docs = toSigma(set, { orgDomains: ["acme-corp.example"] });

describe("Sigma export", () => {
  it("exports every lookup rule per log source, bursts and correlations as correlation rules", () => {
    const names = docs.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(["whois-port43-egress-network-1", "whois-port43-egress-firewall-1", "whois-rdap-endpoint-dns-1", "whois-rdap-endpoint-proxy-3", "whois-endpoint-tool-process-1", "whois-burst-targets", "whois-burst-lookups", "whois-correlated-dns-enumeration", "whois-correlated-port-scan", "whois-own-domain-lookup-whois"]));
    expect(new Set(names).size).toBe(names.length);
    const categories = new Set(docs.map((d) => (d.doc.logsource as { category?: string } | undefined)?.category).filter(Boolean));
    for (const c of ["network_connection", "dns", "proxy", "process_creation", "firewall"]) expect(categories).toContain(c);
    for (const d of docs) expect(d.doc.tags).toEqual(expect.arrayContaining(["attack.reconnaissance", "attack.t1596.002"]));
  });

  it("bursts keep the YAML's thresholds and windows, grouped by source", () => {
    const byName = new Map(docs.map((d) => [d.name, d.doc]));
    expect(byName.get("whois-burst-targets")?.correlation).toMatchObject({ type: "value_count", timespan: "2m", "group-by": ["source"], condition: { gte: 20, field: "target" } });
    expect(byName.get("whois-burst-lookups")?.correlation).toMatchObject({ type: "event_count", timespan: "5m", condition: { gte: 20 } });
    const refs = (byName.get("whois-burst-lookups")?.correlation as { rules: string[] }).rules;
    for (const r of refs) expect(byName.has(r), r).toBe(true);
  });

  it("every correlation refers only to rules that exist, with an alias for each grouped field", () => {
    const byName = new Map(docs.map((d) => [d.name, d.doc]));
    for (const d of docs.filter((x) => x.kind === "correlation")) {
      const c = d.doc.correlation as { rules: string[]; aliases?: Record<string, Record<string, string>>; "group-by": string[] };
      for (const r of c.rules) expect(byName.has(r), `${d.name} -> ${r}`).toBe(true);
      for (const g of c["group-by"]) {
        for (const r of c.rules) if (byName.get(r)?.correlation === undefined) expect(c.aliases?.[g]?.[r], `${d.name}: alias ${g} for ${r}`).toBeTruthy();
      }
    }
  });

  it("serializes as one YAML document per rule that parses back", () => {
    const parsed = parseAllDocuments(sigmaYaml(docs));
    expect(parsed).toHaveLength(docs.length);
    expect(parsed.every((p) => p.errors.length === 0)).toBe(true);
    expect(parsed.map((p) => (p.toJS() as { name: string }).name)).toEqual(docs.map((d) => d.name));
  });

  it.skipIf(!HAVE_SPECS)("validates against the Sigma rule and correlation JSON schemas", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const rule = ajv.compile(JSON.parse(readFileSync(`${SPECS}sigma-detection-rule-schema.json`, "utf8")));
    const corr = ajv.compile(JSON.parse(readFileSync(`${SPECS}sigma-correlation-rules-schema.json`, "utf8")));
    for (const p of parseAllDocuments(sigmaYaml(docs))) {
      const doc = p.toJS() as Record<string, unknown>;
      const validate = doc.correlation !== undefined ? corr : rule;
      expect(validate(doc), `${String(doc.name)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    // the validators do reject what the specification forbids
    expect(rule({ ...docs[0]!.doc, tags: ["Attack T1596"] })).toBe(false);
    const burst = docs.find((d) => d.name === "whois-burst-targets")!.doc;
    expect(corr({ ...burst, correlation: { ...(burst.correlation as object), timespan: "two minutes and more" } })).toBe(false);
  });

  it("leaves the own-domain rule out without org domains, and ids are stable", () => {
    const plain = toSigma(set);
    expect(plain.some((d) => d.name.startsWith("whois-own-domain"))).toBe(false);
    expect(toSigma(set).map((d) => d.doc.id)).toEqual(plain.map((d) => d.doc.id));
    for (const d of plain) expect(String(d.doc.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
