import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents, fetchRdap, type HostResolver } from "../../src/net/index.js";
import { codeOf } from "../helpers/errors.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { settledSoon } from "../helpers/settled.js";
import { listenTracked, tcpServer, useServer, type TestServer } from "../helpers/servers.js";

/**
 * Issue #13: direct RDAP requests ride on node:http/https instead of undici. What the transport must
 * do that the hostile-server tests do not already cover: reuse kept-alive connections, cap chunked
 * bodies that announce no length, refuse an announced length early, give up on a server that stalls
 * mid-body, send a JSON POST, honour an abort during the body, and speak TLS to a server whose
 * certificate (made by openssl, a real tool) is trusted through the `ca` option.
 */

/** An HTTP server that also counts the TCP connections it accepted. */
async function countingServer(handler: http.RequestListener, create = http.createServer): Promise<TestServer & { connections: () => number }> {
  const server = create(handler);
  let connections = 0;
  server.on("connection", () => (connections += 1));
  const tracked = await listenTracked(server);
  return Object.assign(tracked, { connections: () => connections });
}

const loopback: HostResolver = async () => ["127.0.0.1"];
const local = { explicitTarget: true, timeoutMs: 2000 };

describe("RDAP over node:http", () => {
  /** Resolved by /stall once its half answer is written: the client is then waiting mid-body. */
  let stalled: Promise<void> = Promise.resolve();
  let onStalled = (): void => {};
  const expectStall = (): void => {
    stalled = new Promise((resolve) => (onStalled = resolve));
  };
  const server = useServer(() =>
    countingServer((req, res) => {
      const path = req.url ?? "/";
      if (path === "/ok") {
        res.writeHead(200, { "content-type": "application/rdap+json" });
        return res.end(JSON.stringify({ objectClassName: "domain", ldhName: "example.com" }));
      }
      if (path === "/chunked-flood") {
        // No Content-Length: chunked transfer coding, one 64 KiB chunk after another, without end.
        res.writeHead(200, { "content-type": "application/rdap+json" });
        const block = Buffer.alloc(64 * 1024, "x");
        const pump = (): void => {
          while (!res.destroyed && res.write(block));
          if (!res.destroyed) res.once("drain", pump);
        };
        return pump();
      }
      if (path === "/announced-huge") {
        // Announces 50 MB and then sends nothing: the client must refuse on the header, not wait.
        res.writeHead(200, { "content-type": "application/rdap+json", "content-length": String(50 * 1024 * 1024) });
        return res.flushHeaders();
      }
      if (path === "/stall") {
        // Half an answer, then silence with the connection open.
        res.writeHead(200, { "content-type": "application/rdap+json" });
        return res.write('{"objectClassName": "domain", "ldhName": "ex', () => onStalled());
      }
      if (path === "/reset") {
        res.writeHead(200, { "content-type": "application/rdap+json", "content-length": "1000" });
        res.write('{"objectClassName":');
        return setTimeout(() => req.socket.resetAndDestroy(), 20);
      }
      if (path === "/echo") {
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => (body += chunk));
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ method: req.method, contentType: req.headers["content-type"], length: req.headers["content-length"], accept: req.headers.accept, body }));
        });
        return;
      }
      if (path === "/redirect") {
        res.writeHead(302, { location: "/ok" });
        return res.end();
      }
      res.writeHead(500);
      res.end("oops");
    }),
  );
  afterAll(() => closeRdapAgents());
  const base = (): string => `http://127.0.0.1:${server().port}`;

  it("reuses one kept-alive connection for consecutive lookups with the same guard and resolver", async () => {
    await closeRdapAgents();
    const before = server().connections();
    for (let i = 0; i < 3; i += 1) expect((await fetchRdap(`${base()}/ok`, local)).body).toMatchObject({ ldhName: "example.com" });
    expect(server().connections() - before).toBe(1);
  });

  it("keeps pools apart: another resolver (another guard) never reuses a vetted connection", async () => {
    await closeRdapAgents();
    const before = server().connections();
    await fetchRdap(`http://rdap.pool.test:${server().port}/ok`, { ...local, allowPrivate: true, resolve: loopback });
    await fetchRdap(`http://rdap.pool.test:${server().port}/ok`, { ...local, allowPrivate: true, resolve: async () => ["127.0.0.1"] });
    await fetchRdap(`http://rdap.pool.test:${server().port}/ok`, { ...local, allowPrivate: true, resolve: loopback });
    expect(server().connections() - before).toBe(2);
  });

  it("cuts off a chunked answer that passes the size cap (no Content-Length to refuse early)", async () => {
    // The time limit is on a clock that never moves: the cap alone can end the flood (else the test times out).
    const error = await fetchRdap(`${base()}/chunked-flood`, { ...local, maxBytes: 256 * 1024, clock: new ManualClock() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WL_ERR_TOO_LARGE", message: expect.stringMatching(/more than 262144 bytes/) });
  });

  it("refuses an announced Content-Length over the cap without waiting for the body", async () => {
    const error = await fetchRdap(`${base()}/announced-huge`, { ...local, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WL_ERR_TOO_LARGE", message: expect.stringMatching(/announced 52428800 bytes/) });
  });

  it("gives up on a server that stalls mid-body when the request's total time is up, not before", async () => {
    const clock = new ManualClock();
    expectStall();
    const fetching = codeOf(fetchRdap(`${base()}/stall`, { ...local, timeoutMs: 300, clock }));
    await stalled;
    await clock.advance(299);
    expect(await settledSoon(fetching)).toBe(false);
    await clock.advance(1);
    expect(await fetching).toBe("WL_ERR_TIMEOUT");
  });

  it("reports a connection reset mid-body as a failed connection", async () => {
    expect(await codeOf(fetchRdap(`${base()}/reset`, local))).toBe("WL_ERR_CONNECT");
  });

  it("cancels on the caller's abort signal while the body is arriving", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await codeOf(fetchRdap(`${base()}/stall`, { ...local, timeoutMs: 5000, signal: controller.signal }))).toBe("WL_ERR_ABORTED");
  });

  it("sends a POST with a JSON body and its length (reverse-WHOIS APIs)", async () => {
    const jsonBody = JSON.stringify({ search: "Müller GmbH" });
    const answer = await fetchRdap(`${base()}/echo`, { ...local, method: "POST", jsonBody, accept: "application/json" });
    expect(answer.body).toEqual({
      method: "POST",
      contentType: "application/json",
      length: String(Buffer.byteLength(jsonBody)),
      accept: "application/json",
      body: jsonBody,
    });
    const get = await fetchRdap(`${base()}/echo`, local);
    expect(get.body).toMatchObject({ method: "GET", body: "", accept: expect.stringContaining("application/rdap+json") });
  });

  it("fails a request whose headers pass 16 KiB instead of buffering them", async () => {
    const flood = await tcpServer((socket) => {
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/rdap+json\r\n");
        for (let i = 0; i < 64; i += 1) socket.write(`x-filler-${i}: ${"a".repeat(1000)}\r\n`);
      });
    });
    try {
      const error = await fetchRdap(`http://127.0.0.1:${flood.port}/domain/x`, { ...local, timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "WL_ERR_CONNECT", message: expect.stringMatching(/header/i) });
    } finally {
      await flood.close();
    }
  });

  it("follows a redirect on the same origin and reports the final URL", async () => {
    const answer = await fetchRdap(`${base()}/redirect`, local);
    expect(answer.url).toBe(`${base()}/ok`);
    expect(answer.body).toMatchObject({ ldhName: "example.com" });
  });
});

describe("an idle keep-alive pool", () => {
  it("does not keep a process alive after its lookup (the CLI and library scripts end without closeRdapAgents)", async () => {
    const dist = fileURLToPath(new URL("../../dist/net/rdap-client.js", import.meta.url));
    if (!existsSync(dist)) throw new Error("this test runs the built client: run `npm run build` first (npm test does)");
    const server = await countingServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rdap+json" });
      res.end('{"objectClassName":"domain","ldhName":"idle.test"}');
    }, ((handler: http.RequestListener) => Object.assign(http.createServer(handler), { keepAliveTimeout: 60_000 })) as unknown as typeof http.createServer);
    try {
      // The server would keep the idle connection for a minute and the agent for 10 s: only an unref'd idle
      // socket lets the child end at once. Asked of the child itself, not timed (a loaded machine stretches any
      // bound): once the answer is read, what still holds its event loop (node's getActiveResourcesInfo) must
      // be neither a TCP socket nor a timer.
      const script = `const { fetchRdap } = await import(${JSON.stringify(dist)});
        const answer = await fetchRdap("http://127.0.0.1:${server.port}/domain/idle.test", { explicitTarget: true });
        console.log(answer.body.ldhName);
        setImmediate(() => console.log(JSON.stringify(process.getActiveResourcesInfo())));`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      const exited = once(child, "exit");
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
      const [code] = (await exited) as [number];
      expect(lines[0]?.trim()).toBe("idle.test");
      expect(code).toBe(0);
      expect(server.connections()).toBe(1);
      const holding = JSON.parse(lines[1] ?? "null") as string[];
      expect(holding.filter((resource) => resource === "TCPSocketWrap" || resource === "Timeout")).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("a kept-alive connection the server dropped while idle", () => {
  // A raw HTTP/1.1 server: it answers the first request of each connection with keep-alive, and resets
  // the connection when a second request arrives on it (the race of a server closing an idle socket).
  let connections = 0;
  const server = useServer(() =>
    tcpServer((socket) => {
      connections += 1;
      let requests = 0;
      socket.on("data", (chunk: Buffer) => {
        requests += chunk.toString("latin1").split(" HTTP/1.1\r\n").length - 1;
        if (requests === 1) {
          const body = JSON.stringify({ objectClassName: "domain", ldhName: "idle.test" });
          socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/rdap+json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);
        } else if (requests > 1) socket.resetAndDestroy();
      });
    }),
  );
  afterAll(() => closeRdapAgents());

  it("retries a GET once on a new connection when the reused one turns out dead", async () => {
    await closeRdapAgents();
    const url = `http://127.0.0.1:${server().port}/domain/idle.test`;
    const before = connections;
    expect((await fetchRdap(url, local)).body).toMatchObject({ ldhName: "idle.test" });
    expect((await fetchRdap(url, local)).body).toMatchObject({ ldhName: "idle.test" });
    expect(connections - before).toBe(2);
  });

  it("does not resend a POST (it may not be idempotent): the failure is reported", async () => {
    await closeRdapAgents();
    const url = `http://127.0.0.1:${server().port}/search`;
    const post = { ...local, method: "POST" as const, jsonBody: "{}" };
    expect((await fetchRdap(url, post)).body).toMatchObject({ ldhName: "idle.test" });
    expect(await codeOf(fetchRdap(url, post))).toBe("WL_ERR_CONNECT");
  });
});

/** A self-signed certificate for rdap.tls.test and 127.0.0.1, made by openssl; undefined without openssl. */
function selfSigned(dir: string): { key: string; cert: string } | undefined {
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rdap.tls.test",
      "-addext", "subjectAltName=DNS:rdap.tls.test,IP:127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), "whoislens-tls-"));
const pair = selfSigned(work);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!pair)("RDAP over node:https (self-signed loopback server; needs openssl, scripts/ci-tools.sh)", () => {
  const server = useServer(() => {
    const { key, cert } = pair as { key: string; cert: string };
    return countingServer(
      (req, res) => {
        res.writeHead(200, { "content-type": "application/rdap+json" });
        res.end(JSON.stringify({ objectClassName: "domain", ldhName: "tls.test", sni: (req.socket as import("node:tls").TLSSocket).servername }));
      },
      ((handler: http.RequestListener) => https.createServer({ key, cert }, handler)) as unknown as typeof http.createServer,
    );
  });
  afterAll(() => closeRdapAgents());

  it("speaks TLS to a server whose CA is trusted, naming the host (SNI) while connecting to the vetted address", async () => {
    const resolve: HostResolver & { asked?: string[] } = Object.assign(async (host: string) => (resolve.asked?.push(host), ["127.0.0.1"]), { asked: [] as string[] });
    const options = { timeoutMs: 3000, allowPrivate: true, resolve, ca: pair?.cert as string };
    const first = await fetchRdap(`https://rdap.tls.test:${server().port}/domain/tls.test`, options);
    expect(first.body).toMatchObject({ ldhName: "tls.test", sni: "rdap.tls.test" });
    const before = server().connections();
    await fetchRdap(`https://rdap.tls.test:${server().port}/domain/tls.test`, options);
    expect(server().connections()).toBe(before); // the TLS connection was kept alive and reused
    expect(resolve.asked).toEqual(["rdap.tls.test"]);
  });

  it("refuses a certificate nobody vouches for, and one for another name", async () => {
    expect(await codeOf(fetchRdap(`https://127.0.0.1:${server().port}/domain/x`, { ...local, timeoutMs: 3000 }))).toBe("WL_ERR_CONNECT");
    const other = await fetchRdap(`https://rdap.other.test:${server().port}/domain/x`, { timeoutMs: 3000, allowPrivate: true, resolve: loopback, ca: pair?.cert as string }).catch(
      (e: unknown) => e,
    );
    expect(other).toMatchObject({ code: "WL_ERR_CONNECT", message: expect.stringMatching(/altnames|rdap\.other\.test/i) });
  });

  it("checks the resolved address of an https name like an http one", async () => {
    const before = server().connections();
    expect(await codeOf(fetchRdap(`https://rdap.tls.test:${server().port}/domain/x`, { timeoutMs: 3000, resolve: loopback, ca: pair?.cert as string }))).toBe(
      "WL_ERR_PRIVATE_ADDRESS",
    );
    expect(server().connections()).toBe(before);
  });
});

const havePython = spawnSync("python3", ["--version"], { stdio: "ignore" }).status === 0;

describe.skipIf(!pair || !havePython)("a second HTTPS world: Python's http.server behind its ssl module (needs python3, openssl)", () => {
  let python: ChildProcess;
  let base: string;
  /** Resolves when the world reports its /stall half answer written (one line on its stdout). */
  let nextStall: () => Promise<void> = () => Promise.reject(new Error("tls_world.py is not started"));
  // A limit that only a broken TLS connection reaches (the handshake on a machine at load 20 takes far less).
  const trusted = (): { explicitTarget: boolean; timeoutMs: number; ca: string } => ({ explicitTarget: true, timeoutMs: 10_000, ca: pair?.cert as string });
  beforeAll(async () => {
    const script = fileURLToPath(new URL("./fixtures/tls_world.py", import.meta.url));
    python = spawn("python3", [script, join(work, "cert.pem"), join(work, "key.pem")], { stdio: ["pipe", "pipe", "inherit"] });
    const exited = once(python, "exit").then(([code]) => Promise.reject(new Error(`tls_world.py exited (${String(code)}) before listening`)));
    const lines = createInterface({ input: python.stdout! });
    const [line] = (await Promise.race([once(lines, "line"), exited])) as [string];
    base = `https://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    const stalls: (() => void)[] = [];
    lines.on("line", (text: string) => {
      if ((JSON.parse(text) as { stalled?: boolean }).stalled) for (const waiting of stalls.splice(0)) waiting();
    });
    nextStall = () => new Promise((resolve) => stalls.push(resolve));
  });
  afterAll(async () => {
    await closeRdapAgents();
    python?.stdin?.end();
    python?.kill();
  });

  it("answers over TLS and keeps the connection alive between lookups", async () => {
    await closeRdapAgents();
    const first = await fetchRdap(`${base}/domain/one.test`, trusted());
    const second = await fetchRdap(`${base}/domain/two.test`, trusted());
    expect(first.body).toMatchObject({ ldhName: "one.test" });
    expect(second.body).toMatchObject({ ldhName: "two.test" });
    // The server counts its connections: the second lookup came on the first one's connection.
    expect((second.body as { connections: number }).connections).toBe((first.body as { connections: number }).connections);
  });

  it("reassembles a chunked answer and caps a chunked flood", async () => {
    expect((await fetchRdap(`${base}/chunked`, trusted())).body).toEqual({ objectClassName: "domain", ldhName: "chunked.test" });
    expect(await codeOf(fetchRdap(`${base}/chunked-flood`, { ...trusted(), maxBytes: 200_000 }))).toBe("WL_ERR_TOO_LARGE");
  });

  it("gives up on a body that stalls, when the total time is up and not before", async () => {
    const clock = new ManualClock();
    const stalled = nextStall();
    const fetching = codeOf(fetchRdap(`${base}/stall`, { ...trusted(), timeoutMs: 400, clock }));
    // The world closes the connection 3 s after its half answer: a limit that never fires ends in another error.
    await stalled;
    await clock.advance(399);
    expect(await settledSoon(fetching)).toBe(false);
    await clock.advance(1);
    expect(await fetching).toBe("WL_ERR_TIMEOUT");
  });

  it("refuses the server's certificate without the ca option", async () => {
    expect(await codeOf(fetchRdap(`${base}/domain/x.test`, { explicitTarget: true, timeoutMs: 10_000 }))).toBe("WL_ERR_CONNECT");
  });
});
