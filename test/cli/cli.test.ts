import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { sandboxWork, type SandboxWork } from "../helpers/built-cli.js";
import { fakeIO, runCli } from "../helpers/cli.js";
import { main } from "../../src/cli/main.js";

let world: SandboxWork;
let flags: string[];

beforeAll(async () => {
  world = await sandboxWork("wl-cli-");
  flags = ["--servers", world.mapFile, "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, "--no-cache", "--timeout", "1500"];
});
afterAll(async () => {
  await closeRdapAgents();
  await world?.close();
});

describe("whoislens lookup", () => {
  it("prints JSON following the record schema and exits 0 when found", async () => {
    const run = await runCli(["lookup", "example.com", "--json", ...flags]);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record).toMatchObject({ query: "example.com", kind: "domain", status: "registered", source: { protocol: "rdap", server: "rdap.verisign.com" } });
    expect(record.chain).toHaveLength(2);
  });

  it("prints one NDJSON line per query, exits 1 when any is not found", async () => {
    const run = await runCli(["lookup", "example.com", "never-registered-example.com", "--ndjson", ...flags]);
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((r) => r.status)).toEqual(["registered", "available"]);
    expect(run.code).toBe(1);
  });

  it("prints a readable table with the chain, sanitized", async () => {
    const run = await runCli(["lookup", "escape.fault", "--protocol", "whois", ...flags]);
    expect(run.stdout).toContain("Registrar");
    expect(run.stdout).toContain("Evil Registrar");
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).not.toContain("\u0007");
  });

  it("keeps --raw answers sanitized", async () => {
    const run = await runCli(["lookup", "escape.fault", "--protocol", "whois", "--raw", "--json", ...flags]);
    const record = JSON.parse(run.stdout);
    expect(record.raw).toContain("ESCAPE.FAULT");
    expect(record.raw).not.toContain("\u001b");
    // The registry's hop (after IANA's, or first once .fault's server was learned by discovery).
    expect(record.chain.find((hop: { server: string }) => hop.server === "whois.nic.fault").raw).toContain("Evil");
  });

  it.each([
    [["lookup", "exa mple.com"], 2, /WL_ERR_INVALID_QUERY/],
    [["lookup", "example.com", "--protocol", "gopher"], 2, /Allowed choices/],
    [["lookup", "example.com", "--servers", "/no/such/file.json"], 2, /WL_ERR_CONFIG: cannot read --servers file/],
    [["lookup", "example.com", "--proxy", "ftp://x"], 2, /unsupported proxy scheme/],
    [["lookup", "example.com", "--port", "43"], 2, /--port needs --host/],
  ])("%j exits %i naming the problem", async (argv, code, message) => {
    const run = await runCli(argv as string[]);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it("exits 3 on a network failure, 4 when throttled, 5 when an answer was cut off", async () => {
    // RDAP's reset.fault resets before any byte: no answer at all.
    expect((await runCli(["lookup", "reset.fault", "--protocol", "rdap", ...flags])).code).toBe(3);
    expect((await runCli(["lookup", "throttle.fault", "--protocol", "whois", ...flags])).code).toBe(4);
    // Port 43's reset.fault resets mid-answer: the partial record is printed with its warning (issue #19).
    const truncated = await runCli(["lookup", "reset.fault", "--protocol", "whois", ...flags]);
    expect(truncated.code).toBe(5);
    expect(truncated.stdout).toMatch(/Warnings[\s\S]*WL_WARN_TRUNCATED/);
    expect((await runCli(["lookup", "throttle.fault", "reset.fault", "--protocol", "whois", ...flags])).code).toBe(5);
  });

  it("takes -h/-p like whois", async () => {
    const [host, port] = String(world.sandbox.serverMap["whois.verisign-grs.com"]).split(":");
    const run = await runCli(["lookup", "example.com", "-h", host as string, "-p", port as string, "--no-follow", "--json", "--no-cache"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).registrar.name).toBe("Registrar One, LLC");
  });
});

describe("whoislens parse", () => {
  it("parses a file with --server and prints JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-parse-"));
    const file = join(dir, "answer.txt");
    writeFileSync(file, "Domain Name: EXAMPLE.NET\r\nCreation Date: 2001-02-03T04:05:06Z\r\nRegistrar: Some Registrar\r\n");
    const run = await runCli(["parse", file, "--server", "whois.verisign-grs.com", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: "domain", status: "registered", source: { protocol: "whois", server: "whois.verisign-grs.com" }, dates: { created: "2001-02-03T04:05:06Z" } });
  });

  it("reads stdin and RDAP JSON", async () => {
    const run = await runCli(["parse", "-", "--json"], { stdin: JSON.stringify({ objectClassName: "domain", ldhName: "EXAMPLE.ORG", events: [{ eventAction: "registration", eventDate: "1995-08-31T04:00:00Z" }] }) });
    expect(JSON.parse(run.stdout)).toMatchObject({ source: { protocol: "rdap" }, domain: { name: "example.org" }, dates: { created: "1995-08-31T04:00:00Z" } });
  });

  it("--batch answers every line, errors included, in order", async () => {
    const stdin = [
      JSON.stringify({ id: 1, server: "whois.verisign-grs.com", text: 'No match for "X.COM".' }),
      "not json",
      JSON.stringify({ id: 3, rdap: { errorCode: 404 } }),
      JSON.stringify({ id: 4 }),
    ].join("\n");
    const run = await runCli(["parse", "--batch"], { stdin });
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual([1, null, 3, 4]);
    expect(lines[0].record.status).toBe("available");
    expect(lines[1].error.code).toBe("WL_ERR_PARSE");
    expect(lines[2].record.status).toBe("available");
    expect(lines[3].error.message).toMatch(/needs "text"/);
  });
});

describe("whoislens bulk", () => {
  it("refuses a bad --max-retry-wait as a usage error before opening the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-cli-bulk-"));
    const input = join(dir, "queries.txt");
    writeFileSync(input, "example.com\n");
    const store = join(dir, "store.db");
    const run = await runCli(["bulk", input, "--store", store, "--max-retry-wait", "soon", ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/WL_ERR_INVALID_OPTION: --max-retry-wait needs a whole number from 0 to 86400, got "soon"/);
    expect(existsSync(store)).toBe(false);
  });
});

describe("whoislens sandbox", () => {
  it("prints its map, describes the world, and stops when interrupted", async () => {
    const io = fakeIO();
    const running = main(["sandbox", "--describe", "--json"], io);
    await new Promise((resolve) => setTimeout(resolve, 300));
    io.interrupt();
    expect(await running).toBe(0);
    const [mapLine, describeLine] = io.out.join("").trim().split("\n");
    const map = JSON.parse(mapLine as string);
    expect(map["whois.iana.org"]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(map["rdap.verisign.com"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rdap\.verisign\.com\/$/);
    expect(JSON.parse(describeLine as string).map((n: { query: string }) => n.query)).toEqual(expect.arrayContaining(["example.com", "bücher.de", "AS64500", "slow.fault"]));
  });
});

describe("whoislens demo", () => {
  it("runs the tour offline", async () => {
    const run = await runCli(["demo"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("example.com — registered");
    expect(run.stdout).toContain("never-registered-example.com — not registered (available)");
    expect(run.stdout).toContain("WL_ERR_REFERRAL_LOOP");
    expect(run.stdout).toContain("WL_ERR_PRIVATE_ADDRESS");
  }, 60_000);
});
