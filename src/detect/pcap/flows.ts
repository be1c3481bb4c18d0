/**
 * Per-flow TCP state: one ConnEvent per connection (its SYN, or its first packet when the capture starts
 * mid-flow), and the client's stream reassembled (out-of-order segments, retransmissions) for apps.ts.
 * Bounded: at most `flows` connections and `bufferedBytes` held in all; the oldest flow goes first.
 */
import type { ParseContext } from "../readers/common.js";
import { type App, type FlowInfo, classify, readApp, readDnsAnswer } from "./apps.js";
import { type Decoded, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from "./decode.js";
import { TcpStream } from "./stream.js";

export const FLOW_LIMITS = {
  /** Client bytes held per flow until understood. */
  clientBytes: 16 * 1024,
  flows: 100_000,
  bufferedBytes: 64 * 1024 * 1024,
  /** UDP flows: a 4-tuple quiet this long starts a new flow (ms). */
  udpIdleMs: 60_000,
  /** A SYN without any answer for this long (capture time, ms) is a failed connection: state S0. */
  synTimeoutMs: 5_000,
};

/**
 * Connection states, named as Zeek's conn_state: the ConnEvent of a connection that starts with a SYN
 * waits (at most synTimeoutMs of capture time) for the server's first answer.
 */
export const TCP_STATES = {
  established: "S1", // the server answered the SYN (SYN-ACK, or data seen)
  noAnswer: "S0", // no answer within synTimeoutMs, or the capture ended first
  rejected: "REJ", // the server answered the SYN with a RST
  clientReset: "RSTOS0", // the client reset before any answer
  clientFin: "SH", // the client closed before any answer
  midstream: "OTH", // the capture started after the SYN
} as const;

interface Flow extends FlowInfo {
  isn: number | undefined;
  synSeq: number | undefined;
  stream: TcpStream;
  app: App;
  closed: boolean;
  /** Set while the ConnEvent waits for the server's answer to the SYN. */
  syn?: { ts: number; packet: number };
}

/** "192.0.2.1:43", "[2001:db8::1]:43". */
export function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export class FlowTable {
  private readonly flows = new Map<string, Flow>();
  private readonly udp = new Map<string, number>();
  /** Flows whose SYN is unanswered, oldest first. */
  private readonly awaiting = new Set<Flow>();
  private buffered = 0;
  private produced = 0;

  constructor(private readonly ctx: ParseContext) {}

  private emit = (e: Parameters<ParseContext["emit"]>[0]): void => {
    this.produced++;
    this.ctx.emit(e);
  };

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
      if (oldest.done !== true) this.udp.delete(oldest.value);
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
      if (syn && !ack) {
        f.syn = { ts, packet };
        this.awaiting.add(f);
      } else this.conn(f, TCP_STATES.midstream, ts, packet);
    }
    if (f.syn !== undefined) {
      const rst = (d.flags & TCP_RST) !== 0, fin = (d.flags & TCP_FIN) !== 0;
      if (!fromClient) this.conn(f, rst ? TCP_STATES.rejected : TCP_STATES.established);
      else if (rst) this.conn(f, TCP_STATES.clientReset);
      else if (fin) this.conn(f, TCP_STATES.clientFin);
      else if (d.payload.length > 0) this.conn(f, TCP_STATES.established);
    }
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

  /** Emits the flow's ConnEvent (at its SYN's time when it waited for an answer). */
  private conn(f: Flow, state: string, ts = f.syn?.ts ?? 0, packet = f.syn?.packet ?? 0): void {
    if (f.syn !== undefined) {
      ts = f.syn.ts;
      packet = f.syn.packet;
      f.syn = undefined;
      this.awaiting.delete(f);
    }
    this.emit({ kind: "conn", ts, src: f.client, dst: f.server, dstPort: f.sport, srcPort: f.cport, proto: "tcp", state, format: "pcap",
      evidence: { file: this.ctx.file, line: packet, text: `${f.label} connection ${state}` } });
  }

  /** Called for every packet: SYNs unanswered for synTimeoutMs of capture time become S0 connections. */
  expire(now: number): void {
    for (const f of this.awaiting) {
      if (f.syn === undefined || f.syn.ts + FLOW_LIMITS.synTimeoutMs > now) break;
      this.conn(f, TCP_STATES.noAnswer);
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
  }

  private drop(key: string, f: Flow): void {
    if (f.syn !== undefined) this.conn(f, TCP_STATES.noAnswer);
    if (f.app !== "done") this.read(f, true);
    this.buffered -= f.stream.held;
    f.stream.clear();
    this.flows.delete(key);
  }

  private evictOldest(): void {
    const first = this.flows.entries().next();
    if (first.done !== true) this.drop(first.value[0], first.value[1]);
  }

  /** End of capture: flows still waiting for more bytes are decided on what they have. */
  flush(): void {
    for (const [key, f] of this.flows) this.drop(key, f);
    this.buffered = 0;
  }
}
