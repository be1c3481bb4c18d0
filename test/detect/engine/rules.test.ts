import { mkdtempSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, LISTS_DIR } from "../../../src/detect/rules/index.js";
import { conn, dns, http, ids, proc, run, T0, tls, whois } from "./events.js";

describe("rule table", () => {
  it("loads the shipped rules with bootstrap RDAP hosts and unique ids", () => {
    const set = loadRuleSet();
    expect(set.rules.length).toBeGreaterThanOrEqual(9);
    expect(new Set(set.rules.map((r) => r.id)).size).toBe(set.rules.length);
    const rdap = set.lists["rdap-hosts"].map((r) => r.host);
    expect(rdap).toEqual(expect.arrayContaining(["rdap.verisign.com", "rdap.arin.net", "rdap.org", "rdap.denic.de"]));
    expect(set.lists["web-whois"].map((r) => r.host)).toEqual(expect.arrayContaining(["who.is", "lookup.icann.org", "viewdns.info"]));
  });

  it("rejects a rule file with a bad field, naming the file and the path", () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-rules-"));
    writeFileSync(join(dir, "bad.yaml"), "version: 1\nrules:\n  - id: x-rule\n    name: bad\n    description: a rule with a typo in match\n    severity: urgent\n    match: { type: lookup, channel: port43, on: [] }\n");
    // One assertion that needs the throw (the try/catch it replaces checked nothing if the call returned).
    expect(() => loadRuleSet({ rulesDir: dir })).toThrow(expect.objectContaining({ code: "WL_ERR_CONFIG", message: expect.stringMatching(/bad\.yaml.*severity/) }));
  });

  it("rejects duplicate ids and unknown list names", () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-rules-"));
    const rule = "  - id: dup-rule\n    name: dup\n    description: duplicated rule id\n    severity: low\n    match: { type: lookup, channel: rdap, on: [{ event: dns, lists: [rdap-hosts] }] }\n";
    writeFileSync(join(dir, "a.yaml"), `version: 1\nrules:\n${rule}${rule}`);
    expect(() => loadRuleSet({ rulesDir: dir })).toThrowError(/duplicate rule id dup-rule/);
    writeFileSync(join(dir, "a.yaml"), "version: 1\nrules:\n  - id: one-rule\n    name: one\n    description: names a list that does not exist\n    severity: low\n    match: { type: lookup, channel: rdap, on: [{ event: dns, lists: [nope] }] }\n");
    expect(() => loadRuleSet({ rulesDir: dir })).toThrowError(/lists/);
  });

  it("takes host lists from another directory (rules as data)", () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-lists-"));
    cpSync(LISTS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, "web-whois.yaml"), "hosts:\n  - { host: whois.example-lookup.test }\n");
    const set = loadRuleSet({ listsDir: dir });
    expect(run([tls("10.1.1.1", "whois.example-lookup.test")], { rules: set }).map((a) => a.ruleId)).toEqual(["whois-web-service"]);
  });
});

describe("single-event rules fire on their scenario, not on near misses", () => {
  it("TCP/43 egress from an internal host; not inbound, not internal-to-internal, not UDP or port 4343", () => {
    expect(ids(run([conn("10.0.0.5", "199.7.59.74", 43)]))).toEqual(["whois-port43-egress"]);
    expect(run([conn("8.8.4.4", "10.0.0.5", 43)])).toEqual([]);
    expect(run([conn("10.0.0.5", "10.0.9.9", 43)])).toEqual([]);
    expect(run([conn("10.0.0.5", "199.7.59.74", 43, T0, { proto: "udp" })])).toEqual([]);
    expect(run([conn("10.0.0.5", "199.7.59.74", 4343)])).toEqual([]);
  });

  it("--internal widens what counts as internal", () => {
    expect(run([conn("100.64.0.9", "199.7.59.74", 43)])).toHaveLength(1); // CGNAT is private already
    expect(run([conn("8.8.4.4", "199.7.59.74", 43)])).toEqual([]);
    expect(run([conn("8.8.4.4", "199.7.59.74", 43)], { internal: ["8.8.4.0/24"] })).toHaveLength(1);
  });

  it("WHOIS sessions carry their query as the target", () => {
    const [a] = run([whois("10.0.0.5", "-T dn example.net")]);
    expect(a?.ruleId).toBe("whois-port43-egress");
    expect(a?.targets).toEqual(["example.net"]);
    expect(a?.destination).toEqual({ ip: "199.7.59.74", port: 43 });
  });

  it("RDAP hosts in DNS, SNI and HTTP host; RDAP paths under /rdap/; not look-alikes or IPAM paths", () => {
    expect(ids(run([dns("10.0.0.7", "rdap.verisign.com")]))).toEqual(["whois-rdap-endpoint"]);
    expect(ids(run([tls("10.0.0.7", "RDAP.ARIN.NET.")]))).toEqual(["whois-rdap-endpoint"]);
    const [h] = run([http("10.0.0.7", "rdap.db.ripe.net", "/ip/193.0.6.139")]);
    expect(h?.targets).toEqual(["193.0.6.139"]);
    const [p] = run([http("10.0.0.7", "registry.example", "/rdap/v1/domain/Example.ORG")]);
    expect(p?.ruleId).toBe("whois-rdap-endpoint");
    expect(p?.targets).toEqual(["example.org"]);
    expect(run([tls("10.0.0.7", "rdap.verisign.com.evil.test"), tls("10.0.0.7", "notrdap.org"), dns("10.0.0.7", "www.registry.google")])).toEqual([]);
    // Registries' RDAP services no list names yet are found by their first label (rdap.cctld.au, rdap.dns.pl).
    for (const host of ["rdap.cctld.au", "rdap.dns.pl", "rdap-pilot.nic.example"]) expect(ids(run([tls("10.0.0.7", host)])), host).toEqual(["whois-rdap-endpoint"]);
    expect(run([tls("10.0.0.7", "rdap.example"), tls("10.0.0.7", "rdap.a.b.example.org"), tls("10.0.0.7", "rdapx.nic.example"), dns("10.0.0.7", "myrdap.nic.example")])).toEqual([]);
    expect(run([http("10.0.0.7", "ipam.corp.example", "/ip/10.0.3.4"), http("10.0.0.7", "ipam.corp.example", "/domain/corp.example"), http("10.0.0.7", "api.example", "/v2/domain/inventory")])).toEqual([]);
  });

  it("web WHOIS services by host, path-only services only on their lookup paths", () => {
    expect(ids(run([tls("10.0.0.8", "www.who.is")]))).toEqual(["whois-web-service"]);
    const [a] = run([http("10.0.0.8", "viewdns.info", "/whois/?domain=target-corp.com")]);
    expect(a?.targets).toEqual(["target-corp.com"]);
    expect(ids(run([http("10.0.0.8", "www.godaddy.com", "/whois/results.aspx?domain=x.com")]))).toEqual(["whois-web-service"]);
    expect(run([http("10.0.0.8", "www.godaddy.com", "/domains"), tls("10.0.0.8", "www.godaddy.com"), dns("10.0.0.8", "www.godaddy.com")])).toEqual([]);
    expect(run([dns("10.0.0.8", "whois.arin.net")]).map((x) => x.ruleId)).toEqual(["whois-port43-egress"]);
    expect(run([tls("10.0.0.8", "whois.arin.net")]).map((x) => x.ruleId)).toEqual(["whois-web-service"]);
  });

  it("WHOIS tools on endpoints whatever the folder; scripts calling RDAP or port 43; not whoami or ordinary REST calls", () => {
    for (const image of ["C:\\Users\\Public\\Downloads\\whois64.exe", "C:\\Tools\\WHOIS.EXE", "/usr/bin/whois", "/opt/homebrew/bin/jwhois", "C:\\x\\whois64a.exe"]) {
      const [a] = run([proc("WS-1.corp.example", image, `${image} -v example.com`)]);
      expect(a?.ruleId, image).toBe("whois-endpoint-tool");
      expect(a?.source).toMatchObject({ host: "WS-1.corp.example", process: image });
      expect(a?.targets).toEqual(["example.com"]);
    }
    const ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    const [r] = run([proc("WS-2", ps, 'powershell.exe -NoProfile -Command "Invoke-RestMethod -Uri https://rdap.org/domain/victim.example"')]);
    expect(r?.targets).toEqual(["victim.example"]);
    expect(ids(run([proc("lnx-1", "/usr/bin/python3", `python3 -c "import socket; s=socket.create_connection(('whois.iana.org', 43))"`)]))).toEqual(["whois-endpoint-tool"]);
    expect(ids(run([proc("lnx-1", "/usr/bin/nc", "nc whois.verisign-grs.com 43")]))).toEqual(["whois-endpoint-tool"]);
    expect(ids(run([proc("lnx-1", "/usr/bin/curl", "curl -s https://who.is/whois/example.com")]))).toEqual(["whois-endpoint-tool"]);
    expect(run([
      proc("WS-3", "C:\\Windows\\System32\\whoami.exe", "whoami /all"),
      proc("WS-3", ps, 'powershell.exe -NoProfile -Command "Invoke-RestMethod https://api.corp.example/v2/domain/inventory"'),
      proc("WS-3", "/usr/bin/python3", "python3 train.py --epochs 43"),
      proc("WS-3", "C:\\Tools\\whois.exe.bak", "notepad"),
    ])).toEqual([]);
  });

  it("endpoint network events with process context go to the endpoint rule, once", () => {
    const c = conn("10.0.0.42", "199.7.59.74", 43, T0, { process: { image: "C:\\Tools\\whois.exe", host: "WS-42" }, format: "sysmon" });
    const alerts = run([proc("WS-42", "C:\\Tools\\whois.exe", "whois.exe example.com", T0 - 500), c]);
    expect(alerts.map((a) => a.ruleId)).toEqual(["whois-endpoint-tool"]);
    expect(alerts[0]?.source).toEqual({ ip: "10.0.0.42", host: "WS-42", process: "C:\\Tools\\whois.exe" });
    expect(alerts[0]?.evidence).toHaveLength(2);
  });

  it("a browser resolving a web WHOIS site on an endpoint is a web WHOIS visit, with the process named", () => {
    const q = dns("WS-7", "who.is", T0, { process: { image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", host: "WS-7" }, format: "sysmon" });
    const [a] = run([q]);
    expect(a?.ruleId).toBe("whois-web-service");
    expect(a?.source.process).toMatch(/chrome\.exe$/);
  });
});
