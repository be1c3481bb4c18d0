import { type Packet, clientHello, httpRequest, mergePackets, tcpSession, udpDns } from "../../../src/detect/pcap/write.js";

export const T0 = 1700000000000;

/** A small scene: split + reordered WHOIS query, IPv6 WHOIS, TLS, HTTP, DNS with an NXDOMAIN answer. */
export function scene(): Packet[] {
  return mergePackets(
    tcpSession({ src: "10.0.0.5", dst: "198.51.100.43", srcPort: 51000, dstPort: 43, clientPayload: ["exam", "ple.", "com\r\n"],
      serverPayload: "Domain Name: EXAMPLE.COM\r\n", ts: T0, reorder: true, duplicate: true }),
    tcpSession({ src: "2001:db8::5", dst: "2001:db8::43", srcPort: 51001, dstPort: 43, clientPayload: "AS64496\r\n", ts: T0 + 1000 }),
    tcpSession({ src: "10.0.0.9", dst: "192.0.2.44", srcPort: 40001, dstPort: 443, clientPayload: clientHello("rdap.example.org"), ts: T0 + 2000 }),
    tcpSession({ src: "10.0.0.8", dst: "192.0.2.80", srcPort: 40000, dstPort: 8080,
      clientPayload: [httpRequest({ host: "rdap.example.net", path: "/domain/example.com", userAgent: "curl/8" }).slice(0, 30),
        httpRequest({ host: "rdap.example.net", path: "/domain/example.com", userAgent: "curl/8" }).slice(30)], ts: T0 + 3000 }),
    udpDns({ src: "10.0.0.7", dst: "10.0.0.2", query: "rdap.example.net", ts: T0 + 4000, rcode: "NOERROR" }),
    udpDns({ src: "10.0.0.7", dst: "10.0.0.2", srcPort: 53001, query: "nope.example.org", qtype: "AAAA", ts: T0 + 5000, rcode: "NXDOMAIN" }),
  );
}

