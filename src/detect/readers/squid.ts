/**
 * Squid access.log (squid-cache.org/Doc/config/logformat), two layouts told apart per line:
 * - native `squid`: `time elapsed client code/status bytes method URL user hierarchy/peer type`;
 * - `common` / `combined` (Apache-style, what many proxies are set to write):
 *   `client ident user [dd/Mon/yyyy:HH:MM:SS +zone] "METHOD URL HTTP/v" status bytes ["referer" "agent" code:hier]`.
 * `CONNECT host:443` for tunnels, absolute URLs otherwise.
 */
import type { HttpEvent } from "../types.js";
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseEpochSecondsMs } from "./common.js";
import { monthIndex } from "./fields.js";

const LINE_MAX = 16384;

type Target = Pick<HttpEvent, "host" | "dstPort" | "path" | "url">;

/** The request target of a proxy log: `host:port` of a CONNECT, an absolute URL, or a bare path. */
function targetOf(method: string, target: string): Target {
  if (method === "CONNECT") {
    const colon = target.lastIndexOf(":");
    return { host: colon > 0 ? target.slice(0, colon) : target, dstPort: colon > 0 ? int(target.slice(colon + 1)) : 443 };
  }
  const scheme = target.indexOf("://");
  if (scheme <= 0) return { path: target };
  const rest = target.slice(scheme + 3);
  const slashAt = rest.indexOf("/");
  const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const hostPart = authority.slice(authority.lastIndexOf("@") + 1);
  const colon = hostPart.startsWith("[") ? hostPart.indexOf("]:") + 1 : hostPart.lastIndexOf(":");
  return { url: target, path: slashAt >= 0 ? rest.slice(slashAt) : "/", host: colon > 0 ? hostPart.slice(0, colon) : hostPart,
    dstPort: colon > 0 ? int(hostPart.slice(colon + 1)) : target.startsWith("https") ? 443 : 80 };
}

/** `%tl`: "06/Dec/2026:15:00:00 +0100" → ms (UTC); NaN when it is not that. */
export function commonLogTime(s: string): number {
  const m = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (m === null) return Number.NaN;
  const month = monthIndex(m[2] ?? "");
  if (month < 0) return Number.NaN;
  const local = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === "-" ? -1 : 1);
  return local - offset;
}

interface Parsed extends Target { ts: number; src: string; method: string; status?: number; dst?: string; userAgent?: string; refused?: boolean }

function parseNative(line: string): Parsed | undefined {
  const f = line.split(" ").filter((t) => t !== "").slice(0, 12);
  if (f.length < 7) return undefined;
  const ts = parseEpochSecondsMs(f[0] ?? "");
  const src = f[2] ?? "", codeStatus = f[3] ?? "", method = f[5] ?? "", target = f[6] ?? "";
  if (Number.isNaN(ts) || src === "" || method === "" || target === "") return undefined;
  const slash = codeStatus.indexOf("/");
  const peer = f[8] ?? "";
  const peerSlash = peer.indexOf("/");
  const peerIp = peerSlash >= 0 ? peer.slice(peerSlash + 1) : undefined;
  // Squid's result codes (Squid wiki, SquidFaq/SquidLogs "Squid result codes"): TCP_DENIED (and _REPLY) is a
  // request access rules refused, the 407 proxy-authentication challenge among them.
  const refused = codeStatus.includes("_DENIED");
  return { ts, src, method, ...targetOf(method, target), status: slash >= 0 ? int(codeStatus.slice(slash + 1)) : undefined,
    dst: peerIp !== undefined && peerIp !== "-" && peerIp !== "" ? peerIp : undefined, ...(refused ? { refused } : {}) };
}

function parseCommon(line: string): Parsed | undefined {
  const open = line.indexOf(" [");
  const close = open < 0 ? -1 : line.indexOf("] \"", open);
  if (close < 0 || close - open > 40) return undefined;
  const src = line.slice(0, line.indexOf(" "));
  const ts = commonLogTime(line.slice(open + 2, close));
  const reqEnd = line.indexOf("\"", close + 3);
  if (Number.isNaN(ts) || src === "" || reqEnd < 0) return undefined;
  const [method = "", target = ""] = line.slice(close + 3, reqEnd).split(" ");
  if (method === "" || target === "") return undefined;
  const after = line.slice(reqEnd + 2).split(" ");
  // combined: "referer" "user agent" follow status and bytes
  const uaEnd = line.lastIndexOf("\"");
  const uaStart = uaEnd > reqEnd ? line.lastIndexOf(" \"", uaEnd - 1) : -1;
  const userAgent = uaStart > reqEnd ? line.slice(uaStart + 2, uaEnd) : undefined;
  return { ts, src, method, ...targetOf(method, target), status: int(after[0]), ...(userAgent !== undefined && userAgent !== "-" && userAgent !== "" ? { userAgent } : {}) };
}

export function squidParser(ctx: ParseContext): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const line = buf.toString("utf8", start, Math.min(end, start + LINE_MAX));
      const p = line.includes(" [") && line.includes("] \"") ? parseCommon(line) : parseNative(line);
      if (p === undefined) return LineResult.Malformed;
      ctx.emit({ kind: "http", ...p, format: "squid", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      return LineResult.Event;
    },
  };
}
