/**
 * Per-flow TCP state: one ConnEvent per connection (at its SYN's time, or its first packet's when the
 * capture starts mid-flow; written once the connection shows whether it carried a request), and the client's stream reassembled (out-of-order segments, retransmissions) for apps.ts.
 * Bounded: at most `flows` connections and `bufferedBytes` held in all; the oldest flow goes first.
 */
import type { ParseContext } from "../readers/common.js";
import { type App, type FlowInfo, classify, readApp, readDnsAnswer } from "./apps.js";
import { type Decoded, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from "./decode.js";
import { firstLineOf, scannerProbe } from "../probes.js";
import { Fifo } from "./fifo.js";
import { TcpStream } from "./stream.js";

export const FLOW_LIMITS = {
  /** Client bytes held per flow until understood. */
  clientBytes: 16 * 1024,
  /** Connections tracked at once; beyond, the oldest is decided on what it has and dropped (ReadStats.evicted). */
  flows: 100_000,
  bufferedBytes: 64 * 1024 * 1024,
  /** UDP flows: a 4-tuple quiet this long starts a new flow (ms). */
  udpIdleMs: 60_000,
  /** A SYN without any answer for this long (capture time, ms) is a failed connection: state S0. */
  synTimeoutMs: 5_000,
  /** An accepted connection whose client sends nothing for this long (capture time, ms) carried no request. */
  requestTimeoutMs: 30_000,
};

/**
 * Connection states, named as Zeek's conn_state. The ConnEvent of a connection waits (in capture time)
 * for what makes it a lookup or not: the server's answer to the SYN, then the client's first bytes.
 * `payload: false` marks an accepted connection that closed (or went quiet) without a request, or whose
 * request was a scanner's probe (probes.ts): a connect or SYN scan, not a lookup.
 */
export const TCP_STATES = {
  established: "S1", // the server answered the SYN and the client sent data
  closed: "SF", // accepted, then closed with a FIN before any client data
  clientAbort: "RSTO", // accepted, then reset by the client before any data (nmap -sS / -sT)
  serverAbort: "RSTR", // accepted, then reset by the server before any client data
  noAnswer: "S0", // no answer within synTimeoutMs, or the capture ended first
  rejected: "REJ", // the server answered the SYN with a RST
  clientReset: "RSTOS0", // the client reset before any answer
  clientFin: "SH", // the client closed before any answer
  midstream: "OTH", // the capture started after the SYN
} as const;

/** A connection whose ConnEvent is not written yet. */
interface Pending { ts: number; packet: number; answered: boolean; state: string }

interface Flow extends FlowInfo {
  isn: number | undefined;
  synSeq: number | undefined;
  stream: TcpStream;
  app: App;
  closed: boolean;
  pending?: Pending;
}

/** Queue entries still current: the flow waits with this very Pending, unanswered (SYN) or accepted (data). */
const waitingSyn = (a: { f: Flow; p: Pending }): boolean => a.f.pending === a.p && !a.p.answered;
const waitingData = (q: { f: Flow; p: Pending }): boolean => q.f.pending === q.p && q.p.answered;

/** "192.0.2.1:43", "[2001:db8::1]:43". */
export function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export class FlowTable {
  private readonly flows = new Map<string, Flow>();
  private readonly udp = new Map<string, number>();
  /** Flows whose SYN is unanswered, oldest first (stale entries skipped: Fifo). */
  private readonly awaiting = new Fifo<{ f: Flow; p: Pending }>();
  /** Accepted flows waiting for the client's first bytes, by time of acceptance. */
  private readonly quiet = new Fifo<{ f: Flow; p: Pending; since: number }>();
  /** Flow keys in insertion order, for evicting the oldest (stale entries skipped). */
  private readonly order = new Fifo<{ key: string; f: Flow }>();
  private buffered = 0;
  private produced = 0;

  constructor(private readonly ctx: ParseContext) {}

  private emit = (e: Parameters<ParseContext["emit"]>[0]): void => {
    this.produced++;
    this.ctx.emit(e);
  };

  private evicted(): void {
    this.ctx.stats.evicted = (this.ctx.stats.evicted ?? 0) + 1;
  }

  /** One ConnEvent per UDP 4-tuple (again after `udpIdleMs` of silence); returns true when emitted. */
  udpFlow(d: Decoded, packet: number, ts: number): boolean {
    const fwd = `${d.src}|${d.srcPort}|${d.dst}|${d.dstPort}`;
    const rev = `${d.dst}|${d.dstPort}|${d.src}|${d.srcPort}`;
    const key = this.udp.has(rev) && !this.udp.has(fwd) ? rev : fwd;
    const last = this.udp.get(key);
    this.udp.delete(key);
    this.udp.set(key, ts);
    if (last !== undefined && ts - last < FLOW_LIMITS.udpIdleMs) return false;
    if (this.udp.size > FLOW_LIMITS.flows) {
      const oldest = this.udp.keys().next();
      if (oldest.done !== true) {
        this.udp.delete(oldest.value);
        this.evicted();
      }
    }
    this.ctx.emit({ kind: "conn", ts, src: d.src, dst: d.dst, dstPort: d.dstPort, srcPort: d.srcPort, proto: "udp", format: "pcap",
      evidence: { file: this.ctx.file, line: packet, text: `UDP ${hostPort(d.src, d.srcPort)} -> ${hostPort(d.dst, d.dstPort)} flow` } });
    return true;
  }

  /** Handles one TCP packet; returns true when it produced an event. */
  tcp(d: Decoded, packet: number, ts: number): boolean {
    const before = this.produced;
    const fwd = `${d.src}|${d.srcPort}|${d.dst}|${d.dstPort}`;
    const rev = `${d.dst}|${d.dstPort}|${d.src}|${d.srcPort}`;
    const syn = (d.flags & TCP_SYN) !== 0, ack = (d.flags & TCP_ACK) !== 0;
    let f = this.flows.get(fwd);
    let fromClient = true;
    if (f === undefined) {
      f = this.flows.get(rev);
      fromClient = false;
    }
    // A new SYN on a closed flow, or with another sequence number, starts a new connection.
    if (f !== undefined && fromClient && syn && !ack && (f.closed || (f.synSeq !== undefined && f.synSeq !== d.seq))) {
      this.drop(fwd, f);
      f = undefined;
    }
    if (f === undefined) {
      const clientIsSrc = syn ? !ack : d.dstPort < 1024 || d.dstPort < d.srcPort;
      fromClient = clientIsSrc;
      const [client, server, cport, sport] = clientIsSrc ? [d.src, d.dst, d.srcPort, d.dstPort] : [d.dst, d.src, d.dstPort, d.srcPort];
      f = { client, server, cport, sport, file: this.ctx.file, label: `TCP ${hostPort(client, cport)} -> ${hostPort(server, sport)}`,
        dnsIds: new Set(), isn: syn && !ack ? (d.seq + 1) >>> 0 : undefined, synSeq: syn && !ack ? d.seq : undefined,
        stream: new TcpStream(FLOW_LIMITS.clientBytes), app: "unknown", closed: false };
      this.insert(clientIsSrc ? fwd : rev, f);
      const opening = syn && !ack;
      const p: Pending = { ts, packet, answered: !opening, state: opening ? TCP_STATES.established : TCP_STATES.midstream };
      f.pending = p;
      if (opening) this.awaiting.push({ f, p });
      else this.quiet.push({ f, p, since: ts });
    }
    if (f.pending !== undefined) this.decide(f, d, fromClient, ts);
    if (d.payload.length > 0 && f.app !== "done") {
      if (fromClient) this.clientData(f, d, packet, ts);
      else if (f.app === "whois") this.read(f, true); // the server answers: the query is complete as it stands
      else if (f.app === "dns") readDnsAnswer(f, d.payload, packet, ts, this.emit);
    }
    if ((d.flags & (TCP_FIN | TCP_RST)) !== 0) {
      if (f.app !== "done") this.read(f, true);
      f.closed = true;
    }
    return this.produced > before;
  }

  /** What this packet says about a connection whose ConnEvent waits. */
  private decide(f: Flow, d: Decoded, fromClient: boolean, ts: number): void {
    const p = f.pending!;
    const rst = (d.flags & TCP_RST) !== 0, fin = (d.flags & TCP_FIN) !== 0;
    if (fromClient && d.payload.length > 0) {
      // On port 43 a scanner's probe (nmap -sV: binary records, other protocols' request lines) is data, yet no query.
      const first = f.isn === undefined || ((d.seq - f.isn) >>> 0) === 0;
      const probe = f.sport === 43 && first ? scannerProbe(firstLineOf(d.payload), true) : undefined;
      return this.conn(f, p.state, probe === undefined, probe);
    }
    if (!p.answered) {
      if (!fromClient) {
        if (rst) return this.conn(f, TCP_STATES.rejected);
        p.answered = true;
        this.quiet.push({ f, p, since: ts });
      } else if (rst) this.conn(f, TCP_STATES.clientReset);
      else if (fin) this.conn(f, TCP_STATES.clientFin);
      return;
    }
    if (rst || fin) this.conn(f, p.state === TCP_STATES.midstream ? p.state : rst ? (fromClient ? TCP_STATES.clientAbort : TCP_STATES.serverAbort) : TCP_STATES.closed, false);
  }

  /** Emits the flow's ConnEvent at its first packet's time; `payload` when a request was (not) seen. */
  private conn(f: Flow, state: string, payload?: boolean, probe?: string): void {
    const p = f.pending;
    if (p === undefined) return;
    f.pending = undefined;
    const accepted = p.answered || payload !== undefined;
    const note = probe !== undefined ? `, scanner probe (${probe})` : payload === false ? ", no request" : "";
    this.emit({ kind: "conn", ts: p.ts, src: f.client, dst: f.server, dstPort: f.sport, srcPort: f.cport, proto: "tcp", state, format: "pcap",
      ...(accepted && payload !== undefined ? { payload } : {}),
      evidence: { file: this.ctx.file, line: p.packet, text: `${f.label} connection ${state}${note}` } });
  }

  /** Called for every packet: unanswered SYNs (synTimeoutMs) and quiet accepted connections (requestTimeoutMs) are decided. */
  expire(now: number): void {
    for (let a = this.awaiting.peek(waitingSyn); a !== undefined && a.p.ts + FLOW_LIMITS.synTimeoutMs <= now; a = this.awaiting.peek(waitingSyn)) {
      this.awaiting.shift();
      this.conn(a.f, TCP_STATES.noAnswer);
    }
    for (let q = this.quiet.peek(waitingData); q !== undefined && q.since + FLOW_LIMITS.requestTimeoutMs <= now; q = this.quiet.peek(waitingData)) {
      this.quiet.shift();
      this.conn(q.f, q.p.state, false);
    }
  }

  private clientData(f: Flow, d: Decoded, packet: number, ts: number): void {
    if (f.isn === undefined) f.isn = d.seq;
    const held = f.stream.held;
    const grew = f.stream.add((d.seq - f.isn) >>> 0, d.payload, packet, ts);
    this.buffered += f.stream.held - held;
    if (grew) this.read(f, false);
    while (this.buffered > FLOW_LIMITS.bufferedBytes && this.flows.size > 0) this.evictOldest();
  }

  /** Lets the flow's application reader consume what the client stream holds. */
  private read(f: Flow, final: boolean): void {
    const held = f.stream.held;
    if (f.app === "unknown") {
      const b = f.stream.bytes;
      if (b.length === 0) {
        if (final) f.app = "done";
      } else f.app = classify(f, b) ?? (final ? "done" : "unknown");
    }
    if (f.app !== "unknown" && f.app !== "done") f.app = readApp(f.app, f, f.stream, final, this.emit);
    if (f.app === "done") f.stream.clear();
    this.buffered += f.stream.held - held;
  }

  private insert(key: string, f: Flow): void {
    while (this.flows.size >= FLOW_LIMITS.flows) this.evictOldest();
    this.flows.set(key, f);
    this.order.push({ key, f });
  }

  private drop(key: string, f: Flow): void {
    if (f.pending !== undefined) this.conn(f, f.pending.answered ? f.pending.state : TCP_STATES.noAnswer, f.pending.answered ? false : undefined);
    if (f.app !== "done") this.read(f, true);
    this.buffered -= f.stream.held;
    f.stream.clear();
    this.flows.delete(key);
  }

  private evictOldest(): void {
    const oldest = this.order.peek((o) => this.flows.get(o.key) === o.f);
    if (oldest === undefined) return;
    this.order.shift();
    this.drop(oldest.key, oldest.f);
    this.evicted();
  }

  /** End of capture: flows still waiting for more bytes are decided on what they have. */
  flush(): void {
    for (const [key, f] of this.flows) this.drop(key, f);
    this.buffered = 0;
    this.order.clear();
    this.awaiting.clear();
    this.quiet.clear();
  }
}
