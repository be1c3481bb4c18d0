import { WhoislensError } from "../errors.js";
import type { WhoisRecord } from "../record/types.js";
import { hopContext, whoisHop } from "./hops.js";
import { resolveLookupOptions, type LookupOptions } from "./options.js";
import { normalizeHost } from "../util/chars.js";

export interface DirectAnswer {
  record: WhoisRecord;
  /** The answer text, control characters stripped. */
  text: string;
}

/**
 * Sends one request, as written, to a named port-43 server — for questions the
 * lookup planner does not make itself, such as RIPE-style inverse queries
 * (`-r -i org ORG-X-RIPE`). The --servers map, the private-address guard, the
 * scheduler and the cache apply exactly as for lookup(). Throws on failure.
 */
export async function queryServer(server: string, request: string, partial: Partial<LookupOptions> = {}): Promise<DirectAnswer> {
  const options = resolveLookupOptions({ ...partial, raw: true });
  const ctx = hopContext(options, request);
  // The -h server is asked on -p: a question about what it answered goes back to the same endpoint.
  const port = options.host !== undefined && normalizeHost(server) === normalizeHost(options.host) ? options.port : undefined;
  const result = await whoisHop(ctx, server, request, port);
  if (result.error || !result.record) throw result.error ?? new WhoislensError("WL_ERR_PROTOCOL", `no answer from ${server}`, { server });
  return { record: { ...result.record, chain: ctx.chain }, text: result.raw ?? "" };
}
