import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { Bootstrap, BOOTSTRAP_KINDS, SHIPPED_BOOTSTRAP_DIR, updateBootstrap } from "../../src/servers/index.js";
import { runCli } from "../helpers/cli.js";
import { httpServer, type TestServer } from "../helpers/servers.js";

/** A loopback mirror: /rdap/ serves the shipped files (dns.json with a marker TLD), /junk/ non-bootstrap JSON, /down/ 503s, /redir/ redirects elsewhere. */
let server: TestServer;
const requests: string[] = [];

beforeAll(async () => {
  server = await httpServer((req, res) => {
    const url = req.url ?? "";
    requests.push(url);
    const kind = /\/([a-z0-9-]+)\.json$/.exec(url)?.[1] ?? "";
    if (url.startsWith("/redir/")) {
      res.writeHead(302, { location: `http://127.0.0.2:${server.port}/rdap/${kind}.json` });
      res.end();
      return;
    }
    if (url.startsWith("/down/")) {
      res.writeHead(503);
      res.end("maintenance");
      return;
    }
    if (url.startsWith("/junk/")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ services: [["not", "pairs"]] }));
      return;
    }
    if (!url.startsWith("/rdap/") || !(BOOTSTRAP_KINDS as readonly string[]).includes(kind)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const file = JSON.parse(readFileSync(join(SHIPPED_BOOTSTRAP_DIR, `${kind}.json`), "utf8")) as { services: unknown[] };
    if (kind === "dns") file.services.push([["mirrortest"], ["https://rdap.mirror.test/"]]);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(file));
  });
});

afterAll(async () => {
  await closeRdapAgents();
  await server.close();
});

const freshEnv = (): Record<string, string> => ({ WHOISLENS_CACHE_DIR: mkdtempSync(join(tmpdir(), "wl-update-")), XDG_CONFIG_HOME: join(tmpdir(), "wl-no-config") });

describe("updateBootstrap", () => {
  it("downloads the five files into the cache with a stamp, skips while fresh, and Bootstrap.load picks the copy up", async () => {
    const env = freshEnv();
    const options = { sourceUrl: `http://127.0.0.1:${server.port}/rdap`, env, now: () => new Date("2026-11-25T00:00:00Z") };
    const first = await updateBootstrap(options);
    expect(first.updated).toBe(true);
    expect(first.source).toBe(`http://127.0.0.1:${server.port}/rdap/`);
    expect(first.files.map((file) => file.kind)).toEqual([...BOOTSTRAP_KINDS]);
    expect(first.files[0]?.publication).toBe("2024-07-25T00:00:01Z");
    expect(readdirSync(first.directory).sort()).toEqual(["asn.json", "dns.json", "fetched.json", "ipv4.json", "ipv6.json", "object-tags.json"]);
    expect(JSON.parse(readFileSync(join(first.directory, "fetched.json"), "utf8"))).toMatchObject({ fetchedAt: "2026-11-25T00:00:00.000Z" });

    const before = requests.length;
    const second = await updateBootstrap({ ...options, now: () => new Date("2026-11-25T23:00:00Z") });
    expect(second).toMatchObject({ updated: false, fetchedAt: "2026-11-25T00:00:00.000Z" });
    expect(requests.length).toBe(before);

    expect(Bootstrap.load(undefined, env).domain("example.mirrortest")).toEqual(["https://rdap.mirror.test/"]);

    const stale = await updateBootstrap({ ...options, now: () => new Date("2026-11-26T00:00:01Z") });
    expect(stale.updated).toBe(true);
    expect((await updateBootstrap({ ...options, force: true })).updated).toBe(true);
    expect((await updateBootstrap({ ...options, ttlSeconds: 0, now: () => new Date("2026-11-26T00:00:02Z") })).updated).toBe(true);
  });

  it("rejects an HTTP error and a file that is not a bootstrap registry, leaving no stamp", async () => {
    const env = freshEnv();
    await expect(updateBootstrap({ sourceUrl: `http://127.0.0.1:${server.port}/down/`, env })).rejects.toMatchObject({ code: "WL_ERR_HTTP" });
    await expect(updateBootstrap({ sourceUrl: `http://127.0.0.1:${server.port}/junk/`, env })).rejects.toMatchObject({ code: "WL_ERR_PROTOCOL" });
    expect(Bootstrap.load(undefined, env).source).toBe(SHIPPED_BOOTSTRAP_DIR);
  });

  it("refuses bad options before any request", async () => {
    const before = requests.length;
    await expect(updateBootstrap({ sourceUrl: "ftp://127.0.0.1/", env: freshEnv() })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
    await expect(updateBootstrap({ sourceUrl: "http://u:p@127.0.0.1/", env: freshEnv() })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
    await expect(updateBootstrap({ ttlSeconds: -1, env: freshEnv() })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
    expect(requests.length).toBe(before);
  });

  it("trusts only the origin the user named: a redirect to another private address is refused", async () => {
    await expect(updateBootstrap({ sourceUrl: `http://127.0.0.1:${server.port}/redir/`, env: freshEnv() })).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
  });
});

describe("whoislens update (CLI)", () => {
  it("updates, then reports the fresh copy, then --force downloads again", async () => {
    const env = freshEnv();
    const url = `http://127.0.0.1:${server.port}/rdap/`;
    const first = await runCli(["update", "--url", url], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^bootstrap updated in .*iana-bootstrap from http:\/\/127\.0\.0\.1:\d+\/rdap\/: dns \(\d+ services, published 2024-07-25T00:00:01Z\)/);
    const second = await runCli(["update", "--url", url], { env });
    expect(second.stdout).toMatch(/is fresh \(fetched .*\); use --force/);
    const forced = await runCli(["update", "--url", url, "--force", "--json"], { env });
    expect(JSON.parse(forced.stdout)).toMatchObject({ updated: true, files: expect.any(Array) });
  });

  it.each([
    [["update", "--ttl", "soon"], 2, /WL_ERR_INVALID_OPTION: --ttl/],
    [["update", "--ttl", "-5"], 2, /WL_ERR_INVALID_OPTION: --ttl/],
    [["update", "--url", "not a url"], 2, /WL_ERR_INVALID_OPTION: --url/],
  ])("%j exits %d", async (argv, code, message) => {
    const result = await runCli(argv, { env: freshEnv() });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it("exits 3 when the mirror fails", async () => {
    const result = await runCli(["update", "--url", `http://127.0.0.1:${server.port}/down/`], { env: freshEnv() });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/WL_ERR_HTTP: .*HTTP 503/);
  });
});
