/**
 * Linux audit logs (auditd, /var/log/audit/audit.log; also behind a syslog/audisp header): a process
 * start is a SYSCALL record (execve: exe, pid, auid/uid, comm) and an EXECVE record (argc, a0, a1…) of
 * the same event, told by the id in `msg=audit(EPOCH.MS:SERIAL)` (Red Hat Security Guide, "Understanding
 * Audit Log Files"; auditd's "audit.rules"/ausearch docs). Arguments are "quoted" or hex-encoded when they
 * hold spaces, quotes or control characters; long ones come as `a1_len=N a1[0]=… a1[1]=…`.
 * The records of one event are joined in a bounded table and emitted at its EOE record (or when the
 * table is full, or at the end of the input): one process event per execve, image = exe (else a0),
 * command line = the arguments joined with spaces, src = `node=` when the log has it, else the host of a syslog
 * header the records were forwarded under (audisp-syslog), else "localhost". `ausearch -i` output (interpreted:
 * `msg=audit(12/06/2026 14:00:00.123:9000) : …`, values decoded, `----` between events) is read too.
 */
import { type Evidence, keepEvidence } from "../types.js";
import { type LineParser, LineResult, type ParseContext, cleanText, int, lineEvidence, parseEpochSecondsMs } from "./common.js";
import { parseKv, syslogHost, textLines } from "./fields.js";

const LINE_MAX = 64 * 1024;
/** Events being joined at once; the oldest is emitted when more arrive (records of one event are adjacent in practice). */
const PENDING_MAX = 256;
/** Arguments kept per execve and the command line's length. */
const ARGS_MAX = 256;
const CMD_MAX = 8192;

interface Pending {
  ts: number;
  node?: string;
  exe?: string;
  pid?: number;
  user?: string;
  args: string[];
  execve: boolean;
  evidence?: Evidence;
}

/** An auditd value: "quoted" text as is, `(null)`, or hex-encoded bytes decoded as UTF-8. */
export function auditValue(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return raw.slice(1, -1);
  if (raw.length % 2 === 0 && raw.length > 0 && /^[0-9A-Fa-f]+$/.test(raw)) return Buffer.from(raw, "hex").toString("utf8");
  return raw;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** `a3` → argument 3; `a3[1]` → a piece of argument 3 (after `a3_len`); undefined for argc, a3_len and others. */
function argIndex(key: string): { index: number; piece: boolean } | undefined {
  if (key.length < 2 || key.length > 12 || key[0] !== "a") return undefined;
  let i = 1;
  while (i < key.length && key.charCodeAt(i) >= 48 && key.charCodeAt(i) <= 57) i++;
  if (i === 1) return undefined;
  const index = Number(key.slice(1, i));
  if (index >= ARGS_MAX) return undefined;
  if (i === key.length) return { index, piece: false };
  return key[i] === "[" && key.endsWith("]") ? { index, piece: true } : undefined;
}

/**
 * `ausearch -i`'s time (`%x %T` in the C or en_US locale: `12/06/26 14:00:00.123` or `12/06/2026 …`,
 * month first) → wall-clock ms: the reading machine's local time, which the text does not state (`--tz`, else UTC).
 */
function interpretedTime(s: string): number {
  const m = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(s);
  if (m === null) return Number.NaN;
  const y = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
  return Date.UTC(y, Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? "0").padEnd(3, "0")));
}

/**
 * `audit(1796549401.123:4567)` (raw) or `audit(12/06/2026 14:00:00.123:4567) :` (`ausearch -i`, interpreted:
 * values already decoded, never hex) → time, serial and which of the two.
 */
function auditId(line: string, local: (wallMs: number) => number): { ts: number; serial: string; interpreted: boolean } | undefined {
  const at = line.indexOf("msg=audit(");
  if (at < 0) return undefined;
  const close = line.indexOf(")", at);
  const inner = close < 0 || close - at > 48 ? "" : line.slice(at + 10, close);
  const colon = inner.lastIndexOf(":");
  if (colon < 0) return undefined;
  const interpreted = line.startsWith(" : ", close + 1);
  const ts = interpreted ? local(interpretedTime(inner.slice(0, colon))) : parseEpochSecondsMs(inner.slice(0, colon));
  const serial = inner.slice(colon + 1);
  return Number.isNaN(ts) || !/^\d{1,20}$/.test(serial) ? undefined : { ts, serial, interpreted };
}

/** The key/values after `msg=audit(…):` (or `… :`), the raw (undecoded) text kept for the argument fields. */
function recordFields(line: string): Map<string, string> {
  const at = line.indexOf(")", line.indexOf("msg=audit("));
  const from = line.startsWith(" : ", at + 1) ? at + 3 : at + 2;
  // ENRICHED format appends translated fields after a 0x1d separator: they are read too (first wins).
  return parseKv(line.replace(/\x1d/g, " "), from, 4 + ARGS_MAX * 2);
}

export function auditdParser(ctx: ParseContext): LineParser {
  const pending = new Map<string, Pending>(); // insertion order: the oldest event first

  const flush = (key: string): void => {
    const p = pending.get(key);
    pending.delete(key);
    if (p === undefined || !p.execve || p.evidence === undefined) return;
    const raw = p.exe ?? p.args[0];
    const image = raw === undefined ? "" : cleanText(raw, 1024); // exe and a0 may be hex-decoded bytes
    if (image === "") return;
    const commandLine = cleanText(p.args.join(" "), CMD_MAX);
    const src = p.node ?? "localhost";
    ctx.emit({ kind: "process", ts: p.ts, src, format: "auditd", evidence: p.evidence,
      process: { image, commandLine, pid: p.pid, user: p.user, host: src } });
  };

  const flushAll = (): void => {
    for (const key of [...pending.keys()]) flush(key);
  };
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const typeAt = line.indexOf("type=");
    if (typeAt < 0) return LineResult.Skipped;
    const typeEnd = line.indexOf(" ", typeAt);
    const type = line.slice(typeAt + 5, typeEnd < 0 ? undefined : typeEnd);
    if (type !== "SYSCALL" && type !== "EXECVE" && type !== "EOE") return LineResult.Skipped; // CWD, PATH, PROCTITLE, logins…
    const id = auditId(line, ctx.local ?? ((ms) => ms));
    if (id === undefined) return LineResult.Malformed;
    const nodeAt = line.lastIndexOf("node=", typeAt);
    // No node=: records forwarded through syslog (audisp-syslog, auditd's syslog plugin) carry the host in its header.
    const node = nodeAt >= 0 ? line.slice(nodeAt + 5, line.indexOf(" ", nodeAt)).slice(0, 255) : typeAt > 0 ? syslogHost(line.slice(0, typeAt)) : undefined;
    const key = `${node ?? ""}:${id.serial}`;
    if (type === "EOE") {
      flush(key);
      return LineResult.Skipped;
    }
    let p = pending.get(key);
    if (p === undefined) {
      if (pending.size >= PENDING_MAX) {
        // The table is full: the oldest event is complete as far as this log goes.
        const oldest = pending.keys().next();
        if (oldest.done !== true) flush(oldest.value);
      }
      p = { ts: id.ts, node: node === "" ? undefined : node, args: [], execve: false };
      pending.set(key, p);
    }
    const f = recordFields(line);
    const decode = id.interpreted ? unquote : auditValue;
    if (type === "SYSCALL") {
      const exe = f.get("exe");
      if (exe !== undefined && exe !== "(null)") p.exe = decode(exe);
      p.pid = int(f.get("pid"));
      // The login user: ENRICHED logs name it (AUID="alice"), raw logs give its number (auid=1000).
      const uid = f.get("AUID") ?? f.get("UID") ?? f.get("auid") ?? f.get("uid");
      p.user = uid === undefined || uid === "4294967295" || uid === "unset" ? undefined : unquote(uid);
      return LineResult.Skipped;
    }
    // EXECVE: argc and aN (or aN_len plus aN[i] pieces, possibly over several records).
    p.execve = true;
    // Held until the event's last record arrives (up to 256 events): a plain copy, not the read chunk.
    p.evidence ??= keepEvidence(lineEvidence(ctx.file, lineNo, buf, start, end));
    for (const [key, value] of f) {
      const n = argIndex(key);
      if (n === undefined) continue;
      p.args[n.index] = n.piece ? (p.args[n.index] ?? "") + decode(value) : decode(value);
    }
    for (let i = 0; i < p.args.length; i++) p.args[i] ??= "";
    return LineResult.Event;
  }, flushAll);
}
