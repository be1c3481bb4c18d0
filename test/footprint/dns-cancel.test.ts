import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DnsClient } from "../../src/footprint/dns.js";
import { settledSoon } from "../helpers/settled.js";
import { waitUntil } from "../helpers/wait.js";

/** Real event-loop turns the abort may take to settle the call: far short of any of its timeouts, however busy the machine. */
const ABORT_TURNS = 100;

/**
 * An interrupted footprint must not sit in a DNS question's timeout × tries (6 s by default): the
 * cancel signal cancels the resolver's questions at once. The server is a loopback UDP socket that
 * reads every question and never answers (a dead resolver).
 */
describe("DnsClient with a cancel signal", () => {
  let silent: dgram.Socket | undefined;
  afterEach(() => silent?.close());

  it("a question to a resolver that never answers ends at once on the abort (within a few event-loop turns)", async () => {
    const asked: number[] = [];
    silent = dgram.createSocket("udp4");
    silent.on("message", (message) => asked.push(message.length));
    await new Promise<void>((resolve) => silent?.bind(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const cancel = new AbortController();
    const dns = new DnsClient({ resolver: `127.0.0.1:${port}`, timeoutMs: 5000, signal: cancel.signal });
    const answer = dns.lookup("dead-resolver.example").then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code,
    );
    await waitUntil(() => asked.length > 0, "the question at the resolver", 10_000);
    cancel.abort();
    expect(await settledSoon(answer, ABORT_TURNS)).toBe(true);
    expect(await answer).toBe("ECANCELLED");
    // Asked nothing once cancelled.
    await expect(dns.addresses("after.example")).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
  });
});

describe("a paid reverse-WHOIS API call with the run's cancel signal", () => {
  it("an API that never answers: the call ends at once on the abort, not at its 30 s timeout", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { WhoisXmlSource } = await import("../../src/footprint/index.js");
    const { loadServerMap } = await import("../../src/servers/index.js");
    const { httpServer } = await import("../helpers/servers.js");
    const asked: string[] = [];
    const silent = await httpServer((request) => void asked.push(request.url ?? ""));
    const cacheDir = mkdtempSync(join(tmpdir(), "whoislens-reverse-cancel-"));
    try {
      const cancel = new AbortController();
      const servers = loadServerMap({ "reverse-whois.whoisxmlapi.com": `http://127.0.0.1:${silent.port}/` });
      const source = new WhoisXmlSource("key", { servers, mappedOnly: true, cacheDir, allowPrivate: true, signal: cancel.signal }, "https://reverse-whois.whoisxmlapi.com/api/v2");
      const search = source.search("email", "hostmaster@acme-widgets.example", 200).then(
        () => "answered",
        (error: { code?: string }) => error.code ?? "error",
      );
      await waitUntil(() => asked.length > 0, "the call at the API", 10_000);
      expect(asked.length).toBe(1);
      cancel.abort();
      expect(await settledSoon(search, ABORT_TURNS)).toBe(true);
      expect(await search).toBe("WL_ERR_ABORTED");
    } finally {
      await silent.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
