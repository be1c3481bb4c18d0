/**
 * Vendor session outcomes → the state words the port-scan indicator knows (Zeek conn_state names and
 * firewall verdicts, `failedStates`/`unconfirmedStates` in data/detect-rules/whois-recon.yaml).
 * A value not in a table is kept as the log writes it.
 */

/** FortiGate traffic `action` (FortiOS Log Message Reference, traffic log fields). */
export const FORTIGATE_ACTIONS: Readonly<Record<string, string>> = {
  accept: "accept", // session allowed (start-of-session or UDP/ICMP logs): answer unknown
  close: "SF", // closed normally: both sides talked
  timeout: "S0", // expired without an answer
  "server-rst": "REJ", // the server reset the connection
  "client-rst": "RSTO", // the client reset it
  deny: "deny",
  dropped: "dropped",
  "ip-conn": "deny", // blocked by the IP connectivity check
};

/**
 * What a FortiGate session's packet counters say when its `action` claims more than they show (FortiOS Log
 * Message Reference, traffic log fields `sentpkt`/`rcvdpkt`: packets each side sent, counted per session).
 * A WHOIS answer is at least one data packet after the server's SYN-ACK, so a server that sent at most one
 * packet never answered: an nmap -sT probe of an open port is logged "client-rst" (or "close") with the
 * server's SYN-ACK alone (test/detect/fixtures/captures/nmap-st.pcap.gz: client SYN, ACK, RST; server 1).
 * - nothing back at all (rcvdpkt 0): no session, a failed attempt (Zeek S0);
 * - one packet back: answered or not, the log cannot say: outcome unknown, like a firewall's "accept" — the scan
 *   indicator counts it and a port-43 one is held until the source's next ports show whether it was a scan.
 * Not "no request" (ConnEvent.payload false): NP-offloaded sessions can under-count (Fortinet KB "How to ensure
 * accurate counter values in traffic log when NP6 offloading"), so a lone real lookup still alerts.
 * Only when the counters are there and the client sent something (a session-start log has none, or zeros).
 */
const SESSION_CLAIMS: ReadonlySet<string> = new Set([FORTIGATE_ACTIONS.close!, FORTIGATE_ACTIONS["client-rst"]!, FORTIGATE_ACTIONS.accept!]);

export function fortigateCountedState(state: string, sentPackets: number | undefined, receivedPackets: number | undefined): string {
  if (sentPackets === undefined || receivedPackets === undefined || sentPackets < 1 || receivedPackets > 1) return state;
  // Only the outcomes that claim or allow a session; a verdict (deny) or a refusal (server-rst → REJ) says more.
  if (!SESSION_CLAIMS.has(state)) return state;
  return receivedPackets === 0 ? "S0" : FORTIGATE_ACTIONS.accept!;
}

/** Cisco ASA 302014 teardown reasons (ASA syslog messages guide, 302014 "reason" values). */
export const ASA_TEARDOWN: Readonly<Record<string, string>> = {
  "TCP FINs": "SF",
  "SYN Timeout": "S0", // no SYN-ACK within the embryonic timeout
  "TCP Reset-O": "REJ", // reset from the outside (lower security) interface
  "TCP Reset-I": "RSTO", // reset from the inside
  "Conn-timeout": "SF",
  "Idle Timeout": "SF",
  "Deny Terminate": "deny",
};

/** An ASA Built message: the firewall let the connection start; whether the peer answered is unknown. */
export const ASA_BUILT = "accept";

/** A table's state for `value`, else the value itself. */
export function stateOf(table: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(table, value) ? (table[value] ?? value) : value;
}
