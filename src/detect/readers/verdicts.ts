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
