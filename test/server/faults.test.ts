import { describe, expect, it } from "vitest";
import { startSandbox } from "../../src/server/index.js";
import { endpoint, rawWhois, rdapBase } from "./raw.js";
import { useSandbox } from "../helpers/built-cli.js";

const sandbox = useSandbox();

const fault = (query: string, options: Parameters<typeof rawWhois>[2] = {}) => rawWhois(endpoint(sandbox(), "whois.nic.fault"), query, options);
const rdapFault = (name: string, init: RequestInit = {}) => fetch(`${rdapBase(sandbox(), "rdap.nic.fault")}domain/${name}`, { signal: AbortSignal.timeout(3000), ...init });
const MiB = 1024 * 1024;

describe("port-43 fault modes", () => {
  it("slow.fault drips about one byte per 100 ms and keeps going", async () => {
    const answer = await fault("slow.fault", { waitMs: 550 });
    expect(answer.ending).toBe("cut");
    expect(answer.bytes.length).toBeGreaterThanOrEqual(1);
    expect(answer.bytes.length).toBeLessThanOrEqual(8);
    expect("Domain Name: SLOW.FAULT".startsWith(answer.text)).toBe(true);
  });

  it("endless.fault never ends", async () => {
    const answer = await fault("endless.fault", { maxBytes: 3 * MiB, waitMs: 5000 });
    expect(answer.ending).toBe("cut");
    expect(answer.bytes.length).toBeGreaterThanOrEqual(3 * MiB);
  });

  it("huge.fault sends exactly 5 MiB, then closes", async () => {
    const answer = await fault("huge.fault", { waitMs: 5000 });
    expect(answer.ending).toBe("end");
    expect(answer.bytes.length).toBe(5 * MiB);
  });

  it("reset.fault resets the connection mid-answer", async () => {
    const answer = await fault("reset.fault");
    expect(answer.ending).toBe("error:ECONNRESET");
    expect(answer.text).toBe("Domain Name: RESET.FAULT\r\nRegistrar: ");
  });

  it("charset.fault sends Latin-1 bytes that are not UTF-8", async () => {
    const answer = await fault("charset.fault");
    expect(answer.bytes.includes(Buffer.from("Müller", "latin1"))).toBe(true);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(answer.bytes)).toThrow();
  });

  it("throttle.fault answers a rate-limit text, silent.fault nothing, escape.fault escapes", async () => {
    expect((await fault("throttle.fault")).text).toMatch(/^WHOIS LIMIT EXCEEDED/);
    const silent = await fault("silent.fault", { waitMs: 300 });
    expect(silent).toMatchObject({ ending: "cut", text: "" });
    expect((await fault("escape.fault")).text).toContain("\u001b[2J");
  });

  it("names outside the fault list get an ordinary no-match", async () => {
    expect((await fault("other.fault")).text).toBe('No match for "other.fault".\r\n');
  });
});

describe("RDAP fault modes", () => {
  it("malformed.fault and bomb.fault are not usable JSON", async () => {
    const malformed = await (await rdapFault("malformed.fault")).text();
    expect(() => JSON.parse(malformed)).toThrow();
    const bomb = await (await rdapFault("bomb.fault")).text();
    expect(bomb.length).toBe(200_000);
    expect(bomb.startsWith("[[[[")).toBe(true);
  });

  it("throttle.fault answers 429 with Retry-After: 1", async () => {
    const response = await rdapFault("throttle.fault");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ errorCode: 429 });
  });

  it("huge.fault is a 5 MiB body", async () => {
    expect((await (await rdapFault("huge.fault")).arrayBuffer()).byteLength).toBeGreaterThan(5 * MiB);
  });

  it("slow.fault sends headers, then a body that does not finish", async () => {
    const controller = new AbortController();
    const response = await rdapFault("slow.fault", { signal: controller.signal });
    expect(response.status).toBe(200);
    const timer = setTimeout(() => controller.abort(), 400);
    await expect(response.text()).rejects.toThrow();
    clearTimeout(timer);
  });

  it("reset.fault resets the connection", async () => {
    await expect(rdapFault("reset.fault")).rejects.toThrow();
  });

  it("private.fault and loop.fault carry hostile related links", async () => {
    const related = async (name: string): Promise<string | undefined> =>
      ((await (await rdapFault(name)).json()) as { links: { rel: string; href: string }[] }).links.find((link) => link.rel === "related")?.href;
    expect(await related("private.fault")).toBe("http://10.1.2.3/domain/private.fault");
    expect(await related("loop.fault")).toBe("https://rdap.loop-a.sandbox/domain/loop.fault");
  });

  it("charset.fault declares UTF-8 but sends Latin-1", async () => {
    const response = await rdapFault("charset.fault");
    expect(response.headers.get("content-type")).toContain("charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder("latin1").decode(bytes)).toContain("Müller Domänen GmbH");
  });
});

describe("faults switched off", () => {
  it("answers the fault names as plain no-match / 404", async () => {
    const calm = await startSandbox({ faults: false });
    try {
      const answer = await rawWhois(endpoint(calm, "whois.nic.fault"), "slow.fault", { waitMs: 1000 });
      expect(answer).toMatchObject({ ending: "end", text: 'No match for "slow.fault".\r\n' });
      const response = await fetch(`${rdapBase(calm, "rdap.nic.fault")}domain/reset.fault`, { signal: AbortSignal.timeout(2000) });
      expect(response.status).toBe(404);
    } finally {
      await calm.close();
    }
  });
});
