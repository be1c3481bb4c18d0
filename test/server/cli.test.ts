import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { main } from "../../src/cli/main.js";
import { fakeIO } from "../helpers/cli.js";
import { waitUntil } from "../helpers/wait.js";

const connectCode = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });

describe("whoislens sandbox", () => {
  it("writes the map to --map-out, prints the describe table, serves, and closes on interrupt", async () => {
    const mapDir = mkdtempSync(join(tmpdir(), "whoislens-sandbox-cli-"));
    const mapFile = join(mapDir, "servers.json");
    onTestFinished(() => rmSync(mapDir, { recursive: true, force: true }));
    const io = fakeIO();
    const running = main(["sandbox", "--map-out", mapFile, "--describe", "--throttle-after", "1"], io);
    await waitUntil(() => io.err.join("").includes("sandbox running"), "the sandbox command");
    const map = JSON.parse(readFileSync(mapFile, "utf8")) as Record<string, string>;
    const port = Number(map["whois.verisign-grs.com"]?.split(":")[1]);
    expect(await connectCode(port)).toBe("connected");
    const out = io.out.join("");
    expect(out).toMatch(/^example\.com +domain +registered +thin registry/m);
    expect(out).toContain("whois: whois.verisign-grs.com → whois.registrar-one.sandbox; rdap: rdap.verisign.com → rdap.registrar-one.sandbox");
    expect(out).toMatch(/^-i org ORG-AWE1-RIPE +raw +RIPE-style inverse query: inetnum/m);
    expect(out).not.toContain('{"whois.iana.org"');
    expect(io.err.join("")).toContain(`--servers map written to ${mapFile}`);
    io.interrupt();
    expect(await running).toBe(0);
    expect(await connectCode(port)).toBe("ECONNREFUSED");
  });

  it("prints one JSON line of map on stdout without --map-out, and honours --no-faults", async () => {
    const io = fakeIO();
    const running = main(["sandbox", "--no-faults"], io);
    await waitUntil(() => io.err.join("").includes("sandbox running"), "the sandbox command");
    const lines = io.out.join("").trim().split("\n");
    expect(lines).toHaveLength(1);
    const map = JSON.parse(lines[0] as string) as Record<string, string>;
    const [host, port] = (map["whois.nic.fault"] ?? "").split(":");
    const text = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      const socket = net.connect({ host: host as string, port: Number(port) }, () => socket.write("slow.fault\r\n"));
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
    });
    expect(text).toBe('No match for "slow.fault".\r\n');
    io.interrupt();
    expect(await running).toBe(0);
  });

  it.each([["-1"], ["many"], ["1.5"]])("refuses --throttle-after %s as a usage error", async (value) => {
    const io = fakeIO();
    expect(await main(["sandbox", "--throttle-after", value], io)).toBe(2);
    expect(io.err.join("")).toContain("WL_ERR_INVALID_OPTION: --throttle-after needs a whole number");
  });

  it("reports an address it cannot listen on as a usage error", async () => {
    const io = fakeIO();
    expect(await main(["sandbox", "--host", "192.0.2.1"], io)).toBe(2);
    expect(io.err.join("")).toContain("WL_ERR_INVALID_OPTION: cannot listen on 192.0.2.1");
  });
});
