import { Option, type Command } from "commander";

// Only commander here: every command registers these flags, even for `--help`. Turning them into
// lookup options (zod, the lookup engine, the bootstrap) is in lookup-options.ts, imported by actions.

/** Raw flag values as commander hands them over. */
export interface LookupFlags {
  protocol?: string;
  host?: string;
  port?: string;
  rdapUrl?: string;
  servers?: string;
  allowPrivate?: boolean;
  proxy?: string;
  timeout?: string;
  totalTimeout?: string;
  maxBytes?: string;
  maxReferrals?: string;
  follow?: boolean;
  cache?: boolean;
  config?: string;
  raw?: boolean;
  serversOnly?: boolean;
  bootstrapDir?: string;
}

/**
 * The lookup flags, shared by every command that looks things up (lookup, bulk,
 * footprint) so that `--servers`, `--allow-private` and friends mean the same everywhere.
 */
export function addLookupFlags(command: Command, options: { hostFlag: boolean } = { hostFlag: true }): Command {
  command
    .addOption(new Option("--protocol <name>", "auto (RDAP first, WHOIS fallback), rdap or whois").choices(["auto", "rdap", "whois"]))
    .option("--rdap-url <base>", "ask this RDAP base URL instead of the bootstrap's")
    .option("--servers <file>", "JSON map of server names to host:port / RDAP base, applied to every hop")
    .option("--servers-only", "contact only servers named in --servers (nothing else leaves the machine)")
    .option("--bootstrap-dir <dir>", "read the RDAP bootstrap files from this directory (e.g. the sandbox's)")
    .option("--allow-private", "allow referrals and redirects to private, loopback and link-local addresses")
    .option("--proxy <url>", "socks5://host:port or http://host:port for both protocols")
    .option("--timeout <ms>", "per-hop time limit in milliseconds")
    .option("--total-timeout <ms>", "whole-lookup time limit in milliseconds")
    .option("--max-bytes <n>", "answer size cap per hop in bytes")
    .option("--max-referrals <n>", "referral hops to follow after the first answer")
    .option("--no-follow", "do not follow registry → registrar referrals")
    .option("--no-cache", "neither read nor write the answer cache (where to ask — each TLD's and address block's server learned from IANA/RIR referrals — is still remembered for 7 days)")
    .option("--config <file>", "config file with defaults (else $WHOISLENS_CONFIG or the XDG config path)");
  if (options.hostFlag) {
    command.option("-h, --host <host>", "ask this WHOIS server (port 43) first").option("-p, --port <port>", "port for --host");
  }
  return command;
}
