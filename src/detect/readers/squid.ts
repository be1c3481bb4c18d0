/**
 * Squid access.log, native format:
 * `time elapsed client code/status bytes method URL user hierarchy/peer type`
 * (`CONNECT host:443` for tunnels, absolute URLs otherwise).
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseEpochSecondsMs } from "./common.js";

const LINE_MAX = 16384;

export function squidParser(ctx: ParseContext): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const f = buf.toString("utf8", start, Math.min(end, start + LINE_MAX)).split(" ").filter((t) => t !== "").slice(0, 12);
      if (f.length < 7) return LineResult.Malformed;
      const ts = parseEpochSecondsMs(f[0] ?? "");
      const src = f[2] ?? "";
      const codeStatus = f[3] ?? "";
      const method = f[5] ?? "";
      const target = f[6] ?? "";
      if (Number.isNaN(ts) || src === "" || method === "" || target === "") return LineResult.Malformed;
      const slash = codeStatus.indexOf("/");
      const status = slash >= 0 ? int(codeStatus.slice(slash + 1)) : undefined;
      const peer = f[8] ?? "";
      const peerSlash = peer.indexOf("/");
      const peerIp = peerSlash >= 0 ? peer.slice(peerSlash + 1) : undefined;
      const dst = peerIp !== undefined && peerIp !== "-" && peerIp !== "" ? peerIp : undefined;
      let host: string | undefined, dstPort: number | undefined, path: string | undefined, url: string | undefined;
      if (method === "CONNECT") {
        const colon = target.lastIndexOf(":");
        host = colon > 0 ? target.slice(0, colon) : target;
        dstPort = colon > 0 ? int(target.slice(colon + 1)) : 443;
      } else {
        const scheme = target.indexOf("://");
        if (scheme > 0) {
          url = target;
          const rest = target.slice(scheme + 3);
          const slashAt = rest.indexOf("/");
          const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
          path = slashAt >= 0 ? rest.slice(slashAt) : "/";
          const hostPart = authority.slice(authority.lastIndexOf("@") + 1);
          const colon = hostPart.startsWith("[") ? hostPart.indexOf("]:") + 1 : hostPart.lastIndexOf(":");
          host = colon > 0 ? hostPart.slice(0, colon) : hostPart;
          dstPort = colon > 0 ? int(hostPart.slice(colon + 1)) : target.startsWith("https") ? 443 : 80;
        } else path = target;
      }
      ctx.emit({ kind: "http", ts, src, dst, dstPort, host, method, path, url, status, format: "squid",
        evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      return LineResult.Event;
    },
  };
}
