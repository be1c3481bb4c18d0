import net from "node:net";
import { describe, expect, it } from "vitest";
import { queryRwhois, RWHOIS_DEFAULTS } from "../../src/net/index.js";
import { rwhoisErrorLine } from "../../src/net/rwhois-client.js";
import { useTcpServers } from "../helpers/servers.js";

/**
 * The RWhois 1.5 session (RFC 2167) against small Node servers, each written from the RFC's exchange rather
 * than from the client: what the server receives (the query after the banner, then `-quit`) is recorded
 * and checked, as is what the client keeps.
 */
const local = { host: "127.0.0.1", allowPrivate: true, timeoutMs: 5000 };
const BANNER = "%rwhois V-1.5:003fff:00 rwhois.test.example (by Network Solutions, Inc. V-1.5.9.5)\r\n";

/** A server that records every line it receives; `respond` answers each query line (a directive `-…` too). */
function recordingServer(received: string[], respond: (line: string, socket: net.Socket) => void, banner = BANNER): (socket: net.Socket) => void {
  return (socket) => {
    socket.on("error", () => undefined);
    if (banner !== "") socket.write(banner);
    let pending = "";
    socket.on("data", (chunk: Buffer) => {
      pending += chunk.toString("latin1");
      for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
        const line = pending.slice(0, end).replace(/\r$/, "");
        pending = pending.slice(end + 1);
        received.push(line);
        respond(line, socket);
      }
    });
  };
}

describe("RWhois session (RFC 2167)", () => {
  const { start } = useTcpServers();

  it("waits for the banner, sends the query, keeps the answer up to %ok, then says -quit", async () => {
    const received: string[] = [];
    const port = await start(recordingServer(received, (line, socket) => {
      if (line === "-quit") return void socket.end();
      // Hold-connect: nothing closes after %ok; what follows it is not this answer's.
      socket.write(`network:IP-Network:192.0.2.0/26\r\nnetwork:Org-Name:Example Customer\r\n\r\n%ok\r\n%rwhois stray line\r\n`);
    }));
    const answer = await queryRwhois({ ...local, port, query: "192.0.2.10" });
    expect(answer.text).toBe(`${BANNER}network:IP-Network:192.0.2.0/26\r\nnetwork:Org-Name:Example Customer\r\n\r\n%ok\r\n`);
    expect(answer.truncated).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(["192.0.2.10", "-quit"]);
  });

  it("ends at %error (230 No Objects Found) as at %ok", async () => {
    const port = await start(recordingServer([], (line, socket) => (line === "-quit" ? socket.end() : socket.write("%error 230 No Objects Found\r\n"))));
    const answer = await queryRwhois({ ...local, port, query: "198.51.100.1" });
    expect(answer.text.trimEnd().split("\r\n").at(-1)).toBe("%error 230 No Objects Found");
  });

  it("a server that closes after its answer (rwhoisd's default) ends the answer there", async () => {
    const port = await start(recordingServer([], (_line, socket) => socket.end("network:Org-Name:Closer\r\n")));
    const answer = await queryRwhois({ ...local, port, query: "192.0.2.1" });
    expect(answer.text).toBe(`${BANNER}network:Org-Name:Closer\r\n`);
  });

  it("a server with no banner is asked anyway once the banner wait is over", async () => {
    const received: string[] = [];
    const port = await start(recordingServer(received, (line, socket) => (line === "-quit" ? socket.end() : socket.write("network:Org-Name:Quiet\r\n%ok\r\n")), ""));
    const answer = await queryRwhois({ ...local, port, query: "192.0.2.2" });
    expect(answer.text).toBe("network:Org-Name:Quiet\r\n%ok\r\n");
    expect(received[0]).toBe("192.0.2.2");
    expect(RWHOIS_DEFAULTS.bannerWaitMs).toBeLessThan(local.timeoutMs);
  });

  it("never sends before the scheduler's slot, and not at all when the slot is missed", async () => {
    const received: string[] = [];
    const port = await start(recordingServer(received, (line, socket) => (line === "-quit" ? socket.end() : socket.write("%ok\r\n"))));
    let release: (send: boolean) => void = () => undefined;
    const slot = new Promise<boolean>((resolve) => (release = resolve));
    const answer = queryRwhois({ ...local, port, query: "192.0.2.3", beforeSend: () => slot });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
    release(true);
    await answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(["192.0.2.3", "-quit"]);
    const before = received.length;
    await expect(queryRwhois({ ...local, port, query: "192.0.2.4", beforeSend: () => false })).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.slice(before)).toEqual([]);
  });

  it("cuts a flood at the size cap and says so", async () => {
    const port = await start(recordingServer([], (_line, socket) => {
      const flood = (): void => {
        if (!socket.destroyed && socket.write(`network:Org-Name:${"x".repeat(1000)}\r\n`.repeat(16))) setImmediate(flood);
        else if (!socket.destroyed) socket.once("drain", flood);
      };
      flood();
    }));
    const answer = await queryRwhois({ ...local, port, query: "192.0.2.5", maxBytes: 20_000 });
    expect(answer.truncated?.reason).toBe("size-cap");
    expect(answer.byteLength).toBeLessThanOrEqual(20_000);
  });

  it("gives up on a server that never ends its answer at the time limit", async () => {
    const port = await start(recordingServer([], (_line, socket) => socket.write("network:Org-Name:Slow\r\n")));
    await expect(queryRwhois({ ...local, port, query: "192.0.2.6", timeoutMs: 600 })).rejects.toMatchObject({ code: "WL_ERR_TIMEOUT" });
  });

  it("refuses a private address unless allowed, before connecting", async () => {
    let connections = 0;
    const port = await start((socket) => {
      connections += 1;
      socket.destroy();
    });
    await expect(queryRwhois({ host: "127.0.0.1", port, query: "192.0.2.7" })).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    expect(connections).toBe(0);
  });

  it("rejects a query with a line break, a cancelled signal, and a server that closes before the query", async () => {
    await expect(queryRwhois({ ...local, port: 1, query: "a\r\n-quit" })).rejects.toMatchObject({ code: "WL_ERR_INVALID_QUERY" });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(queryRwhois({ ...local, port: 1, query: "a", signal: cancelled.signal })).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
    const port = await start((socket) => socket.destroy());
    await expect(queryRwhois({ ...local, port, query: "192.0.2.8" })).rejects.toMatchObject({ code: "WL_ERR_CONNECT" });
  });

  it("ends at once on the cancel signal mid-answer", async () => {
    const port = await start(recordingServer([], (_line, socket) => socket.write("network:Org-Name:Partial\r\n")));
    const controller = new AbortController();
    const answer = queryRwhois({ ...local, port, query: "192.0.2.9", signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 100);
    await expect(answer).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
  });

  it("a refused connection is WL_ERR_CONNECT, reported through the promise", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(queryRwhois({ ...local, port, query: "192.0.2.11" })).rejects.toMatchObject({ code: "WL_ERR_CONNECT" });
  });

  it("reads the %error line that ended an answer, capped (its text is the server's)", () => {
    expect(rwhoisErrorLine(`${BANNER}%error 230 No Objects Found\r\n`)).toBe("%error 230 No Objects Found");
    expect(rwhoisErrorLine(`${BANNER}network:Org-Name:X\r\n%ok\r\n`)).toBeUndefined();
    expect(rwhoisErrorLine(`%error 400 ${"x".repeat(5000)}\r\n`)?.length).toBe(200);
  });
});
