/**
 * Command lines that perform a lookup: an RDAP URL (known RDAP host or a /rdap/ object path), a web
 * WHOIS service URL, or a connection to port 43 (`nc whois.iana.org 43`, `("whois.iana.org", 43)`,
 * `Test-NetConnection … -Port 43`, whois:// URLs). Runs only on process events.
 */
import type { CommandLinePattern } from "../rules/schema.js";
import type { HostIndex } from "./host-index.js";
import { isDomainLike, isIpLike, isRdapObjectPath, isRdapPathUnderRdap, rdapPathTarget, targetsInText, urlsIn } from "./targets.js";

export interface CommandLineHit { why: string; targets: string[]; domain?: string }

// host (name or IPv4), optional quote, separator (space, colon, comma), optional quote, 43 not followed by a digit or dot.
const HOST_PORT_43 = /([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}|\d{1,3}(?:\.\d{1,3}){3})["']?[ \t]{0,4}[ \t:,][ \t]{0,4}["']?43(?![\d.])/i;
const PORT_FLAG_43 = /-(?:p|port)[ \t]{0,4}["']?43(?![\d.])/i;

export function commandLineHits(commandLine: string, patterns: readonly CommandLinePattern[], hosts: HostIndex): CommandLineHit | undefined {
  const cmd = commandLine.slice(0, 8192);
  const urls = cmd.includes("://") ? urlsIn(cmd) : [];
  for (const url of urls) {
    const host = url.hostname.toLowerCase();
    const path = url.pathname + url.search;
    if (patterns.includes("whois-port") && (url.protocol === "whois:" || url.protocol === "rwhois:")) {
      return { why: `calls ${url.protocol}//${host}`, targets: targetsInText(path), domain: host };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    if (patterns.includes("rdap-url")) {
      const rdapHost = hosts.find(host, "http", ["rdap-hosts"]);
      const isRdap = isRdapPathUnderRdap(url.pathname) || (rdapHost.length > 0 && (rdapHost.some((h) => h.hostOnly) || isRdapObjectPath(url.pathname)));
      if (isRdap) {
        const t = rdapPathTarget(url.pathname);
        return { why: `calls RDAP URL ${host}${url.pathname.slice(0, 120)}`, targets: t ? [t] : [], domain: host };
      }
    }
    if (patterns.includes("whois-site")) {
      const web = hosts.find(host, "http", ["web-whois"]).find((h) => h.hostOnly || (h.row.paths ?? []).some((p) => path.toLowerCase().startsWith(p)));
      if (web) return { why: `calls web WHOIS service ${host}`, targets: targetsInText(path, new Set([host])), domain: host };
    }
  }
  if (patterns.includes("whois-port") && cmd.includes("43")) {
    const m = HOST_PORT_43.exec(cmd);
    const flag = m === null && PORT_FLAG_43.test(cmd) ? targetsInText(cmd)[0] : undefined;
    const host = m?.[1]?.toLowerCase() ?? flag;
    if (host !== undefined && (isIpLike(host) || isDomainLike(host))) {
      return { why: `connects to ${host} port 43`, targets: targetsInText(cmd).filter((t) => t !== host), domain: host };
    }
  }
  return undefined;
}
