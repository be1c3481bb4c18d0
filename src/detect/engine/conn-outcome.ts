/**
 * Is a logged connection a lookup, or only an attempt? A port scan that touches 43/tcp is scan
 * evidence (PortScan), never a WHOIS lookup by itself. One row per connection state as the logs write
 * it, with its meaning and source; the payload flag (ConnEvent.payload) decides the states that say
 * "established" but not whether a request was sent.
 */
import type { ConnEvent } from "../types.js";

type Outcome = "attempt" | "established" | "unknown";

/** Lower-case state → outcome. States not listed (firewall verdicts "allow"…) are "unknown". */
const STATES: Record<string, { outcome: Outcome; note: string }> = {
  // Zeek conn_state (docs.zeek.org, scripts/base/protocols/conn/main.zeek).
  s0: { outcome: "attempt", note: "Zeek: connection attempt seen, no reply" },
  rej: { outcome: "attempt", note: "Zeek: connection attempt rejected" },
  rstos0: { outcome: "attempt", note: "Zeek: originator sent a SYN followed by a RST, no SYN-ACK seen" },
  rstrh: { outcome: "attempt", note: "Zeek: responder sent a SYN-ACK followed by a RST, no SYN seen from the originator" },
  sh: { outcome: "attempt", note: "Zeek: originator sent a SYN followed by a FIN, no SYN-ACK seen" },
  shr: { outcome: "attempt", note: "Zeek: responder sent a SYN-ACK followed by a FIN, no SYN seen" },
  s1: { outcome: "established", note: "Zeek: established, not terminated" },
  sf: { outcome: "established", note: "Zeek: normal establishment and termination" },
  s2: { outcome: "established", note: "Zeek: established, close attempt by the originator seen" },
  s3: { outcome: "established", note: "Zeek: established, close attempt by the responder seen" },
  rsto: { outcome: "established", note: "Zeek: established, originator aborted (RST) — a connect scan does this with no payload" },
  rstr: { outcome: "established", note: "Zeek: established, responder aborted" },
  oth: { outcome: "unknown", note: "Zeek: no SYN seen, midstream traffic" },
  // Suricata EVE flow.state / tcp.state (docs.suricata.io, output/eve/eve-json-format).
  new: { outcome: "attempt", note: "Suricata flow.state: packets in one direction only, never established" },
  syn_sent: { outcome: "attempt", note: "Suricata tcp.state: SYN sent, no answer" },
  established: { outcome: "established", note: "Suricata flow.state" },
  closed: { outcome: "unknown", note: "Suricata flow.state: closed, established or not (the TCP flags tell)" },
  // Firewall verdicts that block the connection.
  drop: { outcome: "attempt", note: "firewall verdict" },
  dropped: { outcome: "attempt", note: "firewall verdict" },
  deny: { outcome: "attempt", note: "firewall verdict" },
  denied: { outcome: "attempt", note: "firewall verdict" },
  reject: { outcome: "attempt", note: "firewall verdict" },
  rejected: { outcome: "attempt", note: "firewall verdict" },
  block: { outcome: "attempt", note: "firewall verdict" },
  blocked: { outcome: "attempt", note: "firewall verdict" },
  "ufw block": { outcome: "attempt", note: "ufw kernel log prefix [UFW BLOCK]" },
};

const cache = new Map<string, Outcome>();

function outcomeOf(state: string): Outcome {
  let o = cache.get(state);
  if (o === undefined) {
    const row = Object.hasOwn(STATES, state.toLowerCase()) ? STATES[state.toLowerCase()] : undefined;
    o = row?.outcome ?? "unknown";
    if (cache.size < 1024) cache.set(state, o);
  }
  return o;
}

/** True when the connection never carried a request: a failed attempt, or no client payload. */
export function isAttemptOnly(e: ConnEvent): boolean {
  if (e.payload === false) return true;
  return e.state !== undefined && outcomeOf(e.state) === "attempt";
}
