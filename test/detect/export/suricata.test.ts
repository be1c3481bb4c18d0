import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SID_BASE, SID_LIMIT, suricataContent, suricataRules, suricataString, toSuricata } from "../../../src/detect/export/index.js";
import { loadRuleSet } from "../../../src/detect/rules/index.js";
import { parseSuricataRule } from "./suricata-grammar.js";

const set = loadRuleSet();
const rules = toSuricata(set);
const parsed = rules.map((r) => parseSuricataRule(r));
const opt = (p: ReturnType<typeof parseSuricataRule>, k: string) => p.options.find(([key]) => key === k)?.[1];

const hasSuricata = spawnSync("suricata", ["-V"]).status === 0;
if (!hasSuricata) console.warn("skipping `suricata -T`: suricata is not installed");

describe("Suricata export", () => {
  it("every rule passes the grammar check, with unique sids in the whoislens range", () => {
    expect(rules.length).toBeGreaterThan(50);
    const sids = parsed.map((p) => Number(opt(p, "sid")));
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of sids) expect(s >= SID_BASE && s <= SID_LIMIT).toBe(true);
    for (const p of parsed) {
      expect(opt(p, "metadata")).toMatch(/mitre_technique_id T1596\.002/);
      expect(opt(p, "classtype")).toMatch(/^(policy-violation|attempted-recon)$/);
    }
  });

  it("TCP/43 egress from HOME_NET to EXTERNAL_NET with flow and content", () => {
    const p = parsed.find((x) => x.dport === "43" && opt(x, "msg")?.includes("port-43 egress"));
    expect(p).toMatchObject({ action: "alert", proto: "tcp", src: "$HOME_NET", dst: "$EXTERNAL_NET" });
    expect(opt(p!, "flow")).toBe("established,to_server");
    expect(opt(p!, "content")).toBe('"|0d 0a|"');
  });

  it("RDAP and web WHOIS hosts on dns.query, tls.sni and http.host; bursts as thresholds", () => {
    const text = rules.join("\n");
    expect(text).toMatch(/alert dns any any -> any any \(msg:"[^"]*"; dns\.query; dotprefix; content:"\.rdap\.verisign\.com"; endswith; nocase;/);
    expect(text).toMatch(/alert tls any any -> any any \(msg:"[^"]*"; tls\.sni; dotprefix; content:"\.who\.is"; endswith; nocase;/);
    expect(text).toMatch(/http\.host; dotprefix; content:"\.godaddy\.com"; endswith; http\.uri; content:"\/whois"; startswith; nocase;/);
    expect(text).not.toMatch(/http\.host;[^;]*;[^;]*;[^;]*endswith; nocase/); // http.host is lower-cased already: nocase is an error there
    expect(text).toMatch(/threshold:type both, track by_src, count 20, seconds 300;/);
  });

  it("escapes msg and content specials", () => {
    expect(suricataString('a"b;c\\d')).toBe('a\\"b\\;c\\\\d');
    expect(suricataContent('x;y"z|w\\')).toBe("x|3b|y|22|z|7c|w|5c|");
    expect(() => parseSuricataRule('alert tcp any any -> any 43 (msg:"a"b"; sid:1; rev:1;)')).toThrow();
    expect(() => parseSuricataRule('alert tcp any any -> any 43 (msg:"ok"; sid:1;)')).toThrow(/missing rev/);
    expect(() => parseSuricataRule('alert tcp any any -> any 43 (msg:"ok"; content:"|0g|"; sid:1; rev:1;)')).toThrow(/hex/);
    expect(() => parseSuricataRule('alert tcp any any -> any 43 (msg:"ok"; sid:1; rev:1;')).toThrow();
  });

  it("the file form starts with comments naming the rules Suricata cannot express", () => {
    const text = suricataRules(set);
    expect(text.split("\n")[0]).toMatch(/^# whoislens/);
    expect(text).toMatch(/whois-correlated-dns-enumeration/);
  });

  it.skipIf(!hasSuricata)("suricata -T accepts the rules", () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-suricata-"));
    writeFileSync(join(dir, "whoislens.rules"), suricataRules(set));
    writeFileSync(join(dir, "suricata.yaml"), "%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: \"[10.0.0.0/8,192.168.0.0/16,172.16.0.0/12]\"\n    EXTERNAL_NET: \"!$HOME_NET\"\n  port-groups: {}\ndefault-log-dir: " + dir + "\nclassification-file: /etc/suricata/classification.config\nreference-config-file: /etc/suricata/reference.config\n");
    execFileSync("suricata", ["-T", "-S", join(dir, "whoislens.rules"), "-c", join(dir, "suricata.yaml"), "-l", dir], { stdio: "pipe" });
  });
});
