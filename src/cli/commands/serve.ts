import { Command } from "commander";
import { InvalidOptionError } from "../../errors.js";
import { sanitizeField } from "../../util/sanitize.js";
import { collectFlag, integerFlag } from "../flags.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

interface ServeFlags {
  host: string;
  whoisPort: string;
  rdapPort: string;
  whois: boolean;
  rdap: boolean;
  dataset?: string;
  decoy?: boolean;
  store?: string | true;
  queryLog?: string;
  limits?: string;
  limit: string[];
  token: string[];
  maxQueryBytes?: string;
  queryTimeout?: string;
  idleTimeout?: string;
  maxConnections?: string;
  publicUrl?: string;
  rdapRedirect?: string;
  flushInterval: string;
  canaryDomain?: string;
  canaryPerSource?: boolean;
}

export const registerServe: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("serve")
      .description("answer WHOIS (port 43) and RDAP from a dataset, the store or a decoy set, with per-source accounting and a query log; runs until interrupted")
      .option("--dataset <file>", "YAML or JSON dataset (schema in docs/serve.md)")
      .option("--decoy", "serve the built-in decoy set")
      .option("--store [location]", "serve the newest stored records (SQLite path or postgres:// URL; default the data directory's whoislens.db); accounting is kept in this store in every mode")
      .option("--host <address>", "address to listen on", "127.0.0.1")
      .option("--whois-port <n>", "port-43 server port (0: any free port)", "4343")
      .option("--rdap-port <n>", "RDAP server port (0: any free port)", "8443")
      .option("--no-whois", "no port-43 server")
      .option("--no-rdap", "no RDAP server")
      .option("--query-log <file>", "NDJSON query log (default: serve-queries.ndjson in the data directory)")
      .option("--limits <file>", "accounting limits, JSON or YAML ({\"personalPerDay\": 1000, ...})")
      .option("--limit <name=n>", "one accounting limit (repeatable): personalPerDay, queriesPerDay, queriesPerWindow, windowSeconds, maxConnections, offencesBeforePermanent", collectFlag, [])
      .option("--token <id=secret>", "an RDAP API token (repeatable; Authorization: Bearer or ?token=), accounted as token:<id>", collectFlag, [])
      .option("--max-query-bytes <n>", "longest port-43 query line and RDAP request target (default 1024)")
      .option("--query-timeout <ms>", "time to send a whole query or request (slow clients are cut; default 5000)")
      .option("--idle-timeout <ms>", "port-43: time for the answer to drain; RDAP: keep-alive idle time (default 10000 / 5000)")
      .option("--max-connections <n>", "connections open at once per server, all sources together (default 256)")
      .option("--public-url <url>", "base URL for RDAP self links (default http://HOST:PORT/)")
      .option("--rdap-redirect <url>", "RDAP lookups for objects not held are redirected (302, RFC 7480 §5.2) to the same path under this http(s) base URL, e.g. https://rdap.org/ (default: 404)")
      .option("--flush-interval <ms>", "how often accounting is written to the store", "5000")
      .option("--canary-domain <domain>", "plant canary contacts in decoy objects' answers, with addresses at this mail domain (one whose mail you read); issued and recorded in the store (`whoislens canary check`)")
      .option("--canary-per-source", "with --canary-domain: a set of canaries per asking source, so a harvested contact names its harvester")
      .action(async (flags: ServeFlags) => {
        const { io } = ctx;
        const sources = [flags.dataset !== undefined, flags.decoy === true, flags.store !== undefined && flags.dataset === undefined && flags.decoy !== true].filter(Boolean).length;
        if (flags.dataset !== undefined && flags.decoy) throw new InvalidOptionError("give one of --dataset, --decoy or --store as the data to serve, not several");
        if (sources === 0) throw new InvalidOptionError("give the data to serve: --dataset FILE, --decoy or --store");
        if (!flags.whois && !flags.rdap) throw new InvalidOptionError("--no-whois and --no-rdap together leave nothing to serve");
        const whoisPort = integerFlag("whois-port", flags.whoisPort, { min: 0, max: 65535 });
        const rdapPort = integerFlag("rdap-port", flags.rdapPort, { min: 0, max: 65535 });
        const maxQueryBytes = integerFlag("max-query-bytes", flags.maxQueryBytes, { min: 16, max: 65536 });
        const queryTimeoutMs = integerFlag("query-timeout", flags.queryTimeout, { min: 100, max: 600_000 });
        const idleTimeoutMs = integerFlag("idle-timeout", flags.idleTimeout, { min: 100, max: 600_000 });
        const maxConnections = integerFlag("max-connections", flags.maxConnections, { min: 1, max: 1_000_000 });
        const flushMs = integerFlag("flush-interval", flags.flushInterval, { min: 0, max: 3_600_000 }) ?? 5000;
        if (flags.canaryPerSource && flags.canaryDomain === undefined) throw new InvalidOptionError("--canary-per-source needs --canary-domain (the mail domain of the canary addresses)");

        const serve = await import("../../serve/index.js");
        const { parseLimitFlags, loadLimitsFile } = await import("../../serve/limits.js");
        const limitsFile = flags.limits === undefined ? {} : await loadLimitsFile(flags.limits);
        const limits = serve.mergeLimits(serve.mergeLimits(serve.DEFAULT_LIMITS, limitsFile ?? {}, `limits file ${flags.limits ?? ""}`), parseLimitFlags(flags.limit), "--limit");

        await withStore(typeof flags.store === "string" ? flags.store : undefined, io.env, async (store) => {
          let input: unknown;
          if (flags.dataset !== undefined) input = serve.loadDatasetFile(flags.dataset);
          else if (flags.decoy) input = serve.DECOY_DATASET;
          else {
            const { dataset, skipped } = await serve.datasetFromStore(store.db);
            input = dataset;
            if (skipped > 0) io.stderr.write(`serve: ${skipped} stored records did not fit the serve schema and are not served\n`);
          }
          const dataset = serve.validateDataset(input, "dataset");
          for (const pair of flags.token) {
            const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})=(\S{16,256})$/.exec(pair);
            if (!match) throw new InvalidOptionError(`--token takes ID=SECRET (a secret of 16 to 256 characters), got "${sanitizeField(pair.slice(0, 20))}…"`);
            dataset.tokens.push({ id: match[1] ?? "", token: match[2] ?? "" });
          }
          const whoisLimits = { ...(maxQueryBytes ? { maxQueryBytes } : {}), ...(queryTimeoutMs ? { queryTimeoutMs } : {}), ...(idleTimeoutMs ? { idleTimeoutMs } : {}), ...(maxConnections ? { maxConnections } : {}) };
          const rdapLimits = {
            ...(maxQueryBytes ? { maxQueryBytes } : {}),
            ...(queryTimeoutMs ? { requestTimeoutMs: queryTimeoutMs, connectionTimeoutMs: Math.max(queryTimeoutMs, 1000) } : {}),
            ...(idleTimeoutMs ? { keepAliveTimeoutMs: idleTimeoutMs } : {}),
            ...(maxConnections ? { maxConnections } : {}),
          };
          const planter = flags.canaryDomain === undefined ? undefined : (await import("../../serve/canary/index.js")).createPlanter(store, { mailDomain: flags.canaryDomain, perSource: flags.canaryPerSource === true });
          const handle = await serve.startServe({
            ...(planter ? { planter } : {}),
            dataset,
            host: flags.host,
            whoisPort: flags.whois ? whoisPort : null,
            rdapPort: flags.rdap ? rdapPort : null,
            limits,
            store,
            flushMs,
            whoisLimits,
            rdapLimits,
            env: io.env,
            ...(flags.queryLog ? { queryLog: flags.queryLog } : {}),
            ...(flags.publicUrl ? { publicBase: flags.publicUrl.endsWith("/") ? flags.publicUrl : `${flags.publicUrl}/` } : {}),
            ...(flags.rdapRedirect !== undefined ? { rdapRedirect: redirectBase(flags.rdapRedirect) } : {}),
          });
          const counts = Object.entries(handle.data.counts).map(([k, v]) => `${v} ${k}`).join(", ");
          io.stdout.write(`${JSON.stringify({ whois: handle.whois ? `${handle.whois.host}:${handle.whois.port}` : null, rdap: handle.rdap?.base ?? null, queryLog: handle.queryLogPath ?? null })}\n`);
          io.stderr.write(`serve: ${counts}; query log ${handle.queryLogPath ?? "(memory)"}; accounting in ${store.location}; Ctrl-C or SIGTERM to stop\n`);
          await io.interrupted;
          io.stderr.write("serve: stopping; flushing the query log and accounting\n");
          await handle.close();
        });
      }),
  );
};

/** --rdap-redirect: an absolute http(s) URL without query or fragment, as a base ending in "/". */
function redirectBase(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidOptionError(`--rdap-redirect: "${text}" is not a URL (give a base such as https://rdap.org/)`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") throw new InvalidOptionError(`--rdap-redirect: "${text}" must be an http(s) base URL with no query, fragment or credentials`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}
