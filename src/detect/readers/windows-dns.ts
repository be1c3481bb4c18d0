/**
 * Windows DNS Server debug log (DNS Manager → Debug Logging, "Log packets for debugging"), text format:
 * `12/6/2026 9:30:01 AM 0E2C PACKET  000000C1A2B3C4D0 UDP Rcv 10.0.0.5        c1d2   Q [0001   D   NOERROR] A      (5)whois(8)verisign-grs(3)com(0)`
 * Fields after PACKET: packet id, UDP/TCP, Snd/Rcv, remote IP, xid, R for a response, opcode, [flags rcode],
 * question type, question name in length-prefixed labels. Received questions and failed answers sent
 * back are events; the server's own forwarding traffic (Snd questions, Rcv answers) is skipped.
 */
import { type LineParser, LineResult, type ParseContext } from "./common.js";
import { DNS_LINE_MAX, FAILED_RCODES, emitDns } from "./dns-server.js";
import { clockMs, NAME_MAX, textLines, tokens } from "./fields.js";

/** "(5)whois(8)verisign-grs(3)com(0)" → "whois.verisign-grs.com"; undefined when not in that shape. */
export function decodeWireName(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > 4 * NAME_MAX || raw[0] !== "(") return undefined;
  let out = "";
  let i = 0;
  while (i < raw.length) {
    if (raw[i] !== "(") return undefined;
    const close = raw.indexOf(")", i);
    if (close < 0 || close - i > 4) return undefined;
    const len = Number(raw.slice(i + 1, close));
    if (!Number.isInteger(len) || len < 0 || len > 63) return undefined;
    if (len === 0) break;
    const label = raw.slice(close + 1, close + 1 + len);
    out += out === "" ? label : `.${label}`;
    i = close + 1 + len;
  }
  return out === "" || out.length > NAME_MAX ? undefined : out;
}

/**
 * Which number comes first in a slash date. The log writes the server's short-date locale, and only
 * en-US style locales write month first — with a 12-hour clock (`M/d/yyyy h:mm:ss tt`); the 24-hour
 * locales that use slashes (en-GB, fr-FR, es-ES, it-IT, pt-BR: `dd/MM/yyyy HH:mm:ss`) are day-first.
 * A number over 12 settles it for the file (learned once, kept for the lines after).
 */
type SlashOrder = "mdy" | "dmy";

/**
 * "12/6/2026" (M/D/Y or D/M/Y, see SlashOrder), "06.12.2026" (D.M.Y) or "2026-12-06", then "9:30:01"
 * [AM|PM] → ms, read as UTC. `learned`: the file's slash order once a date proved it.
 */
function debugTime(date: string, time: string, ampm: string | undefined, learned: { order?: SlashOrder }): number {
  let y: number, m: number, d: number;
  if (date.length === 10 && date[4] === "-") [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  else if (date.includes(".")) {
    // Day-first locales (de-DE and others): 06.12.2026
    const p = date.split(".");
    if (p.length !== 3) return Number.NaN;
    [d, m, y] = p.map(Number) as [number, number, number];
  } else {
    const p = date.split("/");
    if (p.length !== 3) return Number.NaN;
    const [a, b, c] = p.map(Number) as [number, number, number];
    if (a > 12 && b <= 12) learned.order = "dmy";
    else if (b > 12 && a <= 12) learned.order = "mdy";
    const order = learned.order ?? (ampm === undefined ? "dmy" : "mdy");
    [m, d, y] = order === "dmy" ? [b, a, c] : [a, b, c];
  }
  const clock = clockMs(time.length === 7 ? `0${time}` : time);
  if (!(y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= 31) || Number.isNaN(clock)) return Number.NaN;
  let ms = clock;
  if (ampm === "PM" && ms < 12 * 3_600_000) ms += 12 * 3_600_000;
  else if (ampm === "AM" && ms >= 12 * 3_600_000) ms -= 12 * 3_600_000;
  return Date.UTC(y, m - 1, d) + ms;
}

export function windowsDnsParser(ctx: ParseContext): LineParser {
  const learned: { order?: SlashOrder } = {};
  return textLines(DNS_LINE_MAX, (line, buf, start, end, lineNo) => {
    const at = line.indexOf(" PACKET ");
    if (at < 0) return LineResult.Skipped; // the file's header, EVENT lines, notes
    const head = tokens(line.slice(0, at), 4);
    const ampm = head[2] === "AM" || head[2] === "PM" ? head[2] : undefined;
    const wall = debugTime(head[0] ?? "", head[1] ?? "", ampm, learned);
    const ts = ctx.local === undefined ? wall : ctx.local(wall); // the server's local time (`--tz`)
    const open = line.indexOf("[", at);
    const close = open < 0 ? -1 : line.indexOf("]", open);
    if (Number.isNaN(ts) || close < 0) return LineResult.Malformed;
    const pre = tokens(line.slice(at + 8, open), 8); // packet id, proto, Snd/Rcv, ip, xid, [R], opcode
    const flags = tokens(line.slice(open + 1, close), 8);
    const post = tokens(line.slice(close + 1), 2);
    const dir = pre[2], src = pre[3];
    const response = pre[5] === "R";
    const opcode = response ? pre[6] : pre[5];
    const query = decodeWireName(post[1] ?? "");
    if ((dir !== "Snd" && dir !== "Rcv") || src === undefined || query === undefined) return LineResult.Malformed;
    if (opcode !== "Q") return LineResult.Skipped; // notify, update
    const rcode = flags[flags.length - 1];
    if (!response && dir === "Rcv") {
      emitDns(ctx, "windows-dns", { ts, src, query, qtype: post[0] }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    if (response && dir === "Snd" && rcode !== undefined && FAILED_RCODES.has(rcode)) {
      emitDns(ctx, "windows-dns", { ts, src, query, qtype: post[0], rcode }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    return LineResult.Skipped;
  });
}
