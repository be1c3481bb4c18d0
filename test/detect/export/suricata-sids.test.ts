/**
 * Suricata sids are a contract with users' suppression lists (threshold.config `suppress gen_id 1, sig_id …`,
 * disable.conf, SIEM exceptions): a rule keeps its sid across releases, and a new rule takes the sids after the
 * highest. suricata-sids.tsv holds every sid and msg the export wrote before w24; w24 appends the RDAP-over-QUIC
 * rule on Suricata 7's `quic.sni` sticky buffer (OISF/suricata src/detect-quic-sni.c registers "quic.sni";
 * docs.suricata.io rules/quic-keywords). `suricata` is not installed here: the rule text goes through the same
 * grammar check as the others (suricata.test.ts runs `suricata -T` where it is).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toSuricata } from "../../../src/detect/export/index.js";
import { loadRuleSet } from "../../../src/detect/rules/index.js";
import { parseSuricataRule } from "./suricata-grammar.js";

const pinned = readFileSync(new URL("./suricata-sids.tsv", import.meta.url), "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split("\t") as [string, string]);
const parsed = toSuricata(loadRuleSet()).map((r) => parseSuricataRule(r));
const opt = (p: ReturnType<typeof parseSuricataRule>, k: string) => p.options.find(([key]) => key === k)?.[1];
const bySid = new Map(parsed.map((p) => [opt(p, "sid"), p]));
const unquote = (v: string | undefined) => v?.slice(1, -1);

describe("Suricata sids never move", () => {
  it("every sid published before keeps its rule (same msg)", () => {
    expect(pinned.length).toBeGreaterThan(1000);
    const moved = pinned.filter(([sid, msg]) => unquote(opt(bySid.get(sid)!, "msg")) !== msg);
    expect(moved).toEqual([]);
  });

  it("RDAP over QUIC/HTTP3: one quic.sni rule, after the highest pinned sid", () => {
    const highest = Math.max(...pinned.map(([sid]) => Number(sid)));
    const quic = parsed.filter((p) => p.proto === "quic");
    expect(quic).toHaveLength(1);
    const rule = quic[0]!;
    expect(Number(opt(rule, "sid"))).toBe(highest + 1);
    expect(rule.options.map(([k]) => k)).toEqual(["msg", "flow", "quic.sni", "content", "nocase", "pcre", "classtype", "sid", "rev", "metadata"]);
    expect(opt(rule, "content")).toBe('"rdap"');
    expect(opt(rule, "metadata")).toMatch(/whoislens_rule whois-rdap-endpoint/);
    const pcre = unquote(opt(rule, "pcre"))!;
    const re = new RegExp(pcre.slice(1, pcre.lastIndexOf("/")), "i");
    for (const sni of ["rdap.arin.net", "RDAP.db.ripe.net", "rdap-bootstrap.arin.net", "api.rdap.nic.xn--p1acf"]) expect(re.test(sni), sni).toBe(true);
    for (const sni of ["www.example.com", "nordapple.example", "cdn.rdapx.example"]) expect(re.test(sni), sni).toBe(false);
  });
});
