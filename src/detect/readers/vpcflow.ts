/**
 * AWS VPC Flow Logs (AWS VPC User Guide, "Flow log records"): the version 2 default format
 * `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status`
 * `2 123456789010 eni-1235b8ca123456789 10.0.0.5 192.0.32.59 51000 43 6 10 840 1796549401 1796549460 ACCEPT OK`
 * and custom formats (versions 3–5 add fields such as vpc-id, pkt-srcaddr, tcp-flags, flow-direction, and
 * any subset in any order): their field names come from the header line an S3 export starts with, which
 * the default format's export has too. Without a header a line is read in the default order.
 * NODATA / SKIPDATA records (`-` fields) are skipped. Each record is one direction of a flow: the return
 * direction has the server as srcaddr, as in the AWS docs.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, protoName } from "./common.js";
import { textLines, tokens } from "./fields.js";

const LINE_MAX = 4096;
/** AWS's field list has 29 names (version 5); a longer header is not a flow log header. */
const MAX_FIELDS = 64;

/** The fields read, by their names in the AWS docs. */
const READ = ["srcaddr", "dstaddr", "srcport", "dstport", "protocol", "start", "action", "log-status"] as const;
type Read = (typeof READ)[number];
type Positions = Record<Read, number>;

const DEFAULT_ORDER = ["version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status"];

/** Positions of the read fields in a field list, or undefined when it lacks the addresses, the port or the time. */
function positionsOf(names: readonly string[]): Positions | undefined {
  const at = (name: string) => names.indexOf(name);
  const p = Object.fromEntries(READ.map((name) => [name, at(name)])) as Positions;
  return p.srcaddr < 0 || p.dstaddr < 0 || p.dstport < 0 || p.start < 0 ? undefined : p;
}

const DEFAULT_POSITIONS = positionsOf(DEFAULT_ORDER) as Positions;

/** A header line: `version` (or any field list) naming srcaddr and dstaddr. */
export function isVpcFlowHeader(line: string): boolean {
  return line.includes("srcaddr") && line.includes("dstaddr") && /^[a-z0-9-]+(?: [a-z0-9-]+)+$/.test(line.length > 1024 ? "" : line.trim());
}

export function vpcFlowParser(ctx: ParseContext): LineParser {
  let positions = DEFAULT_POSITIONS;
  let width = DEFAULT_ORDER.length;
  let custom = false;
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const f = tokens(line, MAX_FIELDS + 1);
    if (isVpcFlowHeader(line)) {
      const p = positionsOf(f);
      if (p === undefined || f.length > MAX_FIELDS) return LineResult.Malformed;
      positions = p;
      width = f.length;
      custom = true;
      return LineResult.Skipped;
    }
    if (f.length !== width || (!custom && f[0] !== "2")) return LineResult.Malformed;
    const get = (name: Read) => (positions[name] < 0 ? undefined : f[positions[name]]);
    const status = get("log-status");
    if (status === "NODATA" || status === "SKIPDATA") return LineResult.Skipped;
    const first = int(get("start")); // the aggregation interval's first packet
    const src = get("srcaddr") ?? "-", dst = get("dstaddr") ?? "-";
    const dport = int(get("dstport"));
    if (first === undefined || src === "-" || dst === "-" || dport === undefined) return LineResult.Malformed;
    ctx.emit({ kind: "conn", ts: first * 1000, src, dst, dstPort: dport, srcPort: int(get("srcport")), proto: protoName(get("protocol")),
      state: get("action")?.toLowerCase(), format: "aws-vpc-flow", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
