import { createHash } from "node:crypto";
import type net from "node:net";
import { describe, expect, it } from "vitest";
import { WhoislensError } from "../../src/errors.js";
import { MAX_BATCH_TURNS, settleInBatch } from "../../src/net/completions.js";
import { decodeAnswer, queryWhois } from "../../src/net/index.js";
import { openExchangeCount } from "../../src/net/whois-client.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { tcpServer, useTcpServers, whoisResponder } from "../helpers/servers.js";
import { settledSoon } from "../helpers/settled.js";

const local = { host: "127.0.0.1", allowPrivate: true };

/** A different, deterministic body of `size` bytes for each query. */
function bodyFor(query: string, size: number): string {
  const seed = createHash("sha256").update(query).digest("hex");
  return `% answer for ${query}\r\n${seed.repeat(Math.ceil(size / seed.length)).slice(0, size)}\r\n`;
}

describe("port-43 client internals", () => {
  const { start } = useTcpServers();

  it("reports bad input through the promise, never as a synchronous throw", async () => {
    let answer: Promise<unknown> | undefined;
    expect(() => (answer = queryWhois({ ...local, port: 1, query: "a\r\nb" }))).not.toThrow();
    await expect(answer).rejects.toMatchObject({ code: "WL_ERR_INVALID_QUERY" });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(queryWhois({ ...local, port: 1, query: "a", signal: cancelled.signal })).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
  });

  it("keeps concurrent answers apart although every socket reads into one shared buffer", async () => {
    // Bodies larger than the 64 KiB read buffer arrive in many reads, interleaved across sockets.
    const port = await start(whoisResponder((q) => bodyFor(q, q.startsWith("big") ? 300_000 : 2_000)));
    const queries = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? `big-${i}.example` : `small-${i}.example`));
    const answers = await Promise.all(queries.map((query) => queryWhois({ ...local, port, query })));
    answers.forEach((answer, i) => {
      const query = queries[i] as string;
      expect(answer.text).toBe(bodyFor(query, query.startsWith("big") ? 300_000 : 2_000));
      expect(answer.byteLength).toBe(Buffer.byteLength(answer.text));
    });
  });

  it("closes with an ordinary FIN once the server's EOF has ended the answer (the server sees an end, not a reset)", async () => {
    let report: (seen: { ended: boolean; error?: string }) => void = () => {};
    const seen = new Promise<{ ended: boolean; error?: string }>((resolve) => (report = resolve));
    const port = await start((socket) => {
      let ended = false;
      socket.on("end", () => (ended = true));
      socket.on("error", (error: NodeJS.ErrnoException) => report({ ended, error: error.code ?? "" }));
      socket.on("close", () => report({ ended }));
      socket.once("data", () => socket.end("Domain Name: EXAMPLE.COM\r\n"));
    });
    const answer = await queryWhois({ ...local, port, query: "example.com" });
    expect(answer.text).toBe("Domain Name: EXAMPLE.COM\r\n");
    const server = await seen;
    expect(server).toEqual({ ended: true });
  });

  it("counts every exchange off once it settles: answered, refused, reset, timed out, cancelled or rejected before connecting", async () => {
    const answering = await start(whoisResponder((q) => `% ${q}\r\n`));
    const resetting = await start((socket) => socket.once("data", () => socket.resetAndDestroy()));
    const silent = await start(() => {});
    const gone = await tcpServer(() => {});
    await gone.close();
    const closed = gone.port;
    const cancel = new AbortController();
    const outcomes = Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => queryWhois({ ...local, port: answering, query: `q${i}` })),
      queryWhois({ ...local, port: resetting, query: "reset" }),
      queryWhois({ ...local, port: silent, query: "slow", timeoutMs: 100 }),
      queryWhois({ ...local, port: silent, query: "cancelled", signal: cancel.signal }),
      queryWhois({ ...local, port: closed, query: "refused" }),
      queryWhois({ ...local, port: 70_000, query: "bad port" }),
    ]);
    expect(openExchangeCount()).toBeGreaterThan(0);
    cancel.abort();
    const settled = await outcomes;
    expect(settled.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
    expect(openExchangeCount()).toBe(0);
  });

  it("re-arms its single timer after a quick connect: a silent server gets the whole hop limit, not the connect limit", async () => {
    let queried = (): void => {};
    const arrived = new Promise<void>((resolve) => (queried = resolve));
    const port = await start((socket) => socket.once("data", () => queried()));
    const clock = new ManualClock();
    const outcome = queryWhois({ ...local, port, query: "x", connectTimeoutMs: 50, timeoutMs: 400, clock }).catch((e: unknown) => e);
    // The query reached the server, so the client is connected before its connect limit passes.
    await arrived;
    await clock.advance(50);
    await clock.advance(349);
    expect(await settledSoon(outcome)).toBe(false);
    await clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(WhoislensError);
    expect((error as WhoislensError).code).toBe("WL_ERR_TIMEOUT");
    expect((error as WhoislensError).message).toMatch(/did not finish answering within 400 ms/);
  });

  it("connects a name's one vetted address directly, and tries several in turn (happy eyeballs over the vetted ones only)", async () => {
    const port = await start(whoisResponder((q) => `% ${q}\r\n`));
    const one = await queryWhois({ host: "whois.one.test", port, query: "a", allowPrivate: true, resolve: async () => ["127.0.0.1"] });
    expect(one).toMatchObject({ text: "% a\r\n", remoteAddress: "127.0.0.1" });
    // Nothing listens on ::1 at this port: the second vetted address answers.
    const two = await queryWhois({ host: "whois.two.test", port, query: "b", allowPrivate: true, resolve: async () => ["::1", "127.0.0.1"] });
    expect(two).toMatchObject({ text: "% b\r\n", remoteAddress: "127.0.0.1" });
  });

  it("reads an answer arriving in pieces as the whole would decode: ASCII pieces taken as text, then a split UTF-8 character, Latin-1, a 7-bit charset, the size cap", async () => {
    // The server writes each piece after a pause, so the client gets them in separate reads.
    const pieces = (parts: (string | number[])[]): Buffer[] => parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part)));
    const dribble = (parts: Buffer[]) => (socket: net.Socket) =>
      socket.once("data", async () => {
        for (const part of parts) {
          socket.write(part);
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
        socket.end();
      });
    const cases: { parts: Buffer[]; charset?: string; maxBytes?: number; text: string }[] = [
      { parts: pieces(["Domain Name: EXAMPLE.COM\r\n", "Registrar: One\r\n"]), text: "Domain Name: EXAMPLE.COM\r\nRegistrar: One\r\n" },
      // é (C3 A9) cut between two reads, after an ASCII piece already taken as text.
      { parts: pieces(["Registrant: Jos", [0xc3], [0xa9, 0x0d, 0x0a], "Country: FR\r\n"]), text: "Registrant: José\r\nCountry: FR\r\n" },
      // Not UTF-8 once the third piece comes: the whole answer is windows-1252, the ASCII pieces included.
      { parts: pieces(["Registrant: Compa", [0xf1, 0xed], "a\r\n"]), text: "Registrant: Compañía\r\n" },
      // Every byte is ASCII, but UTF-7 gives "+AOk-" another meaning: not read as is.
      { parts: pieces(["holder: a ", "+AOk- b\r\n"]), charset: "utf-7", text: "holder: a é b\r\n" },
    ];
    for (const { parts, charset, text } of cases) {
      const port = await start(dribble(parts));
      const answer = await queryWhois({ ...local, port, query: "x", ...(charset ? { charset } : {}) });
      expect(answer.text).toBe(text);
      expect(answer.text).toBe(decodeAnswer(Buffer.concat(parts), charset));
      expect(answer.byteLength).toBe(Buffer.concat(parts).length);
    }
    // The cap falls inside the second ASCII piece; a non-ASCII piece after an ASCII one is cut the same way.
    for (const [parts, maxBytes, text] of [
      [pieces(["abcdef", "ghijkl", "mnop"]), 10, "abcdefghij"],
      [pieces(["abcd", [0xc3, 0xa9, 0x65, 0x66, 0x67]]), 8, "abcdéef"],
    ] as const) {
      const port = await start(dribble(parts));
      const answer = await queryWhois({ ...local, port, query: "x", maxBytes });
      expect(answer.text).toBe(text);
      expect(answer.truncated?.reason).toBe("size-cap");
    }
  });
});

describe("settleInBatch", () => {
  it("settles everything queued in one turn together, in order, after the current I/O callbacks", async () => {
    const order: string[] = [];
    await new Promise<void>((done) => {
      settleInBatch(() => order.push("a"));
      settleInBatch(() => order.push("b"));
      order.push("sync");
      queueMicrotask(() => order.push("microtask"));
      settleInBatch(() => {
        order.push("c");
        done();
      });
    });
    expect(order).toEqual(["sync", "microtask", "a", "b", "c"]);
  });

  it("starts a new batch for completions queued while a batch settles", async () => {
    const turns: number[] = [];
    let turn = 0;
    await new Promise<void>((done) => {
      settleInBatch(() => {
        turns.push(turn);
        settleInBatch(() => {
          turns.push(turn);
          done();
        });
      });
      setImmediate(() => (turn += 1));
    });
    expect(turns).toEqual([0, 1]);
  });

  /** Counts check phases from now on; `at(n, f)` runs f in the n-th one (1 = the next). */
  function turnCounter(): { turn: () => number; at: (n: number, run: () => void) => void; stop: () => void } {
    let turn = 0;
    let running = true;
    const scheduled = new Map<number, (() => void)[]>();
    const tick = (): void => {
      if (!running) return;
      turn += 1;
      for (const run of scheduled.get(turn) ?? []) run();
      setImmediate(tick);
    };
    setImmediate(tick);
    return {
      turn: () => turn,
      at: (n, run) => scheduled.set(n, [...(scheduled.get(n) ?? []), run]),
      stop: () => (running = false),
    };
  }

  it("keeps a batch open while more answers are expected and each turn brings some, and settles at the first turn that brings none", async () => {
    const counter = turnCounter();
    const settled: [string, number][] = [];
    await new Promise<void>((done) => {
      const complete = (name: string, last = false) => () => {
        settled.push([name, counter.turn()]);
        if (last) done();
      };
      settleInBatch(complete("a"), true);
      counter.at(1, () => settleInBatch(complete("b"), true));
      counter.at(2, () => settleInBatch(complete("c", true), true));
    });
    counter.stop();
    // a waits through the turns that brought b and c; the turn after c brings nothing and settles all three.
    expect(settled.map(([name]) => name)).toEqual(["a", "b", "c"]);
    expect(settled.map(([, turn]) => turn)).toEqual([3, 3, 3]);
  });

  it("waits at most MAX_BATCH_TURNS turns although answers keep arriving", async () => {
    const counter = turnCounter();
    let settledAt = 0;
    let settledWith = 0;
    await new Promise<void>((done) => {
      const queueOne = (): void => {
        // Nothing queued after the batch settled, so no completion is left over for the next test.
        if (settledAt !== 0) return;
        settleInBatch(() => {
          settledWith += 1;
          if (settledAt === 0) {
            settledAt = counter.turn();
            setImmediate(done);
          }
        }, true);
      };
      queueOne();
      for (let turn = 1; turn <= 3 * MAX_BATCH_TURNS; turn += 1) counter.at(turn, queueOne);
    });
    counter.stop();
    // Queued before the first check phase, settled in the MAX_BATCH_TURNS-th, with those that came meanwhile.
    expect(settledAt).toBe(MAX_BATCH_TURNS);
    expect(settledWith).toBe(MAX_BATCH_TURNS + 1);
  });

  it("settles at the next check phase when no more answers are expected, whatever arrives later", async () => {
    const counter = turnCounter();
    const settled: [string, number][] = [];
    await new Promise<void>((done) => {
      settleInBatch(() => settled.push(["a", counter.turn()]), false);
      counter.at(2, () => settleInBatch(() => {
        settled.push(["b", counter.turn()]);
        done();
      }, false));
    });
    counter.stop();
    // a settles in the first check phase without waiting for b; b, queued in the second, settles in
    // the one after (ahead of the counter's own tick there, so the counter still reads 2).
    expect(settled).toEqual([["a", 1], ["b", 2]]);
  });
});
