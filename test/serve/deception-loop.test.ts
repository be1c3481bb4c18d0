import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { QueryLogEntry } from "../../src/serve/contract.js";
import { runCli } from "../helpers/cli.js";
import { postfixLog } from "./canary/samples.js";
import { rdapFrom, whoisFrom } from "./clients-abusive.js";
import { serveProcess } from "./helpers.js";

// The whole deception loop through the built CLI, as an operator runs it: `serve --decoy --canary-domain
// --canary-per-source` plants a canary set per asking source; two harvesters query the decoy domain; the
// query log feeds `detect` (decoy-object alerts) and `canary sightings` (STIX); a spam run to one
// harvester's address, in a Postfix log, makes `canary check` name that harvester and no other.
it("serve plants per-source canaries; canary check names the harvester whose copy was mailed; detect and sightings read the log", async () => {
  const work = mkdtempSync(join(tmpdir(), "wl-deception-"));
  try {
    const log = join(work, "q.ndjson");
    const store = join(work, "s.db");
    const env = { ...process.env, XDG_DATA_HOME: work, XDG_CONFIG_HOME: join(work, "none") };
    const serve = await serveProcess(["--decoy", "--canary-domain", "canary.example", "--canary-per-source", "--whois-port", "0", "--rdap-port", "0", "--query-log", log, "--store", store], env);
    const port = serve.whoisPort;
    const first = (await whoisFrom(port, "127.0.0.21", "northwind-payroll.example")).text;
    const again = (await whoisFrom(port, "127.0.0.21", "northwind-payroll.example")).text;
    const second = (await whoisFrom(port, "127.0.0.22", "northwind-payroll.example")).text;
    const emailIn = (text: string): string => /Registrant Email: *(\S+@canary\.example)/i.exec(text)?.[1] ?? "";
    expect(emailIn(first)).not.toBe("");
    expect(emailIn(again)).toBe(emailIn(first));
    expect(emailIn(second)).not.toBe("");
    expect(emailIn(second)).not.toBe(emailIn(first));
    expect(first).not.toContain("dana.whitfield@northwind-payroll.example");
    // Over RDAP the same source gets the same set: one record per object serves both protocols.
    const rdap = await rdapFrom(serve.rdapPort, "127.0.0.22", "/domain/northwind-payroll.example");
    expect(rdap.text).toContain(emailIn(second));
    expect(rdap.text).not.toContain(emailIn(first));
    const stopped = await serve.stop();
    expect(stopped.code, stopped.stderr).toBe(0);

    const lines = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as QueryLogEntry);
    expect(lines.map((l) => [l.protocol, l.sourceKey, l.decoy, (l.canaries ?? []).length > 0])).toEqual([
      ["whois", "127.0.0.21", true, true],
      ["whois", "127.0.0.21", true, true],
      ["whois", "127.0.0.22", true, true],
      ["rdap", "127.0.0.22", true, true],
    ]);

    const mail = join(work, "maillog");
    writeFileSync(mail, postfixLog({ first: emailIn(second), mangled: "nobody@elsewhere.example" }));
    const check = await runCli(["canary", "check", mail, "--store", store], { env });
    expect(check.code, check.stderr).toBe(1);
    const alerts = check.stdout.trim().split("\n").map((l) => JSON.parse(l) as { source: { address: string } });
    expect(alerts.map((a) => a.source.address)).toEqual(["127.0.0.22"]);

    const detect = await runCli(["detect", log, "--format", "ndjson"], { env });
    const decoyAlerts = detect.stdout.trim().split("\n").map((l) => JSON.parse(l) as { rule: { id: string }; source: { address: string } }).filter((a) => a.rule.id === "serve-decoy-object");
    expect(decoyAlerts.map((a) => a.source.address).sort()).toEqual(["127.0.0.21", "127.0.0.22"]);
    const sightings = await runCli(["canary", "sightings", log], { env });
    expect(sightings.code, sightings.stderr).toBe(0);
    const bundle = JSON.parse(sightings.stdout) as { type: string; objects: { type: string; value?: string }[] };
    expect(bundle.type).toBe("bundle");
    expect(bundle.objects.filter((o) => o.type === "ipv4-addr").map((o) => o.value).sort()).toEqual(["127.0.0.21", "127.0.0.22"]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 60_000);
