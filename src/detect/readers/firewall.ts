/** Firewall logs: iptables/ufw kernel syslog lines (SRC= DST= PROTO= SPT= DPT=) and CSV with a column map. */
import { InvalidOptionError } from "../../errors.js";
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseAnyTime, protoName } from "./common.js";
import { after5424, syslogTime } from "./fields.js";

const MAX_TOKENS = 96;
const SYSLOG_MAX = 8192;

export function firewallSyslogParser(ctx: ParseContext): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const line = buf.toString("utf8", start, Math.min(end, start + SYSLOG_MAX));
      const srcAt = line.indexOf(" SRC=");
      if (srcAt < 0) return LineResult.Skipped;
      const ts = syslogTime(line, ctx.local); // BSD or RFC 5424 header (rsyslog's RSYSLOG_SyslogProtocol23Format), PRI optional
      if (Number.isNaN(ts)) return LineResult.Malformed;
      const kv: Record<string, string> = {};
      let tokens = 0;
      for (const tok of line.slice(srcAt + 1).split(" ")) {
        if (++tokens > MAX_TOKENS) break;
        const eq = tok.indexOf("=");
        if (eq <= 0) continue;
        const key = tok.slice(0, eq);
        if ((key === "SRC" || key === "DST" || key === "PROTO" || key === "SPT" || key === "DPT") && kv[key] === undefined) {
          kv[key] = tok.slice(eq + 1);
        }
      }
      const src = kv.SRC, dst = kv.DST;
      if (src === undefined || dst === undefined || src === "" || dst === "") return LineResult.Malformed;
      const proto = protoName(kv.PROTO);
      const ufw = line.indexOf("[UFW ");
      const close = ufw < 0 ? -1 : line.indexOf("]", ufw);
      let state: string | undefined = ufw >= 0 && close > ufw && close - ufw < 40 ? line.slice(ufw + 5, close) : undefined;
      if (state === undefined) {
        // An iptables LOG / nftables `log prefix`: the text between the kernel's tag (BSD "kernel:", or the RFC 5424
        // APP-NAME "kernel" and its STRUCTURED-DATA) and its uptime stamp, and "IN=".
        const framed = after5424(line, "kernel");
        const tag = line.indexOf("kernel:");
        const k = framed >= 0 ? framed : tag >= 0 ? tag + 7 : -1;
        const inAt = line.indexOf(" IN=");
        if (k >= 0 && inAt >= k) {
          let p = line.slice(k, inAt).trim();
          if (p.startsWith("[")) p = p.slice(p.indexOf("]") + 1).trim();
          if (p.endsWith(":")) p = p.slice(0, -1).trim();
          if (p.length > 0 && p.length <= 64) state = verdictOf(p);
        }
      }
      ctx.emit({ kind: "conn", ts, src, dst, dstPort: int(kv.DPT) ?? 0, srcPort: int(kv.SPT), proto, state,
        format: "firewall-syslog", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      return LineResult.Event;
    },
  };
}

/** Our CSV fields and the column names recognized when no column map is given (compared without case, spaces, `_`, `-`). */
export const CSV_FIELDS: Record<string, string[]> = {
  src: ["src", "srcip", "srcaddr", "source", "sourceip", "sourceaddress", "sourceaddr", "clientip"],
  dst: ["dst", "dstip", "dstaddr", "dest", "destip", "destination", "destinationip", "destinationaddress", "destaddr"],
  sport: ["sport", "srcport", "sourceport", "spt"],
  dport: ["dport", "dstport", "destport", "destinationport", "dpt", "port"],
  ts: ["ts", "time", "timestamp", "date", "datetime", "eventtime", "receivetime", "@timestamp"],
  proto: ["proto", "protocol", "ipprotocol", "transport"],
  action: ["action", "act", "disposition", "verdict"],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]/g, "");

/** "src=SourceIP,dst=DestIP,dport=DestPort,ts=Time,proto=Protocol" → { src: "SourceIP", … }. */
export function parseColumnMap(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    const field = eq > 0 ? part.slice(0, eq).trim() : "";
    const column = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (!Object.prototype.hasOwnProperty.call(CSV_FIELDS, field) || column === "") {
      throw new InvalidOptionError(`invalid --columns entry "${part.trim().slice(0, 80)}": expected FIELD=Column with FIELD one of ${Object.keys(CSV_FIELDS).join(", ")}`);
    }
    out[field] = column;
  }
  return out;
}

const MAX_CELLS = 256;

/**
 * The delimiter of a CSV header row: comma, or the semicolon that spreadsheet exports in decimal-comma
 * locales write (Excel "CSV (semicolon)" in de-DE, fr-FR…), or a tab — whichever splits it into the most cells.
 */
export function csvDelimiter(header: string): string {
  let best = ",", most = 0;
  for (const d of [",", ";", "\t"]) {
    const n = header.split(d, MAX_CELLS).length;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** One CSV record (RFC 4180 quoting, `sep` between cells) → cells. Linear, capped at 256 cells. */
export function splitCsv(line: string, sep = ","): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length && cells.length < MAX_CELLS; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell.trim() === "") {
      quoted = true; // blanks before the opening quote (`, "x"`, Umbrella's documented samples) are not part of the cell
      cell = "";
    }
    else if (c === sep) { cells.push(cell.trim()); cell = ""; }
    else cell += c;
  }
  if (cells.length < MAX_CELLS) cells.push(cell.trim());
  return cells;
}

export function firewallCsvParser(ctx: ParseContext): LineParser {
  let cols: Partial<Record<string, number>> | undefined;
  let sep = ",";
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      let text = buf.toString("utf8", start, Math.min(end, start + SYSLOG_MAX));
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (cols === undefined) sep = csvDelimiter(text);
      const cells = splitCsv(text, sep);
      if (cols === undefined) {
        const names = cells.map(norm);
        cols = {};
        for (const [field, aliases] of Object.entries(CSV_FIELDS)) {
          const wanted = ctx.columnMap?.[field];
          const at = wanted !== undefined ? names.indexOf(norm(wanted)) : names.findIndex((n) => aliases.includes(n));
          if (at >= 0) cols[field] = at;
        }
        return LineResult.Skipped;
      }
      const cell = (f: string) => {
        const i = cols?.[f];
        const v = i === undefined ? undefined : cells[i];
        return v === undefined || v === "" || v === "-" ? undefined : v;
      };
      const src = cell("src"), dst = cell("dst"), dport = int(cell("dport"));
      if (src === undefined || dst === undefined || dport === undefined) return LineResult.Malformed;
      const tsText = cell("ts");
      const ts = tsText === undefined ? 0 : parseAnyTime(tsText);
      if (Number.isNaN(ts)) return LineResult.Malformed;
      ctx.emit({ kind: "conn", ts, src, dst, dstPort: dport, srcPort: int(cell("sport")), proto: protoName(cell("proto") ?? "tcp"),
        state: cell("action"), format: "firewall-csv", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      return LineResult.Event;
    },
  };
}

/** Verdict words admins put in free-text iptables prefixes ("FW-EGRESS-ACCEPT", "drop_in: "). */
const VERDICT_WORDS = new Set(["accept", "accepted", "allow", "allowed", "pass", "permit", "drop", "dropped", "deny", "denied", "reject", "rejected", "block", "blocked"]);

/** The verdict word of a log prefix when it has one, else the prefix as written. */
export function verdictOf(prefix: string): string {
  for (const word of prefix.toLowerCase().split(/[^a-z]+/)) if (VERDICT_WORDS.has(word)) return word;
  return prefix;
}
