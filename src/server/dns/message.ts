import dnsPacket, { type Answer, type DecodedPacket, type Packet } from "dns-packet";
import type { ZoneLookup } from "./zone.js";

/** The limits one answer is built under. */
export interface AnswerLimits {
  /** Hard cap on any answer, TCP included (≤ 65,535). */
  maxAnswerBytes: number;
  /** The largest UDP answer we offer EDNS clients (RFC 9715 recommends 1,232). */
  udpPayloadBytes: number;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type Rcode = keyof typeof RCODE;

const HEADER_BYTES = 12;
const QR = 0x8000;
const OPCODE_MASK = 0x7800;
const CLASSIC_UDP_BYTES = 512;

/**
 * One query in, one answer out — or undefined when the bytes deserve no answer
 * (not a DNS message, a response, no readable question). Never throws.
 */
export function answerQuery(query: Buffer, transport: "udp" | "tcp", lookup: ZoneLookup, limits: AnswerLimits): Buffer | undefined {
  try {
    return answer(query, transport, lookup, limits);
  } catch {
    return undefined;
  }
}

function answer(query: Buffer, transport: "udp" | "tcp", lookup: ZoneLookup, limits: AnswerLimits): Buffer | undefined {
  if (query.length < HEADER_BYTES || (query.readUInt16BE(2) & QR) !== 0) return undefined;
  const packet: DecodedPacket = dnsPacket.decode(query);
  const rawQuestion = questionBytes(query, packet.questions?.length ?? 0);
  if (rawQuestion === undefined) return undefined;
  const opt = packet.additionals?.find((record) => record.type === "OPT");
  const clientUdp = opt && "udpPayloadSize" in opt ? opt.udpPayloadSize : CLASSIC_UDP_BYTES;
  const limit = Math.min(limits.maxAnswerBytes, transport === "tcp" ? 65_535 : Math.max(CLASSIC_UDP_BYTES, Math.min(clientUdp, limits.udpPayloadBytes)));
  const reply = (rcode: Rcode, authoritative = false, answers: Answer[] = [], authorities: Answer[] = []): Buffer => {
    const flags = (query.readUInt16BE(2) & (OPCODE_MASK | dnsPacket.RECURSION_DESIRED)) | (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | RCODE[rcode];
    const additionals: Answer[] = opt ? [{ type: "OPT", name: ".", udpPayloadSize: limits.udpPayloadBytes, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [];
    return fit({ id: packet.id ?? 0, type: "response", flags, answers, authorities, additionals }, rawQuestion, transport, limit);
  };

  const opcode = (query.readUInt16BE(2) & OPCODE_MASK) >> 11;
  if (opcode !== 0) return reply("NOTIMP");
  const question = packet.questions?.[0];
  if (packet.questions?.length !== 1 || question === undefined) return reply("FORMERR");
  if (question.class !== undefined && question.class !== "IN" && question.class !== "ANY") return reply("REFUSED");
  const found = lookup(question.name, question.type);
  return reply(found.rcode, found.authoritative, found.answers, found.authorities);
}

/**
 * Encodes the response around the query's own question bytes (echoed verbatim, so a
 * client's 0x20 case mix survives); too big for the transport: UDP gets the header and
 * question with TC set (the client retries over TCP), TCP keeps the records that fit, TC set.
 */
function fit(response: Packet & { answers: Answer[]; authorities: Answer[]; additionals: Answer[] }, rawQuestion: Buffer, transport: "udp" | "tcp", limit: number): Buffer {
  const encode = (packet: Packet): Buffer => {
    const body = dnsPacket.encode({ ...packet, questions: [] });
    const out = Buffer.concat([body.subarray(0, HEADER_BYTES), rawQuestion, body.subarray(HEADER_BYTES)]);
    out.writeUInt16BE(rawQuestion.length > 0 ? 1 : 0, 4);
    return out;
  };
  const full = encode(response);
  if (full.length <= limit) return full;
  const truncated = { ...response, flags: (response.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, authorities: [] };
  if (transport === "udp") return encode({ ...truncated, answers: [] });
  const answers = [...response.answers];
  let out = encode({ ...truncated, answers });
  while (out.length > limit && answers.length > 0) {
    answers.pop();
    out = encode({ ...truncated, answers });
  }
  return out;
}

/** The raw bytes of the (single) question section, or undefined when it cannot be delimited. */
function questionBytes(query: Buffer, count: number): Buffer | undefined {
  if (count === 0) return Buffer.alloc(0);
  let offset = HEADER_BYTES;
  for (;;) {
    const length = query[offset];
    if (length === undefined) return undefined;
    if ((length & 0xc0) === 0xc0) {
      offset += 2;
      break;
    }
    if (length > 63) return undefined;
    offset += 1 + length;
    if (length === 0) break;
  }
  const end = offset + 4;
  return end <= query.length ? query.subarray(HEADER_BYTES, end) : undefined;
}
