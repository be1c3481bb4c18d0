import { writeFileSync } from "node:fs";
import type http from "node:http";
import type net from "node:net";
import { httpServer, onWhoisQuery, tcpServer, type TestServer } from "./servers.js";

/**
 * A registry standing in on loopback over both protocols (a port-43 server and an RDAP server), with
 * every query it was asked in order ("whois QUERY", "rdap URL"). The interrupt and cancel tests put
 * the same two kinds of registry in front of bulk and footprint: one that throttles, one that stalls.
 */
export interface StandInRegistry {
  whois: TestServer;
  rdap: TestServer;
  asked: string[];
  close(): Promise<void>;
}

async function standIn(onWhois: (query: string, socket: net.Socket) => void, onHttp: http.RequestListener): Promise<StandInRegistry> {
  const asked: string[] = [];
  const whois = await tcpServer(onWhoisQuery((query, socket) => (asked.push(`whois ${query}`), onWhois(query, socket))));
  const rdap = await httpServer((request, response) => (asked.push(`rdap ${request.url ?? ""}`), onHttp(request, response)));
  return {
    whois,
    rdap,
    asked,
    close: async () => {
      await whois.close();
      await rdap.close();
    },
  };
}

/** Refuses every query with a 60 s wait: in words on port 43, as 429 Retry-After: 60 over RDAP (RFC 9110 §10.2.3). */
export function throttlingRegistry(): Promise<StandInRegistry> {
  return standIn(
    (_query, socket) => socket.end("% Query rate limit exceeded. Please try again in 60 seconds.\r\n"),
    (_request, response) => {
      response.writeHead(429, { "retry-after": "60", "content-type": "application/rdap+json" });
      response.end(JSON.stringify({ errorCode: 429, title: "Too Many Requests" }));
    },
  );
}

/** Reads every query and keeps the connection open without a word (a stalled registry), on both protocols. */
export function silentRegistry(): Promise<StandInRegistry> {
  return standIn(
    () => {},
    () => {},
  );
}

/** Writes a --servers map file that sends .com's registry (port 43 and RDAP) to the stand-in; returns its path. */
export function comRegistryMap(file: string, registry: StandInRegistry): string {
  writeFileSync(file, JSON.stringify({ "whois.verisign-grs.com": `127.0.0.1:${registry.whois.port}`, "rdap.verisign.com": `http://127.0.0.1:${registry.rdap.port}/` }));
  return file;
}
