import { Command } from "commander";
import type { LookupOptions } from "../../lookup/index.js";
import type { Sandbox } from "../../server/index.js";
import type { Bootstrap, ServerMap } from "../../servers/index.js";
import type { CliIO } from "../io.js";
import { sanitizeDeep, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { formatRecordText } from "../format/record-text.js";
import type { RegisterCommand } from "./index.js";

/** The tour: one stop per thing the lookup engine does, each against the sandbox world. */
export const DEMO_TOUR: readonly { query: string; why: string; options?: Partial<LookupOptions> }[] = [
  { query: "example.com", why: "thin registry → registrar referral over RDAP (registry + registrar merged)" },
  { query: "example.com", why: "the same over port 43: Verisign-style thin answer, then the registrar's WHOIS", options: { protocol: "whois" } },
  { query: "bücher.de", why: "an IDN at a thick ccTLD registry (DENIC-style, WHOIS only)" },
  { query: "example.org", why: "a thick registry over RDAP with redacted (RFC 9537) contacts" },
  { query: "sunset-example.app", why: "a gTLD that answers RDAP only (WHOIS sunset, 2025)" },
  { query: "never-registered-example.com", why: "an unregistered domain: status available, exit code 1" },
  { query: "198.51.100.7", why: "an IPv4 address: ARIN-style RDAP network" },
  { query: "2001:db8:1234::1", why: "an IPv6 address: RIPE-style network" },
  { query: "203.0.113.0/24", why: "a CIDR block over WHOIS, asked at ARIN (-h whois.arin.net), which refers to RIPE", options: { protocol: "whois", host: "whois.arin.net" } },
  { query: "AS64500", why: "an AS number" },
  { query: "loop-referral.com", why: "fault: registrars referring to each other — the loop guard stops it", options: { protocol: "whois" } },
  { query: "private-referral.com", why: "fault: a referral to a private address — refused", options: { protocol: "whois" } },
  { query: "slow.fault", why: "fault: a server that drips one byte every 100 ms — the hop timeout ends it", options: { protocol: "whois", hopTimeoutMs: 1500 } },
  { query: "bomb.fault", why: "fault: an RDAP JSON bomb (100,000 levels) — refused before parsing, then port 43 is tried" },
];

export const registerDemo: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("demo")
      .description("start the sandbox world in-process and run a lookup tour against it (offline)")
      .option("--json", "print each record as JSON instead of a table")
      .action(async (flags: { json?: boolean }) => {
        const { io } = ctx;
        const [{ lookup }, { startSandbox }, { Bootstrap, loadServerMap }] = await Promise.all([
          import("../../lookup/index.js"),
          import("../../server/index.js"),
          import("../../servers/index.js"),
        ]);
        const sandbox = await startSandbox();
        try {
          const servers = loadServerMap(sandbox.serverMap);
          const bootstrap = Bootstrap.load(sandbox.bootstrapDir);
          io.stdout.write(`whoislens demo — sandbox world on ${describeAddresses(sandbox.serverMap)}\n`);
          for (const stop of DEMO_TOUR) {
            io.stdout.write(`\n━━ whoislens lookup ${sanitizeField(stop.query)}${stop.options?.protocol ? ` --protocol ${stop.options.protocol}` : ""}\n   ${stop.why}\n\n`);
            try {
              const record = sanitizeDeep(await lookup(stop.query, { servers, bootstrap, mappedOnly: true, hopTimeoutMs: 3000, totalTimeoutMs: 8000, ...stop.options }));
              io.stdout.write(flags.json ? `${JSON.stringify(record, null, 2)}\n` : formatRecordText(record));
            } catch (error) {
              const code = (error as { code?: string }).code ?? "error";
              io.stdout.write(`   → ${code}: ${sanitizeField((error as Error).message)}\n`);
            }
          }
          await footprintStop(io, sandbox, servers, bootstrap);
          io.stdout.write(`\nTry it yourself: whoislens sandbox --map-out servers.json, then whoislens lookup example.com --servers servers.json\n`);
        } finally {
          await sandbox.close();
        }
        ctx.state.exitCode = EXIT.OK;
      }),
  );
};

/** The last stop: the world's zone list bulk-collected into a store, then a footprint from one domain. */
async function footprintStop(io: CliIO, sandbox: Sandbox, servers: ServerMap, bootstrap: Bootstrap): Promise<void> {
  io.stdout.write(`\n━━ whoislens footprint example.com\n   from one domain to the organisation's domains, netblocks and AS numbers (after a bulk run filled the store)\n\n`);
  const [{ bulkLookup, PoliteScheduler }, { footprint, renderFootprint }, { Store }] = await Promise.all([
    import("../../bulk/index.js"),
    import("../../footprint/index.js"),
    import("../../store/index.js"),
  ]);
  const store = await Store.open(":memory:");
  try {
    const options = { servers, bootstrap, mappedOnly: true };
    const pass = await store.beginRun("zone", "demo", "{}", new Date().toISOString());
    const names = sandbox.describe().filter((name) => name.kind === "domain" && name.expect === "registered").map((name) => name.query);
    async function* zone(): AsyncGenerator<string> {
      yield* names;
    }
    for await (const _ of bulkLookup(zone(), { lookup: { ...options, raw: true }, scheduler: new PoliteScheduler({ servers }), concurrency: 8, perServer: 4, lookahead: 64, store: { store, runId: "zone", pass } }));
    const graph = await footprint(["example.com"], { lookup: options, store, dns: { resolver: `${sandbox.dns.host}:${sandbox.dns.port}` } });
    // The tour is read at a terminal (or its transcript): the text summary, not the Markdown report.
    io.stdout.write(renderFootprint(graph, "text"));
  } catch (error) {
    io.stdout.write(`   → ${sanitizeField((error as Error).message)}\n`);
  } finally {
    await store.close();
  }
}

function describeAddresses(map: Record<string, unknown>): string {
  return `${Object.keys(map).length} loopback endpoints`;
}
