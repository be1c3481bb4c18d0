/**
 * Benign background: browsing, updates, internal services, resolver forwarding, a mail server's
 * SMTP fan-out, an internal vulnerability scanner, an IPAM web app with /ip/ and /domain/ paths,
 * whoami.exe and PowerShell on Windows hosts. None of it is WHOIS reconnaissance: any alert here
 * is a false positive.
 */
import { BENIGN_HTTP, BENIGN_SITES } from "./catalog.js";
import type { WorldBuilder } from "./builder.js";
import { SERVERS, type Host } from "./hosts.js";
import { endpointProcess, endpointTraffic } from "./endpoint.js";

export interface BackgroundOptions { sessionsPerHostHour: number; orgDomain: string }

export function addBackground(b: WorldBuilder, hosts: Host[], opts: BackgroundOptions): void {
  const { rng, world } = b;
  const span = world.end - world.start;
  const meanGap = 3_600_000 / opts.sessionsPerHostHour;
  for (const h of hosts) {
    for (let t = world.start + rng.exp(meanGap); t < world.end; t += rng.exp(meanGap)) session(b, h, Math.round(t), opts.orgDomain);
    // Chrome's intranet-redirect probes and search-suffix misses: a few NXDOMAIN per host.
    for (let i = rng.int(0, 4); i > 0; i -= 1) {
      const t = world.start + rng.int(0, span);
      const probe = rng.chance(0.6) ? rng.hex(rng.int(7, 15)).replace(/[0-9]/g, "q") : `wpad.corp.${opts.orgDomain}`;
      b.resolve(t, h.ip, probe, { rcode: "NXDOMAIN", cache: false });
    }
  }
  // The mail relay talks SMTP to many external hosts: fan-out on one port, not a scan.
  for (let t = world.start; t < world.end; t += rng.exp(9_000)) {
    b.flow(Math.round(t), SERVERS.mail, b.externalIp(), 25, "tcp", { service: "smtp" });
  }
  // The internal vulnerability scanner sweeps internal subnets (internal targets only).
  const scanAt = world.start + rng.int(0, Math.max(1, span - 600_000));
  for (let i = 0; i < 400; i += 1) {
    const dst = `10.0.${rng.int(1, 60)}.${rng.int(2, 250)}`;
    b.flow(scanAt + i * rng.int(50, 400), SERVERS.scanner, dst, rng.pick([22, 80, 443, 445, 3389, 8080, 5432]), "tcp", { state: rng.chance(0.7) ? "REJ" : "S0", origBytes: 0, respBytes: 0, durationMs: 0 });
  }
}

function session(b: WorldBuilder, h: Host, t: number, org: string): void {
  const { rng } = b;
  const kind = rng.weighted([["web", 60], ["http", 8], ["internal", 14], ["ipam", 1.5], ["imap", 5], ["ntp", 3], ["ptr", 3], ["proc", h.windows ? 8 : 0]] as const);
  switch (kind) {
    case "web": {
      const site = rng.pick(BENIGN_SITES);
      const f = b.https(t, h.ip, site, Array.from({ length: rng.int(1, 6) }, () => ({ uri: `/${rng.hex(rng.int(4, 12))}` })));
      if (h.windows && rng.chance(0.3)) endpointTraffic(b, h, t, site, f, rng.pick(["chrome.exe", "msedge.exe", "Teams.exe"]));
      return;
    }
    case "http": {
      const spec = rng.pick(BENIGN_HTTP);
      b.http(t, h.ip, spec.host, [{ uri: rng.pick(spec.paths), method: spec.method, userAgent: spec.ua }]);
      return;
    }
    case "internal": {
      const [dst, port] = rng.pick([[SERVERS.files, 445], [SERVERS.dc, 389], [SERVERS.dc, 88], [SERVERS.files, 443]] as const);
      b.resolve(t, h.ip, `${dst === SERVERS.dc ? "dc01" : "files"}.corp.${org}`);
      b.flow(t + 5, h.ip, dst, port, "tcp");
      return;
    }
    case "ipam": {
      // NetBox/phpIPAM-style pages: RDAP-looking paths on an internal host, not RDAP.
      const path = rng.pick([`/ip/10.0.${rng.int(1, 60)}.${rng.int(2, 250)}`, `/domain/corp.${org}`, `/autnum/64512`, "/ip/search?q=10.0.3"]);
      b.http(t, h.ip, `ipam.corp.${org}`, [{ uri: path }]);
      return;
    }
    case "imap":
      b.flow(t, h.ip, SERVERS.mail, rng.pick([143, 993]), "tcp", { service: "imap" });
      return;
    case "ntp":
      b.flow(t, h.ip, b.externalIp(), 123, "udp");
      return;
    case "ptr":
      b.resolve(t, h.ip, `${rng.int(2, 250)}.${rng.int(1, 60)}.0.10.in-addr.arpa`, { qtype: "PTR" });
      return;
    case "proc":
      endpointProcess(b, h, t, rng.weighted([
        [{ image: "C:\\Windows\\System32\\whoami.exe", cmd: "whoami /all" }, 3],
        [{ image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", cmd: `powershell.exe -NoProfile -Command "Invoke-RestMethod https://api.corp.${org}/v2/domain/inventory"` }, 2],
        [{ image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", cmd: "\"chrome.exe\" --type=renderer" }, 6],
        [{ image: "C:\\Windows\\System32\\nslookup.exe", cmd: `nslookup files.corp.${org}` }, 1],
        [{ image: "C:\\Windows\\System32\\svchost.exe", cmd: "svchost.exe -k netsvcs -p" }, 4],
      ] as const));
      return;
  }
}
