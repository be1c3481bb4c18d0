/**
 * Issue #13 (w24): a malformed RDAP query is 400 Bad Request with an RDAP error body (RFC 7480 §5.4; RFC 9083 §6
 * errorCode), not 404. RFC 9082 §3.1 lookup paths are UTF-8 percent-encoded names, numbers and handles (RFC 3986
 * §2.5): an escape that is not UTF-8, or one that decodes to a control character (`/domain/a%00b`, a CRLF
 * header-injection attempt), names nothing a server could hold. A well-formed name we do not hold stays 404.
 * Sent as raw HTTP/1.1 requests over a loopback socket, byte for byte what `curl --path-as-is` writes.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRdapPath } from "../../src/serve/rdap-path.js";
import { registryDataset, serveOnLoopback, type Running } from "./helpers.js";

interface RawAnswer { status: number; head: string; body: string }

/** One GET with `target` written as it is (no client-side normalisation), on its own connection. */
function rawGet(port: number, target: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: curl/8.5.0\r\nAccept: application/rdap+json\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      resolve({ status: Number(text.slice(9, 12)), head: text.slice(0, split), body: text.slice(split + 4) });
    });
    socket.on("error", reject);
  });
}

describe("malformed RDAP paths over loopback", () => {
  let server: Running;
  let port: number;
  let prefix: string;
  beforeAll(async () => {
    server = await serveOnLoopback(registryDataset());
    const base = new URL(server.rdapBase);
    port = Number(base.port);
    prefix = base.pathname.replace(/\/$/, "");
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ["/domain/a%00b", "NUL"],
    ["/domain/widgets%0D%0ALocation:%20evil.example", "CR LF"],
    ["/entity/ALICE%1B%5B31m-TEST", "ESC"],
    ["/nameserver/ns1%7F.widgets.example", "DEL"],
    ["/domain/caf%C2%85.example", "C1 NEL"],
    ["/domain/caf%C3%28.example", "not UTF-8"],
    ["/domain/%ED%A0%80.example", "a lone surrogate"],
    ["/domain/%E0%A4%A", "a cut escape"],
    ["/domain/%zz.example", "not an escape"],
  ])("%s (%s): 400 with an RDAP error body", async (path, _what) => {
    const answer = await rawGet(port, prefix + path);
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/content-type: application\/rdap\+json/i);
    expect(answer.head).not.toMatch(/\r\nlocation:/i);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({ errorCode: 400, title: "Bad Request" });
    expect(body.rdapConformance).toContain("rdap_level_0");
  });

  it("well-formed names: held 200, not held 404; percent-encoded UTF-8 (an IDN's U-label) is still a name", async () => {
    expect((await rawGet(port, `${prefix}/domain/widgets.example`)).status).toBe(200);
    expect((await rawGet(port, `${prefix}/domain/nothing-here.example`)).status).toBe(404);
    expect((await rawGet(port, `${prefix}/domain/m%C3%BCnchen.example`)).status).toBe(404);
    expect((await rawGet(port, `${prefix}/domain/a%20b.example`)).status).toBe(404);
  });

  it("the query log records the refusals as bad-request, with the path as it came", () => {
    const refused = server.log.entries.filter((e) => e.query.includes("a%00b"));
    expect(refused.map((e) => e.outcome)).toEqual(["bad-request"]);
  });
});

describe("decodeRdapPath", () => {
  it("names the reason", () => {
    expect(decodeRdapPath("/domain/a%00b")).toEqual({ ok: false, reason: "control character U+0000 in the path" });
    expect(decodeRdapPath("/domain/%C2%9B")).toEqual({ ok: false, reason: "control character U+009B in the path" });
    expect(decodeRdapPath("/domain/%FF")).toMatchObject({ ok: false, reason: expect.stringMatching(/UTF-8/) });
    expect(decodeRdapPath("/domain/example.com")).toEqual({ ok: true, path: "/domain/example.com" });
    expect(decodeRdapPath("/domain/xn--mnchen-3ya.example")).toEqual({ ok: true, path: "/domain/xn--mnchen-3ya.example" });
  });
});
