import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { closeRdapAgents, fetchRdap, queryWhois } from "../../src/net/index.js";
import { codeOf } from "../helpers/errors.js";
import { useHttpServer, useTcpServers, whoisResponder } from "../helpers/servers.js";

const local = { host: "127.0.0.1", allowPrivate: true };

describe("port-43 client against hostile servers", () => {
  const { start, servers } = useTcpServers();

  it("reads a normal answer to EOF and reports its size", async () => {
    const port = await start(whoisResponder((q) => `Domain Name: ${q.toUpperCase()}\r\n`));
    const answer = await queryWhois({ ...local, port, query: "example.com" });
    expect(answer.text).toBe("Domain Name: EXAMPLE.COM\r\n");
    expect(answer.byteLength).toBe(26);
  });

  it("cuts off an endless answer at the size cap, keeping what fits and saying so", async () => {
    const port = await start((socket) => {
      const block = Buffer.alloc(64 * 1024 + 7, "x");
      const pump = (): void => {
        while (!socket.destroyed && socket.write(block));
        if (!socket.destroyed) socket.once("drain", pump);
      };
      socket.once("data", pump);
    });
    const answer = await queryWhois({ ...local, port, query: "x", maxBytes: 256 * 1024 });
    expect(answer.truncated).toMatchObject({ reason: "size-cap" });
    expect(answer.truncated?.message).toMatch(/more than 262144 bytes/);
    expect(answer.byteLength).toBe(256 * 1024);
    expect(answer.text).toBe("x".repeat(256 * 1024));
  });

  it("gives up on a slow drip within the hop timeout, not per byte", async () => {
    // The drip ends its answer after 8 s: a limit re-armed per byte would never fire and get the whole
    // answer instead of WL_ERR_TIMEOUT, while the hop's 400 ms limit ends it long before, however busy the machine.
    const port = await start((socket) => {
      socket.once("data", () => {
        const ends = Date.now() + 8000;
        const timer = setInterval(() => {
          if (socket.destroyed) clearInterval(timer);
          else if (Date.now() > ends) (clearInterval(timer), socket.end());
          else socket.write("a");
        }, 50);
      });
    });
    expect(await codeOf(queryWhois({ ...local, port, query: "x", timeoutMs: 400 }))).toBe("WL_ERR_TIMEOUT");
  }, 30_000);

  it("times out on a server that accepts and says nothing", async () => {
    const port = await start(() => {});
    expect(await codeOf(queryWhois({ ...local, port, query: "x", timeoutMs: 300 }))).toBe("WL_ERR_TIMEOUT");
  });

  it("keeps the part of an answer that a reset cut off, flagged as truncated (issue #19)", async () => {
    const port = await start((socket) => socket.once("data", () => {
      socket.write("Domain Name: PART");
      setTimeout(() => socket.resetAndDestroy(), 20);
    }));
    const answer = await queryWhois({ ...local, port, query: "x" });
    expect(answer.text).toBe("Domain Name: PART");
    expect(answer.truncated).toMatchObject({ reason: "reset" });
    expect(answer.truncated?.message).toMatch(/reset the connection after 17 bytes/);
  });

  it("reports a reset before any byte as a failed connection, not an answer", async () => {
    const port = await start((socket) => socket.once("data", () => socket.resetAndDestroy()));
    expect(await codeOf(queryWhois({ ...local, port, query: "x" }))).toBe("WL_ERR_CONNECT");
  });

  it("does not flag an answer the server ended with an ordinary FIN", async () => {
    const port = await start(whoisResponder(() => "Domain Name: WHOLE\r\n"));
    expect((await queryWhois({ ...local, port, query: "x" })).truncated).toBeUndefined();
  });

  it("reports a refused connection", async () => {
    const port = await start(() => {});
    await servers.pop()?.close();
    expect(await codeOf(queryWhois({ ...local, port, query: "x" }))).toBe("WL_ERR_CONNECT");
  });

  it("decodes Latin-1 sent by a server assumed to speak UTF-8, and declared charsets", async () => {
    const port = await start(whoisResponder((q) => (q === "latin" ? Buffer.from("Owner: Müller GmbH\n", "latin1") : iconv.encode("Владелец: Иван\n", "koi8-r"))));
    expect((await queryWhois({ ...local, port, query: "latin" })).text).toBe("Owner: Müller GmbH\n");
    expect((await queryWhois({ ...local, port, query: "koi", charset: "koi8-r" })).text).toBe("Владелец: Иван\n");
  });

  it("refuses loopback targets unless allowed, before connecting", async () => {
    let connections = 0;
    const port = await start((socket) => {
      connections += 1;
      socket.end("x");
    });
    expect(await codeOf(queryWhois({ host: "127.0.0.1", port, query: "x" }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(await codeOf(queryWhois({ host: "10.1.2.3", port, query: "x" }))).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(connections).toBe(0);
  });

  it("refuses queries with line breaks (request smuggling into the server)", async () => {
    expect(await codeOf(queryWhois({ ...local, port: 1, query: "a\r\nb" }))).toBe("WL_ERR_INVALID_QUERY");
  });

  it("honours an abort signal", async () => {
    const port = await start(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await codeOf(queryWhois({ ...local, port, query: "x", signal: controller.signal }))).toBe("WL_ERR_ABORTED");
  });
});

describe("RDAP client against hostile servers", () => {
  const { origin: base } = useHttpServer((req, res) => {
    const path = req.url ?? "/";
    const json = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/rdap+json", ...headers });
      res.end(body);
    };
    if (path === "/ok") return json(200, JSON.stringify({ objectClassName: "domain", ldhName: "example.com" }));
    if (path === "/missing") return json(404, JSON.stringify({ errorCode: 404, title: "Not Found" }));
    if (path === "/busy") return json(429, "{}", { "retry-after": "7" });
    if (path === "/bomb") return json(200, "[".repeat(100_000) + "]".repeat(100_000));
    if (path === "/malformed") return json(200, '{"objectClassName": "domain",');
    if (path === "/huge") return json(200, JSON.stringify({ junk: "x".repeat(3 * 1024 * 1024) }));
    if (path === "/loop-a") return json(302, "", { location: "/loop-b" });
    if (path === "/loop-b") return json(302, "", { location: "/loop-a" });
    if (path === "/to-private") return json(302, "", { location: "http://10.1.2.3/domain/x" });
    if (path === "/slow") {
      res.writeHead(200, { "content-type": "application/rdap+json" });
      // Ends after 8 s (blank, not JSON): only the fetch's 800 ms total limit gives WL_ERR_TIMEOUT, a per-chunk one never fires.
      const ends = Date.now() + 8000;
      const timer = setInterval(() => (Date.now() > ends ? (clearInterval(timer), res.end()) : res.write(" ")), 50);
      res.on("close", () => clearInterval(timer));
      return;
    }
    json(500, "oops");
  });
  afterAll(() => closeRdapAgents());
  // Only /slow is meant to reach the limit; the others get one a loaded machine never reaches.
  const get = (path: string, extra = {}) => fetchRdap(`${base()}${path}`, { explicitTarget: true, timeoutMs: path === "/slow" ? 800 : 10_000, ...extra });

  it("parses a normal answer", async () => {
    const answer = await get("/ok");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ objectClassName: "domain", ldhName: "example.com" });
  });
  it("returns 404 and 429 as answers, with Retry-After", async () => {
    expect((await get("/missing")).status).toBe(404);
    const busy = await get("/busy");
    expect(busy.status).toBe(429);
    expect(busy.retryAfterSeconds).toBe(7);
  });
  it.each([
    ["/bomb", "WL_ERR_PROTOCOL"],
    ["/malformed", "WL_ERR_PROTOCOL"],
    ["/huge", "WL_ERR_TOO_LARGE"],
    ["/loop-a", "WL_ERR_REFERRAL_LOOP"],
    ["/to-private", "WL_ERR_PRIVATE_ADDRESS"],
    ["/slow", "WL_ERR_TIMEOUT"],
  ])("%s ends in %s", async (path, code) => {
    expect(await codeOf(get(path))).toBe(code);
  });
  it("refuses a loopback RDAP server unless allowed", async () => {
    expect(await codeOf(fetchRdap(`${base()}/ok`))).toBe("WL_ERR_PRIVATE_ADDRESS");
  });
  it("refuses non-http schemes", async () => {
    expect(await codeOf(fetchRdap("file:///etc/passwd"))).toBe("WL_ERR_PROTOCOL");
  });
});
