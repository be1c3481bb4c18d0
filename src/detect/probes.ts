/**
 * Scanner probes are not lookups. A service scan (`nmap -sV`) connects to an open port 43 and sends
 * the probes of nmap-service-probes one per connection; a WHOIS server answers each as if it were a
 * query. One row per probe family, named as in Nmap 7.93's /usr/share/nmap/nmap-service-probes
 * (Debian `nmap`), checked against the real capture test/detect/fixtures/captures/nmap-sv-43.pcap.
 * Rows test the first line of the client's bytes (control characters kept, at most 512 chars).
 */

export interface ProbeRow {
  name: string;
  /** Where the shape comes from. */
  source: string;
  /** `raw`: the line is the client's bytes read as latin1 (one char per byte), not decoded text. */
  test(firstLine: string, raw: boolean): boolean;
}

/** Request line of another line-based protocol: METHOD TARGET PROTOCOL/VERSION (no nested quantifier). */
const REQUEST_LINE = /^[A-Z]{3,12} \S{1,1024} (?:HTTP|RTSP|SIP)\/\d/;
const HELP = new Set(["help", "?"]);

/**
 * A NUL anywhere, or a first byte no text query starts with: a control character or, in raw bytes, one
 * that is no UTF-8 lead byte (0x80-0xC1, 0xF5-0xFF; IDN queries may start with 0xC2-0xF4). An escape
 * sequence inside a query keeps it a query (an attacker cannot hide a lookup by adding one).
 */
function binary(l: string, raw: boolean): boolean {
  if (l.includes("\u0000")) return true;
  const c = l.charCodeAt(0);
  return c < 0x20 || c === 0x7f || (raw && ((c >= 0x80 && c <= 0xc1) || c >= 0xf5));
}

export const SCANNER_PROBES: readonly ProbeRow[] = [
  { name: "empty", source: "nmap-service-probes NULL and GenericLines (\\r\\n\\r\\n): nothing before the first line end", test: (l) => l.trim() === "" },
  { name: "request-line", source: "nmap-service-probes GetRequest, HTTPOptions, RTSPRequest, FourOhFourRequest, SIPOptions", test: (l) => REQUEST_LINE.test(l) },
  { name: "help", source: "nmap-service-probes Help (HELP\\r\\n)", test: (l) => HELP.has(l.trim().toLowerCase()) },
  {
    name: "binary",
    source: "nmap-service-probes RPCCheck, DNSVersionBindReqTCP, SSLSessionReq, TLSSessionReq, SMBProgNeg, X11Probe, Kerberos, LDAP…: binary records; a WHOIS query (RFC 3912) is a line of text",
    test: binary,
  },
];

/** The probe family the client's first line belongs to, or undefined for a plausible query. */
export function scannerProbe(firstLine: string, raw = false): string | undefined {
  const line = firstLine.slice(0, 512);
  return SCANNER_PROBES.find((p) => p.test(line, raw))?.name;
}

/** The first line of a client's bytes (latin1, up to CR/LF, at most 512 bytes) for scannerProbe. */
export function firstLineOf(b: Buffer): string {
  let end = 0;
  while (end < b.length && end < 512 && b[end] !== 10 && b[end] !== 13) end++;
  return b.toString("latin1", 0, end);
}
