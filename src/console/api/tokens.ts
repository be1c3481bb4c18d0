/**
 * API tokens: 32 random bytes (base64url, `wlc_` prefix so a leaked one is recognisable in a scan),
 * shown once and stored as their SHA-256 digest. A slow password hash (scrypt, argon2) defends
 * low-entropy secrets against guessing; a 256-bit random token cannot be guessed, so one SHA-256 is
 * enough and keeps every request's check to a microsecond.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { InvalidOptionError } from "../../errors.js";
import type { Database } from "../../store/schema.js";

export interface TokenInfo { id: string; name: string; createdAt: string }

/** Names are shown in lists and logs: letters, digits and - _ . only. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The console_tokens table. */
export class TokenStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a token; the returned secret is the only copy there will ever be. */
  async add(name: string, now = new Date()): Promise<{ token: string; info: TokenInfo }> {
    if (!NAME.test(name)) throw new InvalidOptionError(`token name "${name}" is not allowed: use 1–64 letters, digits, '.', '_' or '-'`);
    const existing = await this.db.selectFrom("console_tokens").select("id").where("name", "=", name).executeTakeFirst();
    if (existing) throw new InvalidOptionError(`a token named "${name}" already exists; remove it first`);
    const token = `wlc_${randomBytes(32).toString("base64url")}`;
    const info: TokenInfo = { id: randomBytes(6).toString("hex"), name, createdAt: now.toISOString() };
    await this.db.insertInto("console_tokens").values({ id: info.id, name, hash: hashToken(token), created_at: info.createdAt }).execute();
    return { token, info };
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom("console_tokens").select(["id", "name", "created_at"]).orderBy("name").execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  /** Removes by name or id; false when there was none. */
  async remove(nameOrId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("console_tokens").where((eb) => eb.or([eb("name", "=", nameOrId), eb("id", "=", nameOrId)])).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async digests(): Promise<Map<string, TokenInfo>> {
    const rows = await this.db.selectFrom("console_tokens").selectAll().execute();
    return new Map(rows.map((r) => [r.hash, { id: r.id, name: r.name, createdAt: r.created_at }]));
  }
}

/**
 * The running console's view of the tokens: the digests in memory, read again from the store when
 * older than `refreshMs`, so a token added or removed from the CLI takes effect within that time.
 */
export class TokenCache {
  private digests = new Map<string, TokenInfo>();
  /**
   * Tokens found valid since the digests were last read, by their own text: a team's few tokens come
   * back on every request, and hashing each one again was ~2.5 µs of a ~50 µs warm lookup (bench:api).
   * Emptied at every reload, so a removed token stops working within `refreshMs` as before; only valid
   * tokens enter (a stream of made-up ones never fills it), at most MAX_VERIFIED.
   */
  private verified = new Map<string, TokenInfo>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(private readonly tokens: Pick<TokenStore, "digests">, private readonly refreshMs: number) {}

  async check(token: string): Promise<TokenInfo | undefined> {
    if (Date.now() - this.loadedAt > this.refreshMs) {
      this.loading ??= this.tokens.digests().then((d) => {
        this.digests = d;
        this.verified = new Map();
        this.loadedAt = Date.now();
      }).finally(() => {
        this.loading = undefined;
      });
      await this.loading;
    }
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    const info = this.digests.get(hashToken(token));
    if (info !== undefined && this.verified.size < MAX_VERIFIED) this.verified.set(token, info);
    return info;
  }
}

/** Valid tokens remembered between reloads of the digests (a console has a handful). */
const MAX_VERIFIED = 256;
