import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What a hop brought back, before parsing: cached so that a re-run costs no query. */
export type CachedAnswer =
  | { protocol: "whois"; server: string; text: string }
  | { protocol: "rdap"; server: string; url: string; status: number; body?: unknown };

export interface AnswerCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
}

interface Entry {
  expiresAt: number;
  answer: CachedAnswer;
}

export interface CacheOptions {
  /** How long an answer stays fresh. */
  ttlMs: number;
  /** Entries kept in memory (least recently used evicted). */
  maxEntries: number;
  /** Directory for the on-disk layer; memory only when absent. */
  directory?: string;
  now?: () => number;
}

export const CACHE_DEFAULTS: CacheOptions = { ttlMs: 60 * 60 * 1000, maxEntries: 1000 };

/** Memory LRU in front of an optional on-disk layer (one JSON file per answer). */
export class TieredAnswerCache implements AnswerCache {
  private readonly memory = new Map<string, Entry>();
  private readonly options: CacheOptions & { now: () => number };

  constructor(options: Partial<CacheOptions> = {}) {
    this.options = { ...CACHE_DEFAULTS, now: Date.now, ...options };
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const now = this.options.now();
    const hit = this.memory.get(key);
    if (hit && hit.expiresAt > now) {
      this.memory.delete(key);
      this.memory.set(key, hit);
      return hit.answer;
    }
    if (hit) this.memory.delete(key);
    const fromDisk = await this.readDisk(key);
    if (fromDisk && fromDisk.expiresAt > now) {
      this.remember(key, fromDisk);
      return fromDisk.answer;
    }
    return undefined;
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    const entry = { expiresAt: this.options.now() + this.options.ttlMs, answer };
    this.remember(key, entry);
    await this.writeDisk(key, entry);
  }

  private remember(key: string, entry: Entry): void {
    this.memory.set(key, entry);
    while (this.memory.size > this.options.maxEntries) {
      const oldest = this.memory.keys().next().value;
      if (oldest === undefined) break;
      this.memory.delete(oldest);
    }
  }

  private fileFor(key: string): string | undefined {
    if (this.options.directory === undefined) return undefined;
    return join(this.options.directory, `${createHash("sha256").update(key).digest("hex")}.json`);
  }

  private async readDisk(key: string): Promise<Entry | undefined> {
    const file = this.fileFor(key);
    if (file === undefined) return undefined;
    try {
      const entry = JSON.parse(await readFile(file, "utf8")) as unknown;
      return isEntry(entry) ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  private async writeDisk(key: string, entry: Entry): Promise<void> {
    const file = this.fileFor(key);
    if (file === undefined || this.options.directory === undefined) return;
    try {
      await mkdir(this.options.directory, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, file);
    } catch {
      // A cache that cannot write is only slower, never wrong.
    }
  }
}

/** What identifies one answer: who was meant, who was really asked, under which guard, and what. */
export interface CacheKeyParts {
  protocol: "whois" | "rdap";
  /** The real-world server name (its profile parses the answer). */
  server: string;
  /**
   * Where the question really went: port 43 "host:port" after --servers/-h mapping, RDAP the final URL
   * after the base rewrite. An answer from a mapped (test, sandbox, hostile) endpoint is thereby never
   * served to a lookup that did not use the same mapping.
   */
  endpoint: string;
  /** The request sent (port 43) or the real-world URL (RDAP). */
  request: string;
  /** Fetched with the private-address guard relaxed (--allow-private or the user's own target). */
  relaxedGuard: boolean;
}

export function cacheKey(parts: CacheKeyParts): string {
  const { protocol, server, endpoint, request, relaxedGuard } = parts;
  return [protocol, server.toLowerCase(), endpoint.toLowerCase(), relaxedGuard ? "relaxed" : "guarded", request].join("\u0000");
}

/** A disk entry is a file anyone with the cache directory could have written: its shape is checked before use. */
function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const { expiresAt, answer } = value as { expiresAt?: unknown; answer?: unknown };
  if (typeof expiresAt !== "number" || typeof answer !== "object" || answer === null) return false;
  const candidate = answer as Record<string, unknown>;
  if (typeof candidate.server !== "string") return false;
  if (candidate.protocol === "whois") return typeof candidate.text === "string";
  return candidate.protocol === "rdap" && typeof candidate.url === "string" && typeof candidate.status === "number";
}
