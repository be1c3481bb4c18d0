import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { useServer } from "../helpers/servers.js";

/**
 * Redis and PostgreSQL for the scale-out tests: the ones `.ci/run` started (WHOISLENS_TEST_REDIS,
 * WHOISLENS_TEST_PG), else our own on a free loopback port in a temp directory, stopped afterwards.
 * Each test gets its own PostgreSQL database and queue name, so test files never see each other's rows.
 */
export interface Service {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
}

function stopChild(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Why Redis cannot be had here, or undefined when it can. */
export function redisMissing(): string | undefined {
  if (process.env.WHOISLENS_TEST_REDIS) return undefined;
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "no Redis: set WHOISLENS_TEST_REDIS or install redis-server (bash scripts/ci-redis.sh does both)";
  }
}

/** A test file's Redis and every connection it opened through `connect`. */
export interface RedisForTests {
  url: string;
  /** A connection (ioredis, as the workers make them), disconnected by close(). */
  connect(): Promise<Redis>;
  /** Disconnects every connection, then stops the server (if it is ours). */
  close(): Promise<void>;
}

/**
 * startRedis plus the connections a test opens, closed together: the set-up and tear-down the scale
 * tests each wrote out (beforeAll: start, connect; afterAll: disconnect each, stop).
 */
export async function startRedisForTests(): Promise<RedisForTests> {
  const service = await startRedis();
  const { connectRedis } = await import("../../src/scale/connection.js");
  const opened: Redis[] = [];
  return {
    url: service.url,
    connect: async () => {
      const redis = await connectRedis(service.url);
      opened.push(redis);
      return redis;
    },
    close: async () => {
      for (const redis of opened.splice(0)) redis.disconnect();
      await service.stop();
    },
  };
}

/** A describe block's Redis, from useRedis. */
export interface RedisInBlock {
  /** The connection opened in beforeAll. */
  redis(): Redis;
  /** Another connection (another worker's, a producer's), disconnected in afterAll with the first. */
  connect(): Promise<Redis>;
  /** The server's URL, for what connects by itself (a worker process, `bulk --queue`). */
  url(): string;
}

/**
 * A describe block's Redis: startRedisForTests and one connection in beforeAll, every connection
 * disconnected and the server stopped in afterAll. Call it in the block's body, before the block's own
 * hooks: vitest runs afterAll hooks last-registered first, so what the block starts on top of Redis (a
 * queue, a fleet) is closed before Redis is.
 */
export function useRedis(): RedisInBlock {
  let service: RedisForTests | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    service = await startRedisForTests();
    redis = await service.connect();
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  });
  const started = (): RedisForTests => {
    if (service === undefined) throw new Error("useRedis: Redis is not started (called outside a test?)");
    return service;
  };
  return {
    redis: () => {
      if (redis === undefined) throw new Error("useRedis: Redis is not started (called outside a test?)");
      return redis;
    },
    connect: () => started().connect(),
    url: () => started().url,
  };
}

/** useRedis for a block that needs just its one connection. */
export function useRedisConnection(): () => Redis {
  return useRedis().redis;
}

export async function startRedis(): Promise<Service> {
  if (process.env.WHOISLENS_TEST_REDIS) return { url: process.env.WHOISLENS_TEST_REDIS, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "wl-scale-redis-"));
  const port = await freePort();
  const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const { Redis } = await import("ioredis");
  const stop = stopChild(child, dir);
  await waitFor(async () => {
    const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } finally {
      probe.disconnect();
    }
  }, "redis-server").catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `redis://127.0.0.1:${port}/0`, stop };
}

function postgresBin(): string | undefined {
  if (!existsSync("/usr/lib/postgresql")) return undefined;
  const versions = readdirSync("/usr/lib/postgresql").filter((v) => existsSync(join("/usr/lib/postgresql", v, "bin/initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join("/usr/lib/postgresql", versions[0], "bin");
}

/** Why PostgreSQL cannot be had here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  if (process.env.WHOISLENS_TEST_PG) return undefined;
  if (postgresBin() === undefined) return "no PostgreSQL: set WHOISLENS_TEST_PG (bash scripts/ci-postgres.sh starts one) or install postgresql";
  if (process.getuid?.() !== 0) return "no PostgreSQL: set WHOISLENS_TEST_PG (bash scripts/ci-postgres.sh starts one); starting our own needs root (runuser postgres)";
  return undefined;
}

/** A fresh database on the server (its own or WHOISLENS_TEST_PG's), dropped by stop(). */
export async function startPostgres(): Promise<Service> {
  let serverUrl = process.env.WHOISLENS_TEST_PG;
  let stopServer = async (): Promise<void> => undefined;
  if (!serverUrl) {
    const bin = postgresBin() as string;
    // Under /tmp itself: the tests' TMPDIR is root-only, and the server runs as the postgres user.
    const dir = mkdtempSync("/tmp/wl-scale-pg-");
    try {
      chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
      execFileSync("runuser", ["-u", "postgres", "--", join(bin, "initdb"), "-D", join(dir, "data"), "--auth=trust", "-U", "postgres"], { stdio: "ignore" });
    } catch (error) {
      // No server started yet: the folder is all there is to take back.
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const port = await freePort();
    const child = spawn("runuser", ["-u", "postgres", "--", join(bin, "postgres"), "-D", join(dir, "data"), "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"], { stdio: "ignore" });
    serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const url = serverUrl;
    await waitFor(async () => {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, "postgres").catch(async (error: unknown) => {
      await stopChild(child, dir)();
      throw error;
    });
    stopServer = stopChild(child, dir);
  }
  const name = `wl_scale_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await client.end();
      await stopServer();
    },
  };
}

/**
 * A describe block's PostgreSQL database: startPostgres in beforeAll, dropped (and our own server
 * stopped) in afterAll; the returned function gives its URL inside the block's tests.
 */
export function usePostgres(): () => string {
  const database = useServer(async () => {
    const { url, stop } = await startPostgres();
    return { url, close: stop };
  }, 60_000);
  return () => database().url;
}

/**
 * Why `what` must be skipped (the first service missing, from redisMissing/postgresMissing), said once
 * on stderr, or undefined when every service can be had: the value for describe.skipIf.
 */
export function skipReason(what: string, ...checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const missing = check();
    if (missing !== undefined) {
      console.warn(`skipping ${what}: ${missing}`);
      return missing;
    }
  }
  return undefined;
}
