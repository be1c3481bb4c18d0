/**
 * AWS VPC Flow Logs, version 2 default format (AWS VPC User Guide, "Flow log records"):
 * `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status`
 * `2 123456789010 eni-1235b8ca123456789 10.0.0.5 192.0.32.59 51000 43 6 10 840 1796549401 1796549460 ACCEPT OK`
 * NODATA / SKIPDATA records (`-` fields) and the header line of S3 exports are skipped. Each record is one
 * direction of a flow: the return direction has the server as srcaddr, as in the AWS docs.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, protoName } from "./common.js";
import { textLines, tokens } from "./fields.js";

const LINE_MAX = 2048;

export function vpcFlowParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const f = tokens(line, 15);
    if (f[0] === "version") return LineResult.Skipped; // header
    if (f.length !== 14 || f[0] !== "2") return LineResult.Malformed;
    const status = f[13];
    if (status === "NODATA" || status === "SKIPDATA") return LineResult.Skipped;
    const first = int(f[10]); // the aggregation interval's first packet
    const src = f[3] ?? "", dst = f[4] ?? "";
    const dport = int(f[6]);
    if (first === undefined || src === "-" || dst === "-" || dport === undefined) return LineResult.Malformed;
    ctx.emit({ kind: "conn", ts: first * 1000, src, dst, dstPort: dport, srcPort: int(f[5]), proto: protoName(f[7]), state: f[12]?.toLowerCase(),
      format: "aws-vpc-flow", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
