import type http from "node:http";
import { whoisXmlReply, whoxyReply, REVERSE_API_HOSTS } from "./dataset/reverse-whois.js";

export { REVERSE_API_HOSTS };

const MAX_BODY = 64 * 1024;

/** The commercial reverse-WHOIS APIs of the world (WhoisXML v2 by POST, Whoxy by GET), on the RDAP HTTP server. */
export function serveReverseApi(host: string, request: http.IncomingMessage, response: http.ServerResponse): void {
  const reply = (status: number, body: unknown): void => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (host === "api.whoxy.com") {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const answer = whoxyReply(url.searchParams);
    return reply(answer.status, answer.body);
  }
  if (request.method !== "POST") return reply(405, { code: 405, messages: "Use POST" });
  const chunks: Buffer[] = [];
  let size = 0;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) request.destroy();
    else chunks.push(chunk);
  });
  request.on("end", () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(400, { code: 400, messages: "Request body is not JSON" });
    }
    const answer = whoisXmlReply(body);
    reply(answer.status, answer.body);
  });
}
