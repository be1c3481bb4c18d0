import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LookalikeFinding } from "../../../src/defend/lookalikes/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { startDnsmasq } from "../../helpers/dnsmasq.js";

/**
 * A world we did not write in Node: Debian's dnsmasq answers DNS for two look-alikes of acmebank.com
 * (loopback, no upstream), and test/defend/lookalikes/fixtures/squat_world.py serves their registration
 * over port 43 and RDAP with hostile registrant fields (a spreadsheet formula, terminal escapes, a bidi
 * override). Skipped, with a message, where a tool is missing; scripts/ci-tools.sh installs both.
 */
const has = (tool: string, ...args: string[]): boolean => spawnSync(tool, args, { stdio: "ignore" }).status === 0;
const ready = has("dnsmasq", "--version") && has("python3", "--version");
if (!ready) console.warn("lookalikes second world: dnsmasq or python3 not installed; skipped (bash scripts/ci-tools.sh)");


const children: ChildProcess[] = [];
let dnsPort = 0;
let ports = { whois: 0, rdap: 0 };

beforeAll(async () => {
  if (!ready) return;
  const dnsmasq = await startDnsmasq(["--address=/acmebnak.com/192.0.2.50", "--mx-host=acrnebank.com,mx.parkplace.example,10", "--address=/up.probe.test/127.0.0.1"], "up.probe.test");
  children.push(dnsmasq.child);
  dnsPort = dnsmasq.port;
  const python = spawn("python3", [fileURLToPath(new URL("./fixtures/squat_world.py", import.meta.url))], { stdio: ["pipe", "pipe", "inherit"] });
  children.push(python);
  const [line] = (await once(createInterface({ input: python.stdout! }), "line")) as [string];
  ports = JSON.parse(line) as typeof ports;
}, 20_000);

afterAll(async () => {
  for (const child of children) child.kill();
  await closeRdapAgents();
});

const ARGS = () => ["lookalikes", "acmebank.com", "--resolver", `127.0.0.1:${dnsPort}`, "--fuzzers", "transposition,homoglyph", "--registered"];
const PROTOCOLS: [string, () => string[]][] = [
  ["port 43", () => ["--protocol", "whois", "--host", "127.0.0.1", "--port", String(ports.whois)]],
  ["RDAP", () => ["--protocol", "rdap", "--rdap-url", `http://127.0.0.1:${ports.rdap}`]],
];

describe.skipIf(!ready)("lookalikes against dnsmasq and a Python registry (hostile registrants)", () => {
  it.each(PROTOCOLS)("over %s: the two registered look-alikes, with what the registry shows", async (_name, flags) => {
    const run = await runCli([...ARGS(), ...flags(), "--format", "json"]);
    expect(run.code).toBe(0);
    const found = Object.fromEntries((JSON.parse(run.stdout) as { lookalikes: LookalikeFinding[] }).lookalikes.map((f) => [f.domain, f]));
    expect(Object.keys(found).sort()).toEqual(["acmebnak.com", "acrnebank.com"]);
    expect(found["acmebnak.com"]).toMatchObject({ fuzzer: "transposition", registrar: "Squatters Registrar Inc.", canReceiveMail: true, nameservers: ["ns1.squat-host.example", "ns2.squat-host.example"] });
    expect(found["acmebnak.com"]?.dns.a).toEqual(["192.0.2.50"]);
    expect(found["acmebnak.com"]?.created).toMatch(/^2026-10-01/);
    // MX only, no address: mail goes to the MX.
    expect(found["acrnebank.com"]).toMatchObject({ fuzzer: "homoglyph", registrar: "Other Registrar SA", canReceiveMail: true });
    expect(found["acrnebank.com"]?.dns.mx).toEqual(["mx.parkplace.example"]);
    // Controls and bidi overrides never reach the output, in any string.
    expect(run.stdout).not.toMatch(/\x1b|\u202e/);
    // The registrant as the registry shows it: organisation (else name) and e-mail; JSON keeps the text as data.
    expect(found["acmebnak.com"]?.registrant).toBe('=HYPERLINK("http://evil.example","click") <eve@squat.example>');
  });

  it.each(PROTOCOLS)("over %s: CSV cells that look like formulas are guarded, the table carries no escapes", async (_name, flags) => {
    const csv = await runCli([...ARGS(), ...flags(), "--format", "csv"]);
    const row = csv.stdout.split("\n").find((line) => line.includes("acmebnak.com")) ?? "";
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"") <eve@squat.example>",`);
    expect(csv.stdout).not.toMatch(/\x1b|\u202e/);
    const table = await runCli([...ARGS(), ...flags()]);
    expect(table.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/);
    expect(table.stdout).toMatch(/2 look-alikes, 2 registered/);
  });
});
