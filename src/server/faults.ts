import type { Socket } from "node:net";

/**
 * Hostile behaviours, reachable by name under the sandbox's `.fault` TLD (port 43
 * at whois.nic.fault, RDAP at rdap.nic.fault). Each row says what a client must
 * survive; tests and the demo ask for them by name.
 */
export interface WhoisFault {
  name: string;
  description: string;
  act(socket: Socket): void;
}

const THROTTLE_TEXT = "WHOIS LIMIT EXCEEDED - SEE WWW.NIC.FAULT FOR DETAILS\r\n";

function drip(socket: Socket, text: string, everyMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) {
      clearInterval(timer);
      if (!socket.destroyed) socket.end();
      return;
    }
    socket.write(text[index] ?? "");
    index += 1;
  }, everyMs);
  socket.once("close", () => clearInterval(timer));
}

function endless(socket: Socket): void {
  const block = Buffer.alloc(64 * 1024, "Registrant Name: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
  const pump = (): void => {
    while (!socket.destroyed && socket.write(block));
    if (!socket.destroyed) socket.once("drain", pump);
  };
  pump();
}

let hugeText: Buffer | undefined;
function hugeAnswer(): Buffer {
  hugeText ??= Buffer.alloc(5 * 1024 * 1024, "Remarks: oversized answer padding line.\r\n");
  return hugeText;
}

export const WHOIS_FAULTS: readonly WhoisFault[] = [
  { name: "slow.fault", description: "slow drip: one byte every 100 ms for minutes", act: (s) => drip(s, `Domain Name: SLOW.FAULT\r\n${"% padding\r\n".repeat(200)}`, 100) },
  { name: "endless.fault", description: "an answer that never ends", act: endless },
  { name: "huge.fault", description: "a 5 MiB answer", act: (s) => s.end(hugeAnswer()) },
  {
    name: "reset.fault",
    description: "connection reset in the middle of the answer",
    act: (s) => {
      s.write("Domain Name: RESET.FAULT\r\nRegistrar: ");
      setTimeout(() => s.resetAndDestroy(), 20);
    },
  },
  {
    name: "charset.fault",
    description: "Latin-1 bytes from a server expected to speak UTF-8",
    act: (s) =>
      s.end(Buffer.from("Domain Name: CHARSET.FAULT\r\nCreation Date: 2001-01-01T00:00:00Z\r\nRegistrar: Müller Domänen GmbH\r\nRegistrant Name: Jürgen Größe\r\n", "latin1")),
  },
  { name: "throttle.fault", description: "a rate-limit refusal instead of a record", act: (s) => s.end(THROTTLE_TEXT) },
  { name: "silent.fault", description: "accepts the connection and never answers", act: () => {} },
  {
    name: "escape.fault",
    description: "terminal escape sequences inside field values",
    act: (s) => s.end("Domain Name: ESCAPE.FAULT\r\nCreation Date: 2001-01-01T00:00:00Z\r\nRegistrar: Evil\u001b[2J\u001b]0;pwned\u0007 Registrar\r\n"),
  },
];

export function throttleText(): string {
  return THROTTLE_TEXT;
}

export interface RdapFault {
  name: string;
  description: string;
}

export const RDAP_FAULTS: readonly RdapFault[] = [
  { name: "malformed.fault", description: "malformed JSON" },
  { name: "bomb.fault", description: "JSON nested 100,000 levels deep" },
  { name: "throttle.fault", description: "HTTP 429 with Retry-After: 1" },
  { name: "huge.fault", description: "a 5 MiB JSON answer" },
  { name: "slow.fault", description: "a body that drips for minutes" },
  { name: "reset.fault", description: "connection reset before the answer" },
  { name: "private.fault", description: "a related link to a private address (http://10.1.2.3/)" },
  { name: "loop.fault", description: "related links that loop between two RDAP servers" },
  { name: "charset.fault", description: "Latin-1 bytes in a body declared UTF-8" },
];
