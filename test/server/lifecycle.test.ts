import { existsSync } from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../../src/server/index.js";
import { waitUntil } from "../helpers/wait.js";
import { endpoint, rawWhois, rdapBase } from "./raw.js";

describe("throttling", () => {
  it("refuses a source after N queries to one server, counting each source and server apart", async () => {
    const sandbox = await startSandbox({ throttleAfter: 2 });
    try {
      const registry = endpoint(sandbox, "whois.verisign-grs.com");
      const ask = async (localAddress = "127.0.0.1") => (await rawWhois(registry, "example.com", { localAddress })).text;
      expect(await ask()).toContain("Domain Name: EXAMPLE.COM");
      expect(await ask()).toContain("Domain Name: EXAMPLE.COM");
      expect(await ask()).toMatch(/^WHOIS LIMIT EXCEEDED - SEE WWW\.NIC\.FAULT FOR DETAILS\r\n$/);
      expect(await ask("127.0.0.2")).toContain("Domain Name: EXAMPLE.COM");
      expect((await rawWhois(endpoint(sandbox, "whois.iana.org"), "com")).text).toContain("refer:");

      const url = `${rdapBase(sandbox, "rdap.verisign.com")}com/v1/domain/example.com`;
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(url, { signal: AbortSignal.timeout(2000) })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await fetch(url, { signal: AbortSignal.timeout(2000) });
      expect(refused.headers.get("retry-after")).toBe("1");

      expect(sandbox.stats()).toMatchObject({ "whois.verisign-grs.com": 4, "whois.iana.org": 1, "rdap.verisign.com": 4 });
      sandbox.resetCounters();
      expect(sandbox.stats()).toEqual({});
      expect(await ask()).toContain("Domain Name: EXAMPLE.COM");
      expect((await fetch(url, { signal: AbortSignal.timeout(2000) })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe("robustness", () => {
  it("answers a query ended by FIN without a newline, and a bare-LF query", async () => {
    const sandbox = await startSandbox();
    try {
      const target = endpoint(sandbox, "whois.verisign-grs.com");
      const answer = await new Promise<string>((resolve) => {
        const chunks: Buffer[] = [];
        const socket = net.connect(target, () => socket.end("example.com"));
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
      });
      expect(answer).toContain("Domain Name: EXAMPLE.COM");
      expect((await rawWhois(target, Buffer.from("example.com\n"))).text).toContain("Domain Name: EXAMPLE.COM");
    } finally {
      await sandbox.close();
    }
  });

  it("answers an over-long query line once, after reading at most 1 KiB", async () => {
    const sandbox = await startSandbox();
    try {
      const answer = await rawWhois(endpoint(sandbox, "whois.verisign-grs.com"), `${"a".repeat(5000)}.com`);
      expect(answer.ending).toBe("end");
      expect(answer.text).toMatch(/^No match for "A{1000,1024}"\./);
    } finally {
      await sandbox.close();
    }
  });
});

describe("close()", () => {
  it("frees every port, ends open connections and removes the bootstrap directory", async () => {
    const sandbox = await startSandbox();
    // The client would wait 20 s for the silent server: a close() that waited for open connections ends it as "cut".
    const silent = rawWhois(endpoint(sandbox, "whois.nic.fault"), "silent.fault", { waitMs: 20_000 });
    const slowRdap = fetch(`${rdapBase(sandbox, "rdap.nic.fault")}domain/slow.fault`).then((r) => r.text()).catch(() => "aborted");
    // Both queries have reached the sandbox (it counts them on arrival): their connections are open as it closes.
    await waitUntil(() => (sandbox.stats()["whois.nic.fault"] ?? 0) >= 1 && (sandbox.stats()["rdap.nic.fault"] ?? 0) >= 1, "both queries at the sandbox", 15_000);
    const ports = Object.values(sandbox.serverMap).map((value) => Number(/:(\d+)/.exec(String(value))?.[1]));
    await sandbox.close();
    // The sandbox ended the exchange (its close), before the client's own 20 s wait.
    expect((await silent).ending).not.toBe("cut");
    expect(await slowRdap).toBeDefined();
    expect(existsSync(sandbox.bootstrapDir)).toBe(false);
    for (const port of new Set(ports)) {
      const refused = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port }, () => {
          socket.destroy();
          resolve("connected");
        });
        socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(refused).toBe("ECONNREFUSED");
    }
    await sandbox.close();
  }, 40_000);

  it("refuses an address it cannot listen on, and a bad throttleAfter, with WL_ERR_INVALID_OPTION", async () => {
    await expect(startSandbox({ host: "192.0.2.1" })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION", message: expect.stringContaining("cannot listen on 192.0.2.1") });
    await expect(startSandbox({ throttleAfter: -1 })).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
  });

  it("can listen on another loopback address", async () => {
    const sandbox = await startSandbox({ host: "127.0.0.3" });
    try {
      expect(sandbox.serverMap["whois.iana.org"]).toMatch(/^127\.0\.0\.3:\d+$/);
      expect(sandbox.serverMap["rdap.arin.net"]).toMatch(/^http:\/\/127\.0\.0\.3:\d+\/rdap\.arin\.net\/$/);
      expect((await rawWhois(endpoint(sandbox, "whois.iana.org"), "com")).text).toContain("refer:");
    } finally {
      await sandbox.close();
    }
  });
});
