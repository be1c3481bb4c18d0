import net from "node:net";
import { describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/engine.js";
import { parseReferralTarget } from "../../src/lookup/routes.js";
import { loadServerMap } from "../../src/servers/index.js";
import { useTcpServers, whoisResponder } from "../helpers/servers.js";

/**
 * An RWhois referral's auth-area (RFC 2167 §3.3.11, `rwhois://host:port/auth-area=…`) is part of the question: the
 * same server under another auth-area is asked, the same host and auth-area twice is a loop. Two small RWhois
 * servers that refer to each other, each under another auth-area, written from the RFC's exchange.
 */
function rwhoisServer(host: string, answer: () => string): (socket: net.Socket) => void {
  return (socket) => {
    socket.on("error", () => undefined);
    socket.write(`%rwhois V-1.5:003fff:00 ${host} (by Network Solutions, Inc. V-1.5.9.5)\r\n`);
    socket.once("data", () => socket.end(`${answer()}\r\n%ok\r\n`));
  };
}

describe("RWhois auth-area referrals", () => {
  const { start } = useTcpServers();

  it("parses the auth-area apart from the server; GNU whois's cut at the first / still gives the server", () => {
    expect(parseReferralTarget("rwhois://rwhois.b.example:4321/auth-area=10.2.0.0/16")).toEqual({ scheme: "rwhois", host: "rwhois.b.example", port: 4321, authArea: "10.2.0.0/16" });
    expect(parseReferralTarget("rwhois://rwhois.b.example:4321/")).toEqual({ scheme: "rwhois", host: "rwhois.b.example", port: 4321 });
    // Anything but a plain auth-area token is not kept (the chain's url repeats it).
    expect(parseReferralTarget("rwhois://rwhois.b.example/auth-area=<script>")).toEqual({ scheme: "rwhois", host: "rwhois.b.example" });
  });

  it("A → B (area x) → A (area y) → B (area x): every new question asked once, the repeat stopped as a loop", async () => {
    const asked: string[] = [];
    const a = await start(rwhoisServer("rwhois.a.example", () => (asked.push("a"), "network:ID:NA\r\nnetwork:IP-Network:192.0.2.0/24\r\nnetwork:Org-Name:A Net\r\n\r\n%referral rwhois://rwhois.b.example:4321/auth-area=192.0.2.0/25")));
    const b = await start(rwhoisServer("rwhois.b.example", () => (asked.push("b"), "network:ID:NB\r\nnetwork:IP-Network:192.0.2.0/25\r\nnetwork:Org-Name:B Net\r\n\r\n%referral rwhois://rwhois.a.example:4321/auth-area=192.0.2.0/26")));
    const registry = await start(whoisResponder(() => "NetRange: 192.0.0.0 - 192.0.255.255\r\nOrgName: Registry Block\r\nReferralServer: rwhois://rwhois.a.example:4321/\r\n"));
    const servers = loadServerMap({ "whois.arin.net": `127.0.0.1:${registry}`, "rwhois.a.example": `127.0.0.1:${a}`, "rwhois.b.example": `127.0.0.1:${b}` });
    const record = await lookup("192.0.2.10", { protocol: "whois", host: "whois.arin.net", servers, mappedOnly: true, maxReferrals: 10 });
    expect(asked).toEqual(["a", "b", "a"]);
    expect(record.chain?.map((hop) => [hop.server, hop.url ?? "", hop.error?.code ?? hop.status])).toEqual([
      ["whois.arin.net", "", "registered"],
      ["rwhois.a.example", "rwhois://rwhois.a.example:4321", "registered"],
      ["rwhois.b.example", "rwhois://rwhois.b.example:4321/auth-area=192.0.2.0/25", "registered"],
      ["rwhois.a.example", "rwhois://rwhois.a.example:4321/auth-area=192.0.2.0/26", "registered"],
      ["rwhois.b.example", "", "WL_ERR_REFERRAL_LOOP"],
    ]);
    expect(record.network?.organization).toBe("A Net");
  });
});
