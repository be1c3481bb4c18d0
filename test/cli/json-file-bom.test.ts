import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { httpServer, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * The JSON files a user hands us (--servers map, --config, --bootstrap-dir files) as Windows writes them
 * (issue #13, w23-huntlookup): Windows PowerShell 5.1's `ConvertTo-Json … > servers.json` writes UTF-16LE
 * with a BOM (Microsoft Learn, about_Character_Encoding), its `Set-Content -Encoding UTF8` and older Notepad
 * write UTF-8 with a BOM. RFC 8259 §8.1 lets a parser ignore a BOM; JSON.parse does not, so each was refused
 * as "not valid JSON: Unexpected token '﻿'". The registry stand-in answers Verisign's no-match line.
 */
let server: TestServer;
/** An RDAP server with nothing registered: RFC 9083 §6's error body on a 404. */
let rdap: TestServer;
let dir: string;

beforeAll(async () => {
  server = await tcpServer(whoisResponder((query) => `No match for "${query.toUpperCase()}".\r\n`));
  rdap = await httpServer((_request, response) => {
    response.writeHead(404, { "content-type": "application/rdap+json" });
    response.end(JSON.stringify({ errorCode: 404, title: "Not Found" }));
  });
  dir = mkdtempSync(join(tmpdir(), "wl-json-bom-"));
});
afterAll(async () => {
  await server.close();
  await rdap.close();
  rmSync(dir, { recursive: true, force: true });
});

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const encodings: [string, (text: string) => Buffer][] = [
  ["UTF-8 with a BOM", (text) => Buffer.concat([UTF8_BOM, Buffer.from(text, "utf8")])],
  ["UTF-16LE with a BOM", (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
];

describe.each(encodings)("JSON files in %s", (label, encode) => {
  const slug = label.replace(/\W+/g, "-");

  it("--servers map and --config are read", async () => {
    const map = join(dir, `${slug}-servers.json`);
    writeFileSync(map, encode(JSON.stringify({ "whois.verisign-grs.com": `127.0.0.1:${server.port}` }, null, 2)));
    const config = join(dir, `${slug}-config.json`);
    writeFileSync(config, encode(JSON.stringify({ protocol: "whois" })));
    const run = await runCli(["lookup", "bom-example.com", "--servers", map, "--servers-only", "--config", config, "--no-cache", "--json"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "available", source: { protocol: "whois", server: "whois.verisign-grs.com" } });
    expect(run.code).toBe(1);
  });

  it("--bootstrap-dir files are read", async () => {
    const bootstrap = join(dir, `${slug}-bootstrap`);
    mkdirSync(bootstrap);
    writeFileSync(join(bootstrap, "dns.json"), encode(JSON.stringify({ version: "1.0", publication: "2026-12-01T00:00:00Z", services: [[["bomtest"], ["https://rdap.nic.bomtest/"]]] })));
    const map = join(dir, `${slug}-rdap-servers.json`);
    writeFileSync(map, JSON.stringify({ "rdap.nic.bomtest": `http://127.0.0.1:${rdap.port}/` }));
    // The RDAP base comes from the bootstrap file or not at all: a lookup that names it read the file.
    const run = await runCli(["lookup", "name.bomtest", "--bootstrap-dir", bootstrap, "--servers", map, "--servers-only", "--protocol", "rdap", "--no-cache", "--json", "--timeout", "2000"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "available", source: { protocol: "rdap", server: "rdap.nic.bomtest" } });
  });
});
