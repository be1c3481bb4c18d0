/**
 * dnsmasq with `log-queries` (and `log-queries=extra`), which Pi-hole writes as pihole.log:
 * `Dec  6 09:24:34 dnsmasq[13285]: query[A] rdap.org from 10.0.0.5`, then `forwarded`, `reply`, `cached`,
 * `config` lines for the same name (`… is NXDOMAIN` for a missing one). With `extra` every line starts
 * with a serial and the client (`8 10.0.0.5/43642 config nosuch.corp.example is NXDOMAIN`).
 * `query[…]` lines are questions; a `reply`/`cached`/`config` line whose answer is NXDOMAIN, SERVFAIL or
 * REFUSED is a failed answer, for the client that asked (by serial, else the last client asking that name).
 */
import { type LineParser, LineResult, type ParseContext } from "./common.js";
import { BoundedMap, DNS_LINE_MAX, emitDns } from "./dns-server.js";
import { afterTag, dnsName, syslogTime, textLines, tokens } from "./fields.js";

/** Line kinds that carry an answer (`NAME is VALUE`). */
const ANSWERS = new Set(["reply", "cached", "config", "cached-stale"]);
const FAILED = new Set(["NXDOMAIN", "SERVFAIL", "REFUSED"]);
/** Questions remembered for joining answers to their client. */
const PENDING_MAX = 4096;

export function dnsmasqParser(ctx: ParseContext): LineParser {
  const clients = new BoundedMap<string>(PENDING_MAX);
  return textLines(DNS_LINE_MAX, (line, buf, start, end, lineNo) => {
    let body = afterTag(line, "dnsmasq");
    if (body < 0) body = afterTag(line, "pihole-FTL");
    if (body < 0) return LineResult.Skipped;
    const ts = syslogTime(line, ctx.local);
    const t = tokens(line.slice(body), 8);
    let serial: string | undefined;
    if (t.length > 2 && /^\d{1,10}$/.test(t[0] ?? "") && (t[1] ?? "").includes("/")) {
      serial = t[0];
      t.splice(0, 2);
    }
    const verb = t[0] ?? "";
    if (verb.startsWith("query[") && verb.endsWith("]")) {
      const query = dnsName(t[1]);
      const src = t[2] === "from" ? t[3] : undefined;
      if (Number.isNaN(ts) || query === undefined || src === undefined) return LineResult.Malformed;
      clients.set(serial ?? query.toLowerCase(), src);
      emitDns(ctx, "dnsmasq", { ts, src, query, qtype: verb.slice(6, -1) }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    if (ANSWERS.has(verb) && t[2] === "is" && FAILED.has(t[3] ?? "")) {
      const query = dnsName(t[1]);
      if (Number.isNaN(ts) || query === undefined) return LineResult.Malformed;
      const key = serial ?? query.toLowerCase();
      const src = clients.get(key);
      if (src === undefined) return LineResult.Skipped; // the question was not in this log
      clients.delete(key);
      emitDns(ctx, "dnsmasq", { ts, src, query, rcode: t[3] }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    return LineResult.Skipped; // forwarded, reply with an address, start-up and DHCP lines
  });
}
