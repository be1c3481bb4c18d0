import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents, fetchRdap } from "../../src/net/index.js";
import { httpServer, type TestServer } from "../helpers/servers.js";

/**
 * RFC 8259 §8.1 wants JSON in UTF-8; old RDAP servers send Latin-1, some saying so in Content-Type. The
 * body was decoded as UTF-8 whatever the header said: "Compañía" came out as "Compa��a".
 */
const NAME = "Compañía Andina de Datos, Ñuñoa";
const BODIES: Record<string, { type: string; bytes: Buffer }> = {
  "/declared": { type: "application/rdap+json; charset=ISO-8859-1", bytes: Buffer.from(JSON.stringify({ objectClassName: "entity", handle: "X", name: NAME }), "latin1") },
  "/quoted": { type: 'application/rdap+json;charset="iso-8859-1"', bytes: Buffer.from(JSON.stringify({ objectClassName: "entity", handle: "X", name: NAME }), "latin1") },
  "/undeclared": { type: "application/rdap+json", bytes: Buffer.from(JSON.stringify({ objectClassName: "entity", handle: "X", name: NAME }), "latin1") },
  "/utf8": { type: "application/rdap+json", bytes: Buffer.from(JSON.stringify({ objectClassName: "entity", handle: "X", name: NAME }), "utf8") },
  "/unknown-charset": { type: "application/rdap+json; charset=x-no-such-charset", bytes: Buffer.from(JSON.stringify({ objectClassName: "entity", handle: "X", name: NAME }), "utf8") },
};

describe("RDAP bodies in the charset the server declares", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await httpServer((req, res) => {
      const body = BODIES[req.url ?? ""]!;
      res.writeHead(200, { "content-type": body.type, "content-length": body.bytes.length });
      res.end(body.bytes);
    });
  });
  afterAll(async () => {
    await closeRdapAgents();
    await server.close();
  });

  it.each(Object.keys(BODIES))("%s reads as the same text", async (path) => {
    const answer = await fetchRdap(`http://127.0.0.1:${server.port}${path}`, { explicitTarget: true, timeoutMs: 3000 });
    expect((answer.body as { name: string }).name).toBe(NAME);
  });
});
