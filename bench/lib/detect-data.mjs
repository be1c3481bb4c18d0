// Inputs for bench:detect, written as streams: a Zeek conn.log (TSV), a Suricata EVE file with mixed
// event types, and a pcap through the project's pcap writer. Deterministic (seeded), realistic mixes:
// mostly web and DNS, a little port-43 WHOIS and RDAP from a few hosts, scans and NXDOMAIN noise.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeLines(path, count, line, header = [], footer = []) {
  const out = createWriteStream(path);
  const batch = [];
  for (const h of header) batch.push(h);
  for (let i = 0; i < count; i += 1) {
    batch.push(line(i));
    if (batch.length >= 5000) {
      if (!out.write(`${batch.join("\n")}\n`)) await once(out, "drain");
      batch.length = 0;
    }
  }
  batch.push(...footer);
  out.end(batch.length ? `${batch.join("\n")}\n` : "");
  await once(out, "finish");
}

const START = Date.UTC(2026, 2, 2, 8) / 1000;
const SITES = ["www.google.com", "github.com", "login.microsoftonline.com", "slack.com", "en.wikipedia.org", "zoom.us", "registry.npmjs.org"];
const RDAP = ["rdap.verisign.com", "rdap.arin.net", "rdap.db.ripe.net", "rdap.org"];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}
const internal = (r) => `10.0.${1 + Math.floor(r() * 60)}.${2 + Math.floor(r() * 248)}`;
const external = (r) => `${pick(r, ["192.0.2", "198.51.100", "203.0.113"])}.${1 + Math.floor(r() * 254)}`;
const uid = (i) => `C${(i * 2654435761 >>> 0).toString(36).padStart(8, "x")}Bench${(i % 9973).toString(36)}`;

export async function zeekConn(path, lines) {
  const r = rng(1);
  const header = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn", "#open\t2026-03-02-08-00-00",
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents",
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]"];
  await writeLines(path, lines, (i) => {
    const x = r();
    const ts = (START + i * 0.01).toFixed(6);
    const src = x < 0.002 ? `10.0.99.${1 + (i % 3)}` : internal(r);
    const [port, proto, svc, state] = x < 0.002 ? [43, "tcp", "-", "SF"] : x < 0.35 ? [53, "udp", "dns", "SF"] : x < 0.9 ? [443, "tcp", "ssl", "SF"] : x < 0.95 ? [80, "tcp", "http", "SF"] : [Math.floor(r() * 65535), "tcp", "-", "S0"];
    const ob = Math.floor(r() * 900), rb = Math.floor(r() * 20000);
    return `${ts}\t${uid(i)}\t${src}\t${32768 + (i % 28000)}\t${port === 53 ? "10.0.0.53" : external(r)}\t${port}\t${proto}\t${svc}\t${state === "S0" ? "-" : (r() * 3).toFixed(6)}\t${ob}\t${rb}\t${state}\tT\tF\t0\t${state === "S0" ? "S" : proto === "udp" ? "Dd" : "ShADadFf"}\t${3 + (ob >> 10)}\t${ob + 160}\t${3 + (rb >> 10)}\t${rb + 160}\t-`;
  }, header, ["#close\t2026-03-03-08-00-00"]);
}

export async function eve(path, events) {
  const r = rng(2);
  await writeLines(path, events, (i) => {
    const ts = new Date((START + i * 0.02) * 1000).toISOString().replace("Z", "000+0000");
    const x = r();
    const src = internal(r);
    const base = `"timestamp":"${ts}","flow_id":${1_000_000_000_000 + i},"in_iface":"ens192","src_ip":"${src}","src_port":${32768 + (i % 28000)}`;
    if (x < 0.4) {
      const port = r() < 0.003 ? 43 : pick(r, [443, 443, 443, 80, 53]);
      return `{${base},"dest_ip":"${external(r)}","dest_port":${port},"proto":"TCP","event_type":"flow","app_proto":"tls","flow":{"pkts_toserver":${3 + (i % 9)},"pkts_toclient":${4 + (i % 13)},"bytes_toserver":${200 + (i % 900)},"bytes_toclient":${900 + (i % 20000)},"start":"${ts}","end":"${ts}","age":1,"state":"closed","reason":"timeout","alerted":false},"tcp":{"tcp_flags":"1b","syn":true,"ack":true,"state":"closed"}}`;
    }
    if (x < 0.75) {
      const q = r() < 0.01 ? pick(r, RDAP) : r() < 0.05 ? `${Math.floor(r() * 1e9).toString(36)}.example.com` : pick(r, SITES);
      const type = r() < 0.5 ? `"type":"query","id":${i % 65536},"rrname":"${q}","rrtype":"A","tx_id":0,"opcode":0` : `"version":2,"type":"answer","id":${i % 65536},"flags":"8180","qr":true,"rd":true,"ra":true,"opcode":0,"rrname":"${q}","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"${q}","rrtype":"A","ttl":300,"rdata":"${external(r)}"}]`;
      return `{${base},"dest_ip":"10.0.0.53","dest_port":53,"proto":"UDP","event_type":"dns","dns":{${type}}}`;
    }
    if (x < 0.9) return `{${base},"dest_ip":"${external(r)}","dest_port":443,"proto":"TCP","event_type":"tls","tls":{"sni":"${r() < 0.01 ? pick(r, RDAP) : pick(r, SITES)}","version":"TLS 1.3","ja3":{},"ja3s":{}}}`;
    if (x < 0.98) {
      const rd = r() < 0.02;
      return `{${base},"dest_ip":"${external(r)}","dest_port":80,"proto":"TCP","event_type":"http","tx_id":0,"http":{"hostname":"${rd ? "rdap.arin.net" : "ocsp.digicert.com"}","url":"${rd ? `/registry/ip/${external(r)}` : "/"}","http_user_agent":"Microsoft-CryptoAPI/10.0","http_content_type":"application/ocsp-response","http_method":"GET","protocol":"HTTP/1.1","status":200,"length":1400}}`;
    }
    return `{"timestamp":"${ts}","event_type":"stats","stats":{"uptime":${i}}}`;
  });
}

/** A pcap of at least `minPackets` packets: DNS pairs, TLS sessions with SNI, port-43 sessions. */
export async function pcap(path, minPackets, writer) {
  const r = rng(3);
  const packets = [];
  let t = START * 1000;
  for (let i = 0; packets.length < minPackets; i += 1) {
    t += 12; // sessions do not overlap in time (about 10 packets, 1 ms apart)
    const src = internal(r), sport = 32768 + (i % 28000);
    const x = r();
    if (x < 0.5) packets.push(...writer.udpDns({ src, dst: "10.0.0.53", srcPort: sport, query: r() < 0.02 ? pick(r, RDAP) : pick(r, SITES), ts: t, rcode: "NOERROR", id: i % 65536 }));
    else if (x < 0.98) packets.push(...writer.tcpSession({ src, dst: external(r), srcPort: sport, dstPort: 443, ts: t, clientPayload: writer.clientHello(pick(r, SITES)), serverPayload: Buffer.alloc(900, 0x16) }));
    else packets.push(...writer.tcpSession({ src: "10.0.99.7", dst: external(r), srcPort: sport, dstPort: 43, ts: t, clientPayload: `domain example${i}.com\r\n`, serverPayload: `Domain Name: EXAMPLE${i}.COM\r\n` }));
  }
  const out = createWriteStream(path);
  out.end(writer.writePcap(packets, { format: "pcap" }));
  await once(out, "finish");
  return packets.length;
}

/** Issue #19: `count` SYNs to 43/tcp from 65,536 internal hosts to 250 external servers, 2,500 a second, none answered. */
export async function synFlood(path, count, writer) {
  const packets = [];
  for (let i = 0; i < count; i += 1) {
    packets.push(writer.tcpPacket({ src: `10.1.${(i >> 8) & 255}.${i & 255}`, dst: `203.0.113.${(i % 250) + 1}`, srcPort: 1024 + (i % 60000), dstPort: 43,
      seq: i, ack: 0, flags: writer.FLAGS.SYN, ts: START * 1000 + Math.floor(i / 2.5) }));
  }
  const out = createWriteStream(path);
  out.end(writer.writePcap(packets, { format: "pcap" }));
  await once(out, "finish");
  return count;
}
