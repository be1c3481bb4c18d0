/**
 * Issue #13 item 3: a Zeek log folder is input. `whoislens detect DIR` (or DIR/*.log) reads the kinds it
 * knows and skips the others with one notice line each; the exit code reports only real read errors.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { expandInputs } from "../../../src/detect/engine/inputs.js";
import { runCli } from "../../helpers/cli.js";

const TS = 1764932400; // 2025-12-05T11:00:00Z
/** A Zeek TSV log as Zeek writes it: the eight header lines, rows, #close. */
function zeekTsv(path: string, fields: [string, string][], rows: string[][]): string {
  return [
    "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", `#path\t${path}`, "#open\t2025-12-05-11-00-00",
    `#fields\t${fields.map((f) => f[0]).join("\t")}`, `#types\t${fields.map((f) => f[1]).join("\t")}`,
    ...rows.map((r) => r.join("\t")), "#close\t2025-12-05-12-00-00", "",
  ].join("\n");
}
const ID: [string, string][] = [["ts", "time"], ["uid", "string"], ["id.orig_h", "addr"], ["id.orig_p", "port"], ["id.resp_h", "addr"], ["id.resp_p", "port"]];

function zeekFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "wl-zeek-current-"));
  const w = (name: string, text: string | Buffer) => writeFileSync(join(dir, name), text);
  w("conn.log", zeekTsv("conn", [...ID, ["proto", "enum"], ["service", "string"], ["duration", "interval"], ["orig_bytes", "count"], ["resp_bytes", "count"], ["conn_state", "string"], ["history", "string"]],
    [[`${TS}.100000`, "C1", "10.0.0.5", "51000", "198.51.100.43", "43", "tcp", "-", "0.2", "13", "900", "SF", "ShADadFf"]]));
  w("dns.log", zeekTsv("dns", [...ID, ["proto", "enum"], ["query", "string"], ["qtype_name", "string"], ["rcode_name", "string"]],
    [[`${TS}.200000`, "D1", "10.0.0.7", "53001", "10.0.0.2", "53", "udp", "rdap.verisign.com", "A", "NOERROR"]]));
  w("x509.log", zeekTsv("x509", [["ts", "time"], ["fingerprint", "string"], ["certificate.version", "count"], ["certificate.serial", "string"], ["certificate.subject", "string"]],
    [[`${TS}.300000`, "e3b0c442", "3", "0A1B", "CN=rdap.verisign.com"]]));
  w("files.log", `${JSON.stringify({ ts: TS + 0.4, fuid: "F1", uid: "C9", source: "SSL", depth: 0, analyzers: ["X509"], mime_type: "application/x-x509-user-cert" })}\n`);
  w("known_services.log", zeekTsv("known_services", [["ts", "time"], ["host", "addr"], ["port_num", "port"], ["port_proto", "enum"], ["service", "set[string]"]],
    [[`${TS}.500000`, "10.0.0.2", "53", "udp", "DNS"]]));
  w("weird.log", `${JSON.stringify({ _path: "weird", ts: TS + 0.6, uid: "C3", "id.orig_h": "10.0.0.9", name: "bad_TCP_checksum", notice: false })}\n`);
  w("notice.log", zeekTsv("notice", [["ts", "time"], ["uid", "string"], ["note", "enum"], ["msg", "string"]], [[`${TS}.700000`, "-", "Scan::Port_Scan", "10.0.0.66 scanned 40 ports"]]));
  w("capture_loss.log", zeekTsv("capture_loss", [["ts", "time"], ["ts_delta", "interval"], ["peer", "string"], ["gaps", "count"], ["acks", "count"], ["percent_lost", "double"]], [[`${TS}.800000`, "900.0", "zeek", "0", "120", "0.0"]]));
  w("stats.log", zeekTsv("stats", [["ts", "time"], ["peer", "string"], ["mem", "count"], ["pkts_proc", "count"]], [[`${TS}.900000`, "zeek", "310", "1200"]]));
  w("loaded_scripts.log", zeekTsv("loaded_scripts", [["name", "string"]], [["/usr/share/zeek/base/init-bare.zeek"]]));
  w("packet_filter.log", zeekTsv("packet_filter", [["ts", "time"], ["node", "string"], ["filter", "string"], ["init", "bool"], ["success", "bool"]], [[`${TS}.000000`, "zeek", "ip or not ip", "T", "T"]]));
  w("reporter.log", zeekTsv("reporter", [["ts", "time"], ["level", "enum"], ["message", "string"], ["location", "string"]], [[`${TS}.000000`, "Reporter::INFO", "processing suspended", "-"]]));
  w("ssl.09:00:00-10:00:00.log.gz", gzipSync(zeekTsv("ssl", [...ID, ["version", "string"], ["server_name", "string"]], [[`${TS}.950000`, "S1", "10.0.0.9", "40001", "192.0.2.44", "443", "TLSv13", "rdap.verisign.com"]])));
  w(".status", "RUNNING [net_run]\n");
  mkdirSync(join(dir, "2025-12-04"));
  w("2025-12-04/conn.log", zeekTsv("conn", [...ID, ["conn_state", "string"]], [[`${TS}.1`, "C8", "10.0.0.99", "1", "198.51.100.43", "43", "SF"]]));
  return dir;
}

const SKIPPED = ["capture_loss", "files", "known_services", "loaded_scripts", "notice", "packet_filter", "reporter", "stats", "weird", "x509"];

describe("a Zeek log folder is input", () => {
  it("whoislens detect DIR reads conn, dns, ssl (gzip too), skips the other kinds with one notice each, exit 1 for the alerts", async () => {
    const dir = zeekFolder();
    const run = await runCli(["detect", dir, "--format", "ndjson"]);
    expect(run.stderr).not.toMatch(/WL_ERR/);
    expect(run.code).toBe(1);
    const notices = run.stderr.split("\n").filter((l) => l.includes("not a kind detect reads"));
    expect(notices.map((l) => /Zeek (\S+) log/.exec(l)?.[1]).sort()).toEqual(SKIPPED);
    expect(notices).toHaveLength(SKIPPED.length);
    expect(run.stderr).toMatch(/conn\.log: zeek-conn, 10 lines, 1 events/);
    const rules = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { rule: { id: string }; source: { ip: string } });
    expect(rules.map((r) => r.rule.id).sort()).toEqual(["whois-port43-egress", "whois-rdap-endpoint", "whois-rdap-endpoint"]);
    // The subfolder is not read: its 10.0.0.99 lookup never shows up.
    expect(rules.some((r) => r.source.ip === "10.0.0.99")).toBe(false);
  });

  it("DIR/*.log (the shell's glob, names in any order) gives the same verdicts; the folder order is stable", async () => {
    const dir = zeekFolder();
    const listed = expandInputs([dir]);
    expect(listed).toEqual(readdirSync(dir).filter((n) => !n.startsWith(".") && n !== "2025-12-04").sort().map((n) => join(dir, n)));
    const globbed = readdirSync(dir).filter((n) => n.endsWith(".log")).reverse().map((n) => join(dir, n));
    const a = await detectFiles([dir]);
    const b = await detectFiles(globbed);
    expect(b.alerts.map((x) => x.ruleId).sort()).toEqual(["whois-port43-egress", "whois-rdap-endpoint"]);
    expect(a.alerts.filter((x) => x.ruleId === "whois-port43-egress")).toHaveLength(1);
    expect(b.stats.filter((s) => s.notice !== undefined)).toHaveLength(SKIPPED.length);
    expect(b.stats.every((s) => s.error === undefined)).toBe(true);
  });

  it("a real read error in the folder still exits 2; the notices do not", async () => {
    const dir = zeekFolder();
    writeFileSync(join(dir, "http.log.gz"), gzipSync("#separator \\x09\n#path\thttp\n").subarray(0, 12));
    const run = await runCli(["detect", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.match(/WL_ERR_INPUT/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/WL_ERR_INPUT: .*http\.log\.gz/);
    expect(run.stdout).toContain("whois-port43-egress"); // alerts found before still printed
  });

  it("an unknown non-Zeek file named explicitly is still an error; an empty folder is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-empty-"));
    const empty = await runCli(["detect", dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no log files in folder/);
    writeFileSync(join(dir, "notes.txt"), "hello\nworld\n");
    const unknown = await runCli(["detect", join(dir, "notes.txt")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unrecognized log format/);
  });

  it("a file of no known format found in a folder (a README, zeekctl's output) is a notice, not an error: exit 1 for the alerts", async () => {
    const dir = zeekFolder();
    writeFileSync(join(dir, "README.txt"), "Sensor 3, rotated hourly by zeekctl.\nAsk the SOC before deleting.\n");
    const run = await runCli(["detect", dir, "--format", "ndjson"]);
    expect(run.stderr).not.toMatch(/WL_ERR/);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/README\.txt: no log format detect reads: skipped/);
    const named = await runCli(["detect", join(dir, "README.txt"), join(dir, "conn.log")]);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/WL_ERR_INPUT: .*README\.txt: unrecognized log format/);
  });
});
