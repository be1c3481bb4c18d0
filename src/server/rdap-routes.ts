import type http from "node:http";
import { decodeUriOrKeep } from "../util/decode-uri.js";
import { notFound, registrarDomain, registryDomain, rirAnswer, type RdapReply } from "./dataset/rdap.js";

/** Which dataset answers each RDAP host of the world, given the path below its base URL. */
export function rdapReply(host: string, path: string): RdapReply {
  const selfUrl = `https://${host}/${path}`;
  const domainMatch = /(?:^|\/)domain\/([^/]+)$/.exec(path)?.[1];
  const domain = domainMatch === undefined ? undefined : decodeUriOrKeep(domainMatch).toLowerCase();
  switch (host) {
    case "rdap.verisign.com": {
      const tld = path.split("/")[0] ?? "";
      return domain ? registryDomain(domain, selfUrl, tld) : notFound(path);
    }
    case "rdap.publicinterestregistry.org":
      return domain ? registryDomain(domain, selfUrl, "org") : notFound(path);
    case "pubapi.registry.google":
      return domain ? registryDomain(domain, selfUrl, "app") : notFound(path);
    case "rdap.registrar-one.sandbox":
    case "rdap.registrar-two.sandbox":
      return domain ? registrarDomain(host, domain, selfUrl) : notFound(path);
    case "rdap.loop-a.sandbox":
    case "rdap.loop-b.sandbox":
      return loopDomain(host, domain ?? "loop");
    case "rdap.arin.net":
      return rirAnswer("arin", path.replace(/^registry\//, ""), selfUrl);
    case "rdap.db.ripe.net":
      return rirAnswer("ripe", path, selfUrl);
    case "rdap.apnic.net":
      return rirAnswer("apnic", path, selfUrl);
    case "rdap.lacnic.net":
      return rirAnswer("lacnic", path.replace(/^rdap\//, ""), selfUrl);
    default:
      return notFound(path);
  }
}

/** Two registrars whose related links point at each other. */
function loopDomain(host: string, domain: string): RdapReply {
  const other = host === "rdap.loop-a.sandbox" ? "rdap.loop-b.sandbox" : "rdap.loop-a.sandbox";
  return {
    status: 200,
    body: {
      rdapConformance: ["rdap_level_0"],
      objectClassName: "domain",
      ldhName: domain,
      events: [{ eventAction: "registration", eventDate: "2020-02-02T00:00:00Z" }],
      links: [{ rel: "related", href: `https://${other}/domain/${domain}`, type: "application/rdap+json" }],
    },
  };
}

/** Serves the RDAP fault named in the path; false when the path names none. */
export function rdapFault(path: string, request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const name = /domain\/([^/]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  const json = (status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { "content-type": "application/rdap+json", ...headers });
    response.end(body);
  };
  const related = (href: string): string =>
    JSON.stringify({
      rdapConformance: ["rdap_level_0"],
      objectClassName: "domain",
      ldhName: name,
      events: [{ eventAction: "registration", eventDate: "2020-01-01T00:00:00Z" }],
      links: [{ rel: "related", href, type: "application/rdap+json" }],
    });
  switch (name) {
    case "malformed.fault":
      json(200, '{"objectClassName": "domain", "ldhName": "malformed.fault", ');
      return true;
    case "bomb.fault":
      json(200, JSON_BOMB);
      return true;
    case "throttle.fault":
      json(429, JSON.stringify({ errorCode: 429, title: "Too Many Requests", description: ["Query rate exceeded; retry later."] }), { "retry-after": "1" });
      return true;
    case "huge.fault":
      json(200, hugeJson());
      return true;
    case "slow.fault": {
      response.writeHead(200, { "content-type": "application/rdap+json" });
      const timer = setInterval(() => response.write(" "), 100);
      response.on("close", () => clearInterval(timer));
      return true;
    }
    case "reset.fault":
      request.socket.resetAndDestroy();
      return true;
    case "private.fault":
      json(200, related("http://10.1.2.3/domain/private.fault"));
      return true;
    case "loop.fault":
      json(200, related("https://rdap.loop-a.sandbox/domain/loop.fault"));
      return true;
    case "charset.fault":
      json(200, Buffer.from(`{"objectClassName":"domain","ldhName":"charset.fault","entities":[{"objectClassName":"entity","roles":["registrar"],"vcardArray":["vcard",[["fn",{},"text","Müller Domänen GmbH"]]]}]}`, "latin1"), { "content-type": "application/rdap+json; charset=utf-8" });
      return true;
    default:
      return false;
  }
}

const JSON_BOMB = Buffer.from(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
let hugeBody: Buffer | undefined;
/** Built on first use: 5 MiB nobody needs until a test asks. */
function hugeJson(): Buffer {
  hugeBody ??= Buffer.from(JSON.stringify({ objectClassName: "domain", ldhName: "huge.fault", remarks: [{ description: ["x".repeat(5 * 1024 * 1024)] }] }));
  return hugeBody;
}
