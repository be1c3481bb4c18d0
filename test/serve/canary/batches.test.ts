import { describe, expect, it } from "vitest";
import { SightingBatches, type MailSighting } from "../../../src/serve/canary/index.js";

// `canary check` matches sightings in batches while a log is read. It used to start each batch
// without awaiting it: a store failure mid-read was an unhandled rejection, and the IMAP path did
// not batch at all. SightingBatches holds the failure and drain() throws it once the read ends.

const sighting = (i: number): MailSighting => ({ ts: 0, format: "postfix", event: "delivered", recipients: [`r${i}@decoy.example`], evidence: { file: "t.log", line: i } });

describe("SightingBatches", () => {
  it("matches in batches of the given size as sightings arrive, and the rest on drain", async () => {
    const sizes: number[] = [];
    const batches = new SightingBatches(async (batch) => {
      sizes.push(batch.length);
      return batch.map((s) => s.evidence.line);
    }, 3);
    for (let i = 1; i <= 7; i++) batches.push(sighting(i));
    expect(sizes).toEqual([3, 3]);
    await batches.drain();
    expect(sizes).toEqual([3, 3, 1]);
    expect([...batches.results].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("a batch that fails mid-read is no unhandled rejection: drain() throws the first failure", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      let calls = 0;
      const batches = new SightingBatches<number>(async () => {
        const n = ++calls;
        await new Promise((resolve) => setTimeout(resolve, n)); // the first batch fails first
        throw new Error(`store gone ${n}`);
      }, 2);
      for (let i = 0; i < 6; i++) batches.push(sighting(i));
      await new Promise((resolve) => setTimeout(resolve, 20)); // the batches fail while the "read" goes on
      await expect(batches.drain()).rejects.toThrow("store gone 1");
      expect(calls).toBe(3);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});
