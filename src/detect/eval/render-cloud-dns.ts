/**
 * The internal resolver's questions as cloud resolvers and DNS security services log them (w15): Amazon
 * Route 53 Resolver query logs (NDJSON as delivered to S3), Google Cloud DNS LogEntry (a JSON array, as
 * `gcloud logging read --format=json` writes it), Cisco Umbrella's S3 CSV (no header, v3 width) and the
 * CoreDNS `log` plugin as the kubelet's CRI log file holds it. Each names the client that asked.
 */
import type { DnsQuery, World } from "./model.js";
import { clientQueries } from "./render-dns-servers.js";

const iso = (ms: number) => new Date(ms).toISOString();
/** Record types by number, for Umbrella's `"N (TYPE)"` cells (IANA DNS parameters). */
const TYPE_NUMBERS: Record<DnsQuery["qtype"], number> = { A: 1, NS: 2, PTR: 12, MX: 15, TXT: 16, AAAA: 28, AXFR: 252, ANY: 255 };

export function renderRoute53(w: World): string {
  return clientQueries(w).map((q, i) => `${JSON.stringify({
    version: "1.100000", account_id: "210987654321", region: "eu-central-1", vpc_id: "vpc-0eval000000000001", query_timestamp: iso(q.ts), query_name: `${q.qname}.`,
    query_type: q.qtype, query_class: "IN", rcode: q.rcode, answers: q.answers.map((a) => ({ Rdata: a, Type: q.qtype, Class: "IN" })),
    srcaddr: q.flow.src, srcport: String(q.flow.sport), transport: "UDP", srcids: { instance: `i-0eval${(i % 4096).toString(16).padStart(11, "0")}` },
  })}\n`).join("");
}

export function renderCloudDns(w: World): string {
  const entries = clientQueries(w).map((q, i) => ({
    insertId: `eval${i.toString(36)}`, jsonPayload: { authAnswer: false, destinationIP: "169.254.169.254", protocol: "UDP", queryName: `${q.qname}.`, queryType: q.qtype,
      rdata: q.answers.join(" "), responseCode: q.rcode, serverLatency: 3, sourceIP: q.flow.src, sourceNetwork: "eval-vpc", vmInstanceId: 8_000_000_000 + i,
      vmInstanceName: `${8_000_000_000 + i}.eval-vm`, vmProjectId: "eval-project", vmZoneName: "europe-west4-a" },
    logName: "projects/eval-project/logs/dns.googleapis.com%2Fdns_queries", receiveTimestamp: iso(q.ts + 1500),
    resource: { labels: { location: "europe-west4", project_id: "eval-project", source_type: "gce-vm", target_name: "", target_type: "external" }, type: "dns_query" },
    severity: "INFO", timestamp: iso(q.ts),
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

export function renderUmbrella(w: World): string {
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return clientQueries(w).map((q) => {
    const host = `WS-${q.flow.src.split(".").slice(2).join("-")}`;
    return `${[iso(q.ts).slice(0, 19).replace("T", " "), host, `${host},HQ Network`, q.flow.src, "198.51.100.1", "Allowed", `${TYPE_NUMBERS[q.qtype]} (${q.qtype})`,
      q.rcode, `${q.qname}.`, "Software/Technology", "Anyconnect Roaming Client", "Anyconnect Roaming Client,Networks"].map(cell).join(",")}\n`;
  }).join("");
}

export function renderCoreDns(w: World): string {
  return clientQueries(w).map((q, i) =>
    `${iso(q.ts).replace("Z", "123456Z")} stdout F [INFO] ${q.flow.src}:${q.flow.sport} - ${(i * 7919) % 65536} "${q.qtype} IN ${q.qname}. udp ${30 + q.qname.length} false 1232" ${q.rcode} qr,rd,ra ${80 + q.qname.length} 0.000${(200 + (i % 700)).toString()}s\n`).join("");
}
