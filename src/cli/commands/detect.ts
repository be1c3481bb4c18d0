import { Command, Option } from "commander";
import { InvalidOptionError } from "../../errors.js";
import type { DetectFilesOptions } from "../../detect/engine/index.js";
import { type Alert, LOG_FORMATS, type LogFormat, type ReadStats } from "../../detect/types.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { listFlag } from "../flags.js";
import { inputErrorLine, interruptExitCode } from "../io.js";
import type { RegisterCommand } from "./index.js";

interface DetectFlags {
  format: "markdown" | "ndjson" | "cef";
  syslog?: boolean;
  orgDomains?: string;
  badSources?: string;
  watchCountries?: string;
  internal?: string;
  logFormat?: LogFormat;
  columns?: string;
  tz?: string;
  follow?: boolean;
  rules?: string;
  lists?: string;
  bootstrapDir?: string;
}

/** `whoislens detect LOG… [--format markdown|ndjson|cef] [--org-domains FILE] [--follow] …` */
export const registerDetect: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("detect")
      .description("detect WHOIS reconnaissance (T1596.002) in Zeek, Suricata EVE, Sysmon, firewall and Squid logs and pcaps; exit 0 none, 1 alerts, 2 usage or input error")
      .argument("<logs...>", "log files or captures (gzip too), folders (the files directly in them), - for standard input")
      .addOption(new Option("--format <format>", "alert output").choices(["markdown", "ndjson", "cef"]).default("markdown"))
      .option("--syslog", "with --format cef: prefix each line with an RFC 5424 syslog header")
      .option("--org-domains <file>", "the organization's own domains, one per line: lookups of them (and their subdomains) are weighted up")
      .option("--bad-sources <file>", "known-bad source IPs/CIDRs, one per line: an indicator that raises severity")
      .option("--watch-countries <codes>", "comma-separated ISO country codes: external sources located there raise severity")
      .option("--internal <cidrs>", "comma-separated CIDRs that count as internal besides RFC 1918/ULA/loopback/link-local/CGNAT")
      .addOption(new Option("--log-format <format>", "read every input as this format instead of sniffing").choices([...LOG_FORMATS]))
      .option("--columns <map>", "firewall CSV column map, e.g. src=SourceIP,dst=DestIP,dport=DPort,ts=Time,action=Action")
      .option("--tz <zone>", "time zone of logs written in local time without an offset (ausearch -i, NXLog EventTime, BSD syslog headers, pfirewall.log, PAN-OS, BIND, ASA, Windows DNS debug log, CEF rt, LEEF devTime, CoreDNS behind syslog): Europe/Paris or +01:00; default UTC")
      .option("--follow", "keep reading appended lines (like tail -f) and print alerts as they are raised; stop with Ctrl-C. A port-43 connection whose outcome the log does not say (WFP 5156, a firewall allow) waits out the port-scan window (600 s) before it alerts, on the log's time or, when the log goes quiet, on the wall clock")
      .option("--rules <dir>", "rule directory (default: the shipped data/detect-rules)")
      .option("--lists <dir>", "host-list directory (default: the shipped data/detect-lists)")
      .option("--bootstrap-dir <dir>", "IANA RDAP bootstrap to take RDAP host names from")
      .action(async (logs: string[], flags: DetectFlags) => {
        if (flags.syslog && flags.format !== "cef") throw new InvalidOptionError("--syslog goes with --format cef");
        // The rules, readers, country data and formatters load only when detect runs, with the query-log
        // rules for `whoislens serve` query logs (issue #15).
        const [{ detectFiles }, { alertFormatter, formatMarkdown }, { parseColumnMap, localClock }, { loadRuleSet }, { Bootstrap }, { createWatchdog }] = await Promise.all([
          import("../../detect/engine/index.js"),
          import("../../detect/format/index.js"),
          import("../../detect/readers/index.js"),
          import("../../detect/rules/index.js"),
          import("../../servers/bootstrap.js"),
          import("../../serve/watchdog/index.js"),
        ]);
        if (flags.tz !== undefined) localClock(flags.tz); // a zone Intl does not know: WL_ERR_INVALID_OPTION before any read
        const rules = loadRuleSet({
          ...(flags.rules !== undefined ? { rulesDir: flags.rules } : {}),
          ...(flags.lists !== undefined ? { listsDir: flags.lists } : {}),
          ...(flags.bootstrapDir !== undefined ? { bootstrap: Bootstrap.load(flags.bootstrapDir) } : {}),
        });
        const servedRules = createWatchdog({ ...(flags.follow ? { onAlert: (a: Alert) => void ctx.io.stdout.write(one(a, ++streamed)) } : {}) });
        const descriptions = new Map([...rules.rules.map((r): [string, string] => [r.id, r.description]), ...servedRules.rules.map((r): [string, string] => [r.id, r.description])]);
        const one = alertFormatter(flags.format, { descriptions, syslog: flags.syslog === true, hostname: sanitizeField(ctx.io.env.HOSTNAME ?? "-") });
        const controller = new AbortController();
        let streamed = 0;
        // Ctrl-C ends --follow (its normal end); over files it stops reading and reports what was read so far.
        void ctx.io.interrupted.then(() => controller.abort());
        const options: DetectFilesOptions = {
          rules,
          servedRules,
          ...(flags.orgDomains !== undefined ? { orgDomainsFile: flags.orgDomains } : {}),
          ...(flags.badSources !== undefined ? { badSourcesFile: flags.badSources } : {}),
          watchCountries: listFlag(flags.watchCountries),
          internal: listFlag(flags.internal),
          ...(flags.logFormat !== undefined ? { format: flags.logFormat } : {}),
          ...(flags.columns !== undefined ? { columnMap: parseColumnMap(flags.columns) } : {}),
          ...(flags.tz !== undefined ? { tz: flags.tz } : {}),
          signal: controller.signal,
          // "-" reads the CLI's own standard input (io.stdin: a test feeds it in process), taken only when named.
          ...(logs.includes("-") ? { stdin: ctx.io.stdin } : {}),
          ...(flags.follow ? { follow: true, holdMs: 0, onAlert: (a: Alert) => void ctx.io.stdout.write(one(a, ++streamed)) } : {}),
          ...(flags.follow && ctx.io.clock !== undefined ? { wallClock: ctx.io.clock } : {}),
          onStats: (s) => ctx.io.stderr.write(statsLine(s)),
        };
        const { alerts, stats } = await detectFiles(logs, options);
        if (!flags.follow) {
          if (flags.format === "markdown") ctx.io.stdout.write(formatMarkdown(alerts, stats));
          else alerts.forEach((a, i) => ctx.io.stdout.write(one(a, i + 1)));
        }
        const broken = stats.filter((s) => s.error !== undefined);
        for (const s of broken) ctx.io.stderr.write(inputErrorLine(s.file, s.error ?? ""));
        if (!flags.follow && controller.signal.aborted) {
          const lines = stats.reduce((sum, s) => sum + s.lines, 0);
          ctx.io.stderr.write(`detect: interrupted: ${lines} lines read from ${stats.length} input file(s), the rest not read; the ${alerts.length} alert(s) above come from those; run it again to read everything\n`);
          ctx.state.exitCode = interruptExitCode(ctx.io);
          return;
        }
        ctx.state.exitCode = broken.length > 0 ? EXIT.USAGE : alerts.length > 0 ? EXIT.NOT_FOUND : EXIT.OK;
      }),
  );
};

function statsLine(s: ReadStats): string {
  const notice = s.notice !== undefined ? `whoislens: ${sanitizeField(s.file)}: ${sanitizeField(s.notice)}\n` : "";
  if (s.notice !== undefined && s.format === "unknown") return notice;
  const evicted = s.evicted !== undefined ? `, ${s.evicted} flows evicted` : "";
  return `whoislens: ${sanitizeField(s.file)}: ${s.format}, ${s.lines} lines, ${s.events} events, ${s.skipped} skipped, ${s.malformed} malformed${evicted}${s.error !== undefined ? ", read error (see below)" : ""}\n${notice}`;
}
