import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { writeEvtx } from "../../../src/detect/eval/render-evtx.js";
import { fakeIO, runCli } from "../../helpers/cli.js";
import { processLookups, sysmonLookups } from "../winxml/events.js";

const FIX = "test/detect/fixtures";
const dir = mkdtempSync(join(tmpdir(), "wl-detect-cli-"));
const HEADER = "#separator \\x09\n#path\twhois\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\n";
const whoisLine = (i: number, src = "10.0.0.5", q = `t${i}.example`) => `${1700000000 + i}.0\tW${i}\t${src}\t${40000 + i}\t198.51.100.43\t43\t${q}\n`;

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("whoislens detect", () => {
  it("prints a Markdown summary with per-file counters and exits 1 when there are alerts", async () => {
    const run = await runCli(["detect", `${FIX}/zeek-whois.log`, `${FIX}/zeek-conn.log`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^# WHOIS reconnaissance \(T1596\.002\)/);
    expect(run.stdout).toMatch(/\| test\/detect\/fixtures\/zeek-conn\.log \| zeek-conn \| 13 \| 2 \| 9 \| 2 \|/);
    expect(run.stdout).toContain("whois-port43-egress");
    expect(run.stderr).toMatch(/zeek-conn\.log: zeek-conn, 13 lines, 2 events, 9 skipped, 2 malformed/);
  });

  it("exits 0 with no alerts", async () => {
    const benign = file("benign-whois.log", `${HEADER}${whoisLine(1, "198.51.100.9")}`); // inbound: not egress
    const run = await runCli(["detect", benign, "--format", "ndjson"]);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(0);
  });

  it("--format ndjson writes one ECS alert per line; --org-domains weights lookups of our domains", async () => {
    const org = file("org.txt", "# ours\nexample.com\n");
    const run = await runCli(["detect", `${FIX}/zeek-whois.log`, "--format", "ndjson", "--org-domains", org]);
    const docs = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(docs.map((d) => d.rule.id).sort()).toEqual(["whois-own-domain-lookup", "whois-port43-egress"]);
    expect(docs[0]).toMatchObject({ event: { kind: "alert" }, threat: { technique: { id: "T1596.002" }, tactic: { id: "TA0043" } }, source: { ip: "10.0.0.5" } });
    expect(docs.find((d) => d.rule.id === "whois-own-domain-lookup").whoislens.evidence).toEqual([expect.objectContaining({ file: `${FIX}/zeek-whois.log`, line: 4 })]);
  });

  it("--format cef with --syslog frames each alert; --syslog alone is a usage error", async () => {
    const run = await runCli(["detect", `${FIX}/zeek-whois.log`, "--format", "cef", "--syslog"]);
    expect(run.stdout).toMatch(/^<116>1 \S+ \S+ whoislens - - - CEF:0\|whoislens\|whoislens\|/);
    const bad = await runCli(["detect", `${FIX}/zeek-whois.log`, "--syslog"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/WL_ERR_INVALID_OPTION/);
  });

  it("a truncated gzip gives the alerts found so far, a clear error and exit 2", async () => {
    let text = HEADER;
    for (let i = 0; i < 3000; i += 1) text += whoisLine(i, "10.0.0.5", `x${i}-${"a".repeat(i % 7)}.example`);
    const gz = gzipSync(Buffer.from(text));
    const path = file("cut.log.gz", gz.subarray(0, Math.floor(gz.length / 2)));
    const run = await runCli(["detect", path, "--format", "ndjson"]);
    expect(run.code).toBe(2);
    expect(run.stdout.trim().split("\n").map((l) => JSON.parse(l).rule.id)).toContain("whois-burst-targets");
    expect(run.stderr).toMatch(/WL_ERR_INPUT: .*cut\.log\.gz: .*(truncated|corrupt)/);
  });

  it("an unreadable input or a bad option is a usage error (exit 2)", async () => {
    expect((await runCli(["detect", join(dir, "missing.log")])).code).toBe(2);
    expect((await runCli(["detect", `${FIX}/zeek-whois.log`, "--internal", "10.0.0.0/99"])).code).toBe(2);
    expect((await runCli(["detect", `${FIX}/zeek-whois.log`, "--org-domains", join(dir, "nope.txt")])).code).toBe(2);
  });

  it("--follow prints alerts as lines are appended and stops on interrupt", async () => {
    const path = file("live-whois.log", HEADER);
    const io = fakeIO();
    const done = main(["detect", path, "--follow", "--format", "ndjson"], io);
    await new Promise((r) => setTimeout(r, 300));
    appendFileSync(path, whoisLine(1));
    appendFileSync(path, whoisLine(100)); // 100 s later on the event clock: releases the first alert
    for (let i = 0; i < 40 && io.out.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    io.interrupt();
    const code = await done;
    const lines = io.out.join("").trim().split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(lines[0]!).rule.id).toBe("whois-port43-egress");
    expect(code).toBe(1);
  });

  it("--follow on a binary .evtx reads it once and says so beside its counts, while a text log beside it is still followed", async () => {
    const evtx = file("Sysmon.evtx", writeEvtx(sysmonLookups()));
    const live = file("live-beside.log", HEADER);
    const io = fakeIO();
    const done = main(["detect", evtx, live, "--follow", "--format", "ndjson"], io);
    const said = () => io.err.join("");
    for (let i = 0; i < 100 && !said().includes("not followed"); i += 1) await new Promise((r) => setTimeout(r, 50));
    // The .evtx is done (its counts and the notice are out) while the text log is still being followed.
    expect(said()).toMatch(/Sysmon\.evtx: windows-evtx, 75 lines, \d+ events, 0 skipped, 0 malformed\n[^\n]*Sysmon\.evtx: a binary \.evtx is read once, not followed/);
    expect(said()).not.toContain("live-beside.log: zeek");
    io.interrupt();
    expect(await done).toBe(1);
    expect(io.out.join("")).toContain("whois-burst-targets");
  });

  it("--follow on an .evtx alone ends by itself with the notice (it once waited for bytes Windows never appends)", async () => {
    const run = await runCli(["detect", file("Security.evtx", writeEvtx(processLookups())), "--follow", "--format", "ndjson"]);
    expect(run.stderr).toMatch(/Security\.evtx: windows-evtx, 50 lines[^\n]*\n[^\n]*Security\.evtx: a binary \.evtx is read once, not followed/);
    expect(run.code).toBe(1);
  });
});

describe("whoislens rules", () => {
  it("lists the rules", async () => {
    const run = await runCli(["rules", "list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^whois-port43-egress\tlow\tlookup\tWHOIS port-43 egress$/m);
  });

  it("exports Sigma into a directory, one file per rule, and Suricata into a file", async () => {
    const out = join(dir, "sigma/");
    const s = await runCli(["rules", "export", "--format", "sigma", "--out", out]);
    expect(s.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(["whois-port43-egress-network-1.yml", "whois-burst-targets.yml"]));
    const rulesFile = join(dir, "whoislens.rules");
    expect((await runCli(["rules", "export", "--format", "suricata", "--out", rulesFile])).code).toBe(0);
    expect(existsSync(rulesFile)).toBe(true);
    expect(readFileSync(rulesFile, "utf8")).toMatch(/^alert tcp \$HOME_NET any -> \$EXTERNAL_NET 43 /m);
    const stdout = await runCli(["rules", "export", "--format", "sigma"]);
    expect(stdout.stdout.split("\n---\n").length).toBeGreaterThan(10);
  });

  it("--format is required and checked", async () => {
    expect((await runCli(["rules", "export"])).code).toBe(2);
    expect((await runCli(["rules", "export", "--format", "snort"])).code).toBe(2);
  });
});
