import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildWorld, KINDS } from "../../../src/detect/eval/generate.js";
import { GZIPPED, RENDERINGS } from "../../../src/detect/eval/renderings.js";
import { makeSet, readRendering, SMALL } from "./fixture.js";

const hashes = (dir: string, files: string[]) => files.map((f) => createHash("sha256").update(readFileSync(join(dir, f))).digest("hex"));

describe("evaluation generator", () => {
  const a = makeSet(7);
  const b = makeSet(7);
  const c = makeSet(8);
  afterAll(() => [a, b, c].forEach((f) => f.cleanup()));

  it("is deterministic: same seed, same bytes in every file and the same labels", () => {
    expect(b.labels).toEqual(a.labels);
    expect(a.labels.renderings.flatMap((r) => r.files).length).toBeGreaterThan(5);
    for (const r of a.labels.renderings) expect(hashes(b.dir, r.files)).toEqual(hashes(a.dir, r.files));
    expect(c.labels.scenarios).not.toEqual(a.labels.scenarios);
    expect(buildWorld({ ...SMALL, seed: 7 }).labels.scenarios).toEqual(a.labels.scenarios);
  });

  it("labels every kind, names internal non-resolver sources, and has sane windows", () => {
    const kinds = new Set(a.labels.scenarios.map((s) => s.kind));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
    const sources = new Set<string>();
    for (const s of a.labels.scenarios) {
      expect(s.source.ip).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(s.source.ip).not.toBe(a.labels.resolver);
      expect(s.window.end).toBeGreaterThanOrEqual(s.window.start);
      expect(s.window.start).toBeGreaterThanOrEqual(a.labels.start);
      // Invisible everywhere only when a shared web WHOIS site was used over HTTPS without TLS inspection.
      if (Object.keys(s.expect).length === 0) expect([s.kind, a.labels.proxyBumps]).toEqual(["web-whois", false]);
      sources.add(s.source.ip);
    }
    expect(a.labels.scenarios.filter((s) => Object.keys(s.expect).length > 0).length).toBeGreaterThan(a.labels.scenarios.length * 0.9);
    expect(sources.size).toBe(a.labels.scenarios.length); // one fresh host per scenario
  });

  it("writes every rendering and its gzip variant; readLog reads all with 0 malformed", async () => {
    const names = a.labels.renderings.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([...RENDERINGS.map((r) => r.name), ...GZIPPED.map((g) => `${g}.gz`)]));
    const formats = new Set<string>();
    for (const name of names) {
      const { stats } = await readRendering(a, name);
      for (const st of stats) {
        expect(st.error, st.file).toBeUndefined();
        expect(st.malformed, st.file).toBe(0);
        expect(st.events, st.file).toBeGreaterThan(0);
        formats.add(st.format);
      }
    }
    expect([...formats].sort()).toEqual(["auditd", "aws-vpc-flow", "bind-query", "cef", "cisco-asa", "defender-xdr", "dnsmasq", "ecs", "firewall-csv", "firewall-syslog", "fortigate-traffic", "leef",
      "ocsf", "panos-traffic", "pcap", "pfsense-filterlog", "squid", "suricata-eve", "sysmon", "unbound", "windows-dns", "windows-event", "windows-firewall", "windows-xml", "zeek-conn", "zeek-dns", "zeek-http", "zeek-ssl", "zeek-whois"]);
  });

  it("never imports the rules, the engine or the formats (labels stay independent of the detector)", () => {
    const dir = join(import.meta.dirname, "../../../src/detect/eval");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text, file).not.toMatch(/from "\.\.\/(rules|engine|format|export|index)[/.]/);
    }
  });
});
