import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import type { WorldName } from "../../server/index.js";
import { integerFlag } from "../flags.js";
import type { RegisterCommand } from "./index.js";

interface SandboxFlags {
  host: string;
  mapOut?: string;
  describe?: boolean;
  json?: boolean;
  faults: boolean;
  throttleAfter?: string;
}

export const registerSandbox: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("sandbox")
      .description("start the sandbox world (WHOIS, RDAP and DNS servers on loopback) and run until interrupted")
      .option("--host <address>", "address to listen on", "127.0.0.1")
      .option("--map-out <file>", "write the --servers map to this file (else one JSON line on stdout)")
      .option("--describe", "list the names the world knows, then keep running")
      .option("--json", "with --describe: JSON instead of a table")
      .option("--no-faults", "do not serve the .fault names")
      .option("--throttle-after <n>", "refuse a source after n queries to one server (rate-limit fault)")
      .action(async (flags: SandboxFlags) => {
        const { io } = ctx;
        const throttleAfter = integerFlag("throttle-after", flags.throttleAfter, { min: 0 });
        const { startSandbox } = await import("../../server/index.js");
        const sandbox = await startSandbox({ host: flags.host, faults: flags.faults, ...(throttleAfter !== undefined ? { throttleAfter } : {}) });
        try {
          const map = JSON.stringify(sandbox.serverMap);
          if (flags.mapOut) {
            await writeFile(flags.mapOut, `${JSON.stringify(sandbox.serverMap, null, 2)}\n`);
            io.stderr.write(`sandbox ready: --servers map written to ${flags.mapOut}\n`);
          } else {
            io.stdout.write(`${map}\n`);
          }
          io.stderr.write(`bootstrap files (for --bootstrap-dir): ${sandbox.bootstrapDir}\n`);
          const resolver = `${sandbox.dns.host.includes(":") ? `[${sandbox.dns.host}]` : sandbox.dns.host}:${sandbox.dns.port}`;
          io.stderr.write(`dns server (for --resolver, UDP and TCP): ${resolver}\n`);
          if (flags.describe) {
            const names = sandbox.describe();
            if (flags.json) io.stdout.write(`${JSON.stringify(names)}\n`);
            else io.stdout.write(`dns server (--resolver): ${resolver}\n${describeTable(names)}`);
          }
          io.stderr.write("sandbox running; Ctrl-C to stop\n");
          await io.interrupted;
        } finally {
          await sandbox.close();
        }
      }),
  );
};

/** The --describe table: a line per name, then the servers that answer it. */
function describeTable(names: WorldName[]): string {
  const width = Math.max(...names.map((name) => name.query.length)) + 2;
  return names
    .map((name) => {
      const short = name.expect.length <= 10;
      const description = short ? name.description : `${name.description}: ${name.expect}`;
      const paths = [name.whois ? `whois: ${name.whois}` : "", name.rdap ? `rdap: ${name.rdap}` : ""].filter(Boolean).join("; ");
      return `${name.query.padEnd(width)}${name.kind.padEnd(8)}${(short ? name.expect : "").padEnd(11)}${description}\n${" ".repeat(width)}${paths}\n`;
    })
    .join("");
}
