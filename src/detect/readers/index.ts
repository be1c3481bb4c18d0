/**
 * Readers (issue #5): log files and packet captures → DetectEvents, streamed in bounded memory.
 * `readLog` sniffs the format (gzip is recognized by its magic bytes and decompressed as a stream),
 * hands each line (or packet) to the format's parser and reports counters in ReadStats.
 * Malformed lines are counted, never fatal; a truncated gzip or pcap sets ReadStats.error.
 */
import { PcapReader } from "../pcap/reader.js";
import { open } from "node:fs/promises";
import { EvtxReader } from "./evtx/reader.js";
import { isEvtx } from "./sniff-winxml.js";
import type { DetectEvent, LogFormat, ReadStats } from "../types.js";
import { type LineParserFactory, type ParseContext, SinkFailure } from "./common.js";
import { asaParser } from "./asa.js";
import { auditdParser } from "./auditd.js";
import { bindQueryParser } from "./bind.js";
import { dnsmasqParser } from "./dnsmasq.js";
import { eveParser } from "./eve.js";
import { firewallCsvParser, firewallSyslogParser } from "./firewall.js";
import { fortigateParser } from "./fortigate.js";
import { LineSplitter } from "./lines.js";
import { panosParser } from "./panos.js";
import { pfsenseParser } from "./pfsense.js";
import { serveQueriesParser } from "./serve-queries.js";
import { openInput, prepend, pumpChunks, takeHead, type ChunkConsumer } from "./input.js";
import { sniffFormat, zeekPath } from "./sniff.js";
import { squidParser } from "./squid.js";
import { unboundParser } from "./unbound.js";
import { vpcFlowParser } from "./vpcflow.js";
import { cefParser } from "./cef.js";
import { leefParser } from "./leef.js";
import { windowsFirewallParser } from "./windows-firewall.js";
import { windowsDnsParser } from "./windows-dns.js";
import { ecsParser } from "./ecs.js";
import { defenderParser } from "./defender.js";
import { ocsfParser } from "./ocsf.js";
import { JsonDocSplitter, isJsonDocument } from "./json-doc.js";
import { messageLines } from "./json-records.js";
import { localClock } from "./zone.js";
import { zeekJsonParser, zeekTsvParser } from "./zeek.js";
import { gcpDnsParser, route53Parser } from "./cloud-dns.js";
import { umbrellaParser } from "./umbrella.js";
import { coreDnsParser } from "./coredns.js";
import { ZEEK_OTHER_LOGS, zeekLogName } from "./zeek-kinds.js";
import { winXmlParser } from "./winxml.js";
import { XmlEventSplitter } from "./xml-events.js";
import { utf16Bom, utf16ToUtf8 } from "./utf16.js";

export { sniffFormat } from "./sniff.js";
export { parseColumnMap, CSV_FIELDS } from "./firewall.js";
export { localClock } from "./zone.js";

export interface ReadOptions {
  /** Skip sniffing and read the input as this format. */
  format?: LogFormat;
  /** Firewall CSV: our field (src, dst, sport, dport, ts, proto, action) -> CSV column name. */
  columnMap?: Record<string, string>;
  /** Keep reading appended data (like `tail -f`) until `signal` aborts. Plain files and stdin only, not gzip. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Longest line accepted; longer lines are counted as malformed (default 256 KiB). */
  maxLineBytes?: number;
  /** The zone of logs written in local time without an offset (readers/zone.ts: `Europe/Paris`, `+01:00`); default UTC. */
  tz?: string;
  /** What "-" reads (the CLI passes its io.stdin, so tests feed it in process); process.stdin when absent. */
  stdin?: AsyncIterable<unknown>;
  /** An input of no format detect reads: an error (the default, for a file the user named) or a notice (a file found in a folder). */
  unknownFormat?: "error" | "notice";
}

const DEFAULTS = { maxLineBytes: 256 * 1024, sniffBytes: 4096 };

const ZEEK_FORMATS = new Set<LogFormat>(["zeek-conn", "zeek-dns", "zeek-http", "zeek-ssl", "zeek-whois"]);

/** Formats whose records are JSON objects; any other format met in JSON is a text log carried in `message` fields. */
const JSON_FORMATS = new Set<LogFormat>(["suricata-eve", "sysmon", "windows-event", "serve-queries", "ecs", "defender-xdr", "ocsf",
  "route53-resolver", "gcp-cloud-dns"]);

/** The first byte that is not white space or a BOM. */
function firstByte(head: Buffer): number | undefined {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i++;
  return head[i];
}

/** The line parser for a format; Zeek logs pick TSV or JSON from their first byte. */
function parserFor(format: LogFormat, head: Buffer): LineParserFactory | undefined {
  const first = firstByte(head);
  const json = first === 0x7b || isJsonDocument(head);
  if (ZEEK_FORMATS.has(format)) return json ? zeekJsonParser : zeekTsvParser;
  const factory = textParserFor(format, head);
  // A text format found in JSON records: CloudWatch Logs exports carry each line in `message`.
  if (factory !== undefined && json && !JSON_FORMATS.has(format)) return (ctx, f) => messageLines(factory(ctx, f));
  return factory;
}

function textParserFor(format: LogFormat, head: Buffer): LineParserFactory | undefined {
  const table: Partial<Record<LogFormat, LineParserFactory>> = {
    "suricata-eve": eveParser,
    sysmon: ecsParser, // Sysmon, Security 4688 and PowerShell 4104 may share one export, with Elastic Agent's ECS documents
    "firewall-syslog": firewallSyslogParser,
    "firewall-csv": firewallCsvParser,
    squid: squidParser,
    // issue #13: DNS servers, firewalls and flow logs, endpoints
    "bind-query": bindQueryParser,
    "windows-dns": windowsDnsParser,
    dnsmasq: dnsmasqParser,
    unbound: unboundParser,
    "panos-traffic": panosParser,
    "fortigate-traffic": fortigateParser,
    "cisco-asa": asaParser,
    "pfsense-filterlog": pfsenseParser,
    "aws-vpc-flow": vpcFlowParser,
    "windows-firewall": windowsFirewallParser,
    cef: cefParser,
    leef: leefParser,
    "windows-event": ecsParser,
    // w12: SIEM/EDR schemas
    ecs: ecsParser,
    "defender-xdr": (ctx) => defenderParser(ctx, head),
    ocsf: ocsfParser,
    auditd: auditdParser,
    "serve-queries": serveQueriesParser, // issue #15: the query log of `whoislens serve`
    // w15: cloud resolvers and DNS security services
    "route53-resolver": route53Parser,
    "gcp-cloud-dns": gcpDnsParser,
    "umbrella-dns": umbrellaParser,
    coredns: coreDnsParser,
    "windows-xml": winXmlParser, // w15: Windows event XML, split by <Event> records (xml-events.ts)
  };
  return table[format];
}

/** A Zeek log of a kind detect does not read (its #path / _path, or its file name): the notice to show. */
function otherZeekLog(head: Buffer, path: string): string | undefined {
  const declared = zeekPath(head);
  const name = declared ?? zeekLogName(path);
  const note = Object.hasOwn(ZEEK_OTHER_LOGS, name) ? ZEEK_OTHER_LOGS[name] : undefined;
  if (declared === undefined && note === undefined) return undefined;
  return `Zeek ${name} log${note !== undefined ? ` (${note})` : ""}: not a kind detect reads, skipped`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads one input ("-" = stdin) and calls `sink` for every event. Resolves with the counters; rejects
 * only when the input cannot be opened (InvalidOptionError, WL_ERR_INVALID_OPTION) or when `sink` throws.
 */
export async function readLog(path: string, sink: (event: DetectEvent) => void, options: ReadOptions = {}): Promise<ReadStats> {
  const stats: ReadStats = { file: path, format: options.format ?? "unknown", lines: 0, events: 0, skipped: 0, malformed: 0 };
  let follow = options.follow === true;
  if (follow && path !== "-" && (options.format === "windows-evtx" || (options.format === undefined && await startsAsEvtx(path)))) {
    // Windows rewrites an .evtx in place (records fill the open chunk, the header is updated): nothing is appended
    // that a tail could read, so the file is read once, as it is now, and the user is told.
    follow = false;
    stats.notice = EVTX_NOT_FOLLOWED;
  }
  const input = await openInput(path, { follow, ...(options.signal ? { signal: options.signal } : {}), ...(options.stdin ? { stdin: options.stdin } : {}) });
  try {
    return await readChunks(input.chunks, path, sink, stats, { ...options, follow }, input.gzip);
  } finally {
    await input.close(); // also after an early return or a sink error
  }
}

export const EVTX_NOT_FOLLOWED = "a binary .evtx is read once, not followed (Windows rewrites it in place): run detect again for newer events, or follow a live export (wevtutil qe /f:xml, Winlogbeat)";

/** Whether the file at `path` begins with the EVTX file signature (false when it cannot be read: openInput says why). */
async function startsAsEvtx(path: string): Promise<boolean> {
  try {
    const fh = await open(path, "r");
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await fh.read(head, 0, 8, 0);
      return isEvtx(head.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/** Sniffs the (decompressed) chunks and feeds them to the format's consumer. */
async function readChunks(
  chunks: AsyncIterable<Buffer>, path: string, sink: (event: DetectEvent) => void, stats: ReadStats, options: ReadOptions, gzip: boolean,
): Promise<ReadStats> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULTS.maxLineBytes;
  const follow = options.follow === true;
  let it: AsyncIterator<Buffer> = chunks[Symbol.asyncIterator]();
  let head: Buffer;
  let done: boolean;
  try {
    ({ head, done } = await takeHead(it, DEFAULTS.sniffBytes, Math.max(DEFAULTS.sniffBytes, maxLineBytes), follow));
    const wide = utf16Bom(head); // Windows PowerShell 5.1's `>`: UTF-16 (utf16.ts)
    if (wide !== undefined) {
      it = utf16ToUtf8(prepend(head, it, done), wide);
      ({ head, done } = await takeHead(it, DEFAULTS.sniffBytes, Math.max(DEFAULTS.sniffBytes, maxLineBytes), follow));
    }
  } catch (err) {
    stats.error = `${gzip ? "corrupt or truncated gzip input" : "read error"}: ${errorText(err)}`;
    return stats;
  }
  const format = options.format ?? (() => {
    const sniffed = sniffFormat(head);
    return sniffed === "unknown" && options.columnMap !== undefined ? "firewall-csv" : sniffed;
  })();
  stats.format = format;
  if (format === "unknown") {
    const other = otherZeekLog(head, path);
    if (other !== undefined) stats.notice = other;
    else if (head.length > 0 && options.unknownFormat === "notice") stats.notice = "no log format detect reads: skipped (name the file to see the error, or force one with --log-format)";
    else if (head.length > 0) stats.error = `unrecognized log format in ${path} (use an explicit format)`;
    return stats;
  }

  const ctx: ParseContext = {
    file: path,
    stats,
    columnMap: options.columnMap,
    local: localClock(options.tz),
    emit: (event) => {
      stats.events++;
      try {
        sink(event);
      } catch (cause) {
        throw new SinkFailure(cause);
      }
    },
  };
  let consumer: ChunkConsumer;
  if (format === "pcap") {
    consumer = new PcapReader(ctx);
  } else if (format === "windows-evtx") {
    consumer = new EvtxReader(ctx);
  } else {
    const factory = parserFor(format, head);
    if (factory === undefined) {
      stats.error = `no reader for format ${format}`;
      return stats;
    }
    const parser = factory(ctx, format);
    // A JSON array, an API answer wrapping the records, pretty-printed objects: split by the JSON structure.
    consumer = format === "windows-xml" ? new XmlEventSplitter(parser, stats, maxLineBytes)
      : isJsonDocument(head) ? new JsonDocSplitter(parser, stats, maxLineBytes) : new LineSplitter(parser, stats, maxLineBytes);
  }
  await pumpChunks(prepend(head, it, done), consumer, {
    follow,
    ...(options.signal ? { signal: options.signal } : {}),
    onBreak: (err) => {
      stats.error = gzip ? `truncated or corrupt gzip input after ${stats.lines} ${format === "pcap" ? "packets" : "lines"}: ${errorText(err)}` : errorText(err);
    },
  });
  return stats;
}
