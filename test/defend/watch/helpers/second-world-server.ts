import { writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { listenTracked, type TestServer } from "../../../helpers/servers.js";
import { whoisLineServer } from "./line-server.js";
import { daysFromNow, IANA_WHOIS, REG_ONE, REG_TWO, REGISTRARS, REGISTRY, SecondWorld, type Netblock, type Registration } from "./second-world.js";

/** The reverse-WHOIS API host the --servers map points at loopback (src/footprint/sources/whoisxml.ts). */
export const WHOISXML_HOST = "reverse-whois.whoisxmlapi.com";

export interface SecondWorldServer {
  world: SecondWorld;
  /** The --servers file's content: each real host name → its loopback port or RDAP base. */
  serverMap: Record<string, string>;
  close(): Promise<void>;
}

export interface SecondWorldOptions {
  /**
   * How long each answer takes (ms), by host and query: the answer is made when the query arrives (a
   * server's view at that moment) and written that much later, so answers come back in another order.
   */
  delayMs?: (host: string, query: string) => number;
  /** Port-43 hosts that reset the connections past this many at once (see LineServerOptions.cutPast); read at each answer. */
  cutPast?: Record<string, number>;
}

/** Serves the world: one port-43 listener per registry/registrar host, one HTTP server for every RDAP host and the reverse API. */
export async function startSecondWorld(world: SecondWorld, options: SecondWorldOptions = {}): Promise<SecondWorldServer> {
  const { delayMs } = options;
  const servers: TestServer[] = [];
  const serverMap: Record<string, string> = {};
  const whoisHosts = [...Object.values(REGISTRY).map((r) => r.whois), ...REGISTRARS.map((r) => r.whois), IANA_WHOIS];
  for (const host of whoisHosts) {
    // undefined from the world: the server hangs (the client's timeout must end it).
    // Read at each answer: a test may lift the cap between passes.
    const server = await whoisLineServer((line) => world.whois(host, line), { ...(delayMs ? { delayMs: (line: string) => delayMs(host, line) } : {}), cutPast: () => options.cutPast?.[host] });
    servers.push(server);
    serverMap[host] = `127.0.0.1:${server.port}`;
  }
  const web = await listenTracked(
    http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://world");
      const [, host = "", ...rest] = url.pathname.split("/");
      if (host === WHOISXML_HOST) {
        let body = "";
        request.setEncoding("utf8");
        request.on("data", (chunk: string) => (body += chunk.slice(0, 65_536)));
        request.on("end", () => {
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(body);
          } catch {
            // an unreadable request is answered as an empty search
          }
          const answer = world.reverse(parsed);
          response.writeHead(answer.status, { "content-type": "application/json" });
          response.end(JSON.stringify(answer.body));
        });
        return;
      }
      const answer = world.rdap(host, rest.join("/"));
      if (answer === undefined) return; // hangs: the client's timeout ends it
      const send = (): void => {
        response.writeHead(answer.status, { "content-type": "application/rdap+json", ...(answer.headers ?? {}) });
        response.end(JSON.stringify(answer.body));
      };
      const wait = delayMs?.(host, rest.join("/")) ?? 0;
      if (wait > 0) setTimeout(send, wait);
      else send();
    }),
  );
  servers.push(web);
  const rdapHosts = [...Object.values(REGISTRY).map((r) => r.rdap), ...REGISTRARS.map((r) => r.rdap), WHOISXML_HOST];
  for (const host of rdapHosts) serverMap[host] = `http://127.0.0.1:${web.port}/${host}/`;
  return { world, serverMap, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

/** Our organisation as the registries hold it. */
export const ACME = { handle: "AW1234-FRNIC", org: "Acme Widgets SE", email: "hostmaster@acme-widgets.com" };
export const ATTACKER = { handle: "QH777-FRNIC", org: "Privacy Shield Services", email: "owner@quickhost-privacy.example" };
export const DS = { keyTag: 31589, algorithm: 13, digestType: 2, digest: "3490a6806d47f17a34c29e2ce80e8a999ffbe4be" };

/** The watched registrations at the first pass. */
export function secondWorldDomains(): Registration[] {
  const common = { created: "2009-04-14T09:00:00Z", updated: "2026-03-02T11:00:00Z", expires: daysFromNow(400) };
  const locks = ["clientTransferProhibited", "clientUpdateProhibited", "clientDeleteProhibited"];
  return [
    // Verisign thin → RegOne: the hijack target (registrar, registrant, locks).
    { ...common, name: "acme-widgets.com", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: [...locks, "serverTransferProhibited"], holder: ACME, ds: DS },
    // Verisign thin → RegOne: only noise between passes.
    { ...common, name: "acme-shop.com", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net", "ns3.acme-dns.net"], statuses: locks, holder: ACME },
    // DENIC: name servers replaced and DNSSEC removed.
    { ...common, name: "acme-widgets.de", nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], ds: DS },
    // Nominet: the expiry comes within the warning window.
    { ...common, name: "acme-widgets.co.uk", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], holder: ACME },
    // AFNIC: enters redemption / pending delete; a server lock lifted.
    { ...common, name: "acme-widgets.fr", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["serverTransferProhibited"], holder: ACME },
    // AFNIC: the holder object's organisation and e-mail change.
    { ...common, name: "acme-mail.fr", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], holder: { ...ACME, handle: "AW1235-FRNIC" } },
    // Only noise, behind a transient failure in the second pass: DENIC's rate limit, a 5xx/empty answer, a hang.
    { ...common, name: "acme-www.de", nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"] },
    { ...common, name: "acme-cdn.com", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: locks, holder: ACME },
    { ...common, name: "acme-img.co.uk", registrar: REG_ONE, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"], holder: ACME },
    // DENIC: let go in the second pass (Status: free / RDAP 404).
    { ...common, name: "acme-old.de", nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["ok"] },
  ];
}

export function secondWorldNetblocks(): Netblock[] {
  return [{ start: "185.12.64.0", end: "185.12.64.255", cidr: "185.12.64.0/24", netname: "ACME-WIDGETS-NET", org: { handle: "ORG-AWS1-RIPE", org: "Acme Widgets SE", email: "noc@acme-widgets.com" }, mntBy: "ACME-MNT", changed: "2025-01-10T08:00:00Z" }];
}

/** Every watched name (the netblock last), as `watch add` takes them. */
export const SECOND_WORLD_WATCHED = [...secondWorldDomains().map((d) => d.name), "185.12.64.0/24"];
/** A lookalike of acme-widgets.com (hyphen omitted) that resolves in DNS from the start and is registered in the second pass. */
export const LOOKALIKE = "acmewidgets.com";
/** dnsmasq flags: the lookalike resolves (A), nothing else does. */
export const LOOKALIKE_DNS = [`--address=/${LOOKALIKE}/192.0.2.80`];

/** The registration a paid reverse-WHOIS API starts listing under our organisation in the second pass. */
export const NEW_NAMING_US = "acme-widgets-support.com";

/** The reverse-WHOIS API's index at the first pass: our own domains under our e-mail and organisation. */
export function seedReverse(world: SecondWorld): void {
  const ours = secondWorldDomains().filter((d) => d.holder !== undefined).map((d) => d.name);
  world.reverseIndex.set(ACME.email, [...ours]);
  world.reverseIndex.set(ACME.org.toLowerCase(), [...ours]);
}

/**
 * Between the passes: what a hijack or a lapse changes, plus noise on every answer and transient
 * failures (rate limit, server error, hang) on three names that changed nothing but noise.
 */
export function hijackAndLapse(world: SecondWorld): void {
  world.noise();
  // acme-widgets.com: transferred away, registrant and name servers replaced, locks lifted, DNSSEC off.
  world.update("acme-widgets.com", { registrar: REG_TWO, holder: ATTACKER, nameservers: ["ns1.quickhost-dns.example", "ns2.quickhost-dns.example"], statuses: ["serverTransferProhibited"], ds: undefined });
  world.update("acme-widgets.de", { nameservers: ["a.ns.quickhost-dns.example", "b.ns.quickhost-dns.example"] });
  // The auto-renewal was reversed: the expiry moves back a year, into the warning window.
  world.update("acme-widgets.co.uk", { expires: daysFromNow(12) });
  world.update("acme-widgets.fr", { statuses: ["redemptionPeriod", "pendingDelete"] });
  world.update("acme-mail.fr", { holder: { handle: "AW1235-FRNIC", org: "Acme Holdings Ltd", email: "domains@acme-holdings.example" } });
  const block = world.netblocks[0];
  if (block) Object.assign(block, { org: { handle: "ORG-QS9-RIPE", org: "Quickhost Servers Ltd", email: "noc@quickhost.example" }, mntBy: "QUICKHOST-MNT" });
  world.domains.set(NEW_NAMING_US, { name: NEW_NAMING_US, registrar: REG_TWO, nameservers: ["ns1.quickhost-dns.example"], statuses: ["ok"], holder: { handle: "QH1", org: ACME.org, email: ACME.email }, created: daysFromNow(-1), updated: daysFromNow(-1), expires: daysFromNow(364) });
  // Registered in our name and with our e-mail by someone else: both terms see it.
  world.reverseIndex.get(ACME.org.toLowerCase())?.push(NEW_NAMING_US);
  world.reverseIndex.get(ACME.email)?.push(NEW_NAMING_US);
  // A lookalike registered with our name servers (shadow IT or an impostor): the DNS check finds it,
  // the nameserver term sees it in the store's index once it is fetched.
  world.domains.set(LOOKALIKE, { name: LOOKALIKE, registrar: REG_TWO, nameservers: ["ns1.acme-dns.net", "ns2.acme-dns.net"], statuses: ["clientTransferProhibited"], holder: ATTACKER, created: daysFromNow(-2), updated: daysFromNow(-2), expires: daysFromNow(363) });
  world.domains.delete("acme-old.de");
  // acme-shop.com's registry answers "no match" once (a lagging replica), then the truth: no drop.
  world.faults.set("acme-shop.com", "lag");
  world.faults.set("acme-www.de", "rate-limit");
  world.faults.set("acme-cdn.com", "error");
  world.faults.set("acme-img.co.uk", "timeout");
}

/**
 * An RFC 9224 bootstrap folder for the world (`--bootstrap-dir`): every registry's TLD under its RDAP host
 * (the --servers map sends the host to loopback), RIPE's block under rdap.db.ripe.net.
 */
export function writeSecondWorldBootstrap(dir: string): void {
  const doc = (services: unknown[]): string => JSON.stringify({ version: "1.0", publication: "2026-12-01T00:00:00Z", description: "watch second world", services });
  const tlds = Object.entries(REGISTRY).filter(([tld]) => tld !== "ripe");
  writeFileSync(join(dir, "dns.json"), doc(tlds.map(([tld, r]) => [[tld], [`https://${r.rdap}/`]])));
  writeFileSync(join(dir, "ipv4.json"), doc([[["185.0.0.0/8"], [`https://${REGISTRY.ripe.rdap}/`]]]));
  for (const kind of ["ipv6", "asn", "object-tags"]) writeFileSync(join(dir, `${kind}.json`), doc([]));
}
