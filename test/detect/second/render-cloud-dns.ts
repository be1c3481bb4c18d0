/**
 * Second world, cloud resolvers and DNS security services (w15), in layouts the first world
 * (src/detect/eval/render-cloud-dns.ts) does not use: host A resolves the WHOIS and RDAP servers it
 * queries, host C ordinary names (a registrar's storefront among them).
 */
import { gzipSync } from "node:zlib";
import { HOST } from "./scenario.js";
import { questions } from "./render-dns.js";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Route 53 Resolver query logs sent to CloudWatch Logs, read back with `aws logs filter-log-events`
 * (AWS CLI reference: `{"events":[{logStreamName, timestamp, message, ingestionTime, eventId}], "searchedLogStreams":[]}`),
 * each message the record as text (Route 53 Developer Guide, "Values that appear in VPC Resolver query logs").
 */
export function route53CloudWatch(): string {
  const events = questions().map((q, i) => ({
    logStreamName: "vpc-0f00d2a3b4c5d6e7f_i-0a1b2c3d4e5f60718", timestamp: q.ts, eventId: `3785${i}`, ingestionTime: q.ts + 2100,
    message: JSON.stringify({ version: "1.100000", account_id: "111122223333", region: "us-east-2", vpc_id: "vpc-0f00d2a3b4c5d6e7f", query_timestamp: `${iso(q.ts).slice(0, 19)}Z`,
      query_name: `${q.name}.`, query_type: q.type, query_class: "IN", rcode: "NOERROR", answers: [{ Rdata: "192.0.2.10", Type: q.type, Class: "IN" }],
      srcaddr: q.src, srcport: String(50_000 + i), transport: "UDP", srcids: { instance: q.src === HOST.A ? "i-0a1b2c3d4e5f60718" : "i-0c0c0c0c0c0c0c0c0" } }),
  }));
  return `${JSON.stringify({ events, searchedLogStreams: [{ logStreamName: "vpc-0f00d2a3b4c5d6e7f_i-0a1b2c3d4e5f60718", searchedCompletely: true }] }, null, 4)}\n`;
}

/** Cloud DNS LogEntry as a Logging sink writes it to Cloud Storage: one compact entry per line, a nanosecond `timestamp` (cloud.google.com, LogEntry). */
export function cloudDnsSink(): string {
  return questions().map((q, i) => `${JSON.stringify({
    insertId: `1k9x${i}`, jsonPayload: { queryName: `${q.name}.`, queryType: q.type, responseCode: "NOERROR", sourceIP: q.src, vmInstanceIdString: `71234${i}`, authAnswer: false, protocol: "UDP",
      serverLatency: 1, sourceNetwork: "prod-vpc", vmProjectId: "corp-prod", vmZoneName: "us-central1-a", "@type": "type.googleapis.com/google.cloud.dns.logging.v1.LogEntry" },
    resource: { type: "dns_query", labels: { project_id: "corp-prod", location: "us-central1", target_type: "external", source_type: "gce-vm", target_name: "" } },
    timestamp: iso(q.ts).replace("Z", "456789Z"), severity: "INFO", logName: "projects/corp-prod/logs/dns.googleapis.com%2Fdns_queries", receiveTimestamp: iso(q.ts + 8000),
  })}\n`).join("");
}

/**
 * Umbrella DNS logs from its S3 bucket (dnslogs/<date>/<date-hour-minute>-xxxx.csv.gz), the 13-cell layout of the
 * "DNS Log Formats" sample with its blanks after some commas; both hosts behind one external (NAT) address.
 */
export function umbrellaGz(): Buffer {
  const rows = questions().map((q) => {
    const who = q.src === HOST.A ? HOST.nameA : HOST.nameC;
    const t = iso(q.ts).slice(0, 19).replace("T", " ");
    return `"${t}","${who}", "${who},Corp HQ,corp.example", "${q.src}","203.0.113.77","Allowed","${q.type === "A" ? 1 : 28} (${q.type})", "NOERROR","${q.name}.", "Business Services","Anyconnect Roaming Client","Anyconnect Roaming Client,Sites,Networks",""`;
  });
  return gzipSync(`${rows.join("\r\n")}\r\n`);
}

/** CoreDNS through journald and rsyslog (RFC 3164 header), the `{combined}` format with its opcode (coredns.io/plugins/log). */
export function coreDnsSyslog(): string {
  const bsd = (ms: number) => { const d = new Date(ms); return `Dec  ${d.getUTCDate()} ${iso(ms).slice(11, 19)}`; };
  return questions().map((q, i) => `${bsd(q.ts)} k8s-node-3 coredns[1187]: [INFO] ${q.src}:${33_000 + i} - ${1000 + i} "${q.type} IN ${q.name}. udp 56 false 1232" NOERROR qr,rd,ra 120 0.00${i % 9 + 1}0s "QUERY"\n`).join("");
}
