import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { InvalidOptionError } from "../../errors.js";
import type { RuleSet } from "../../detect/rules/index.js";
import { sanitizeField } from "../../util/sanitize.js";
import type { CliIO } from "../io.js";
import type { RegisterCommand } from "./index.js";

interface RulesFlags { rules?: string; lists?: string }
interface ExportFlags extends RulesFlags { format: "sigma" | "suricata"; out?: string; orgDomains?: string }

const load = async (f: RulesFlags): Promise<RuleSet> => {
  const { loadRuleSet } = await import("../../detect/rules/index.js");
  return loadRuleSet({ ...(f.rules !== undefined ? { rulesDir: f.rules } : {}), ...(f.lists !== undefined ? { listsDir: f.lists } : {}) });
};

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function write(io: CliIO, out: string | undefined, files: [string, string][], single: string): void {
  if (out === undefined) {
    io.stdout.write(single);
    return;
  }
  try {
    if (out.endsWith("/") || isDir(out)) {
      mkdirSync(out, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(out, name), text);
      io.stderr.write(`whoislens: wrote ${files.length} file(s) to ${sanitizeField(out)}\n`);
    } else writeFileSync(out, single);
  } catch (error) {
    throw new InvalidOptionError(`--out: cannot write ${out}: ${(error as Error).message}`, { cause: error });
  }
}

/** `whoislens rules list` and `whoislens rules export --format sigma|suricata [--out DIR|FILE]`. */
export const registerRules: RegisterCommand = (program, ctx) => {
  const rules = new Command("rules").description("the WHOIS-reconnaissance rule table: list it, export it as Sigma or Suricata rules");
  rules.addCommand(
    new Command("list")
      .description("list the rules (id, severity, kind, name)")
      .option("--rules <dir>", "rule directory (default: the shipped data/detect-rules)")
      .option("--lists <dir>", "host-list directory")
      .action(async (flags: RulesFlags) => {
        const set = await load(flags);
        for (const r of set.rules) ctx.io.stdout.write(`${r.id}\t${r.severity}\t${r.match.type}\t${sanitizeField(r.name)}\n`);
        const sizes = Object.entries(set.lists).map(([k, v]) => `${k} ${v.length}`).join(", ");
        ctx.io.stderr.write(`whoislens: ${set.rules.length} rules; host lists: ${sizes}\n`);
      }),
  );
  rules.addCommand(
    new Command("export")
      .description("write the rules as Sigma YAML (one document per rule; bursts and correlations as Sigma correlation rules) or Suricata rules")
      .addOption(new Option("--format <format>", "sigma or suricata").choices(["sigma", "suricata"]).makeOptionMandatory())
      .option("--out <path>", "a file, or a directory (existing, or ending in /) for one file per Sigma rule; default standard output")
      .option("--org-domains <file>", "fill the own-domain rules with these domains (Sigma)")
      .option("--rules <dir>", "rule directory (default: the shipped data/detect-rules)")
      .option("--lists <dir>", "host-list directory")
      .action(async (flags: ExportFlags) => {
        const set = await load(flags);
        const [{ readListFile }, { sigmaYaml, suricataRules, toSigma }] = await Promise.all([import("../../detect/engine/index.js"), import("../../detect/export/index.js")]);
        if (flags.format === "sigma") {
          const docs = toSigma(set, { ...(flags.orgDomains !== undefined ? { orgDomains: readListFile(flags.orgDomains, "--org-domains") } : {}) });
          write(ctx.io, flags.out, docs.map((d) => [`${d.name}.yml`, sigmaYaml([d])]), sigmaYaml(docs));
        } else {
          const text = suricataRules(set);
          write(ctx.io, flags.out, [["whoislens.rules", text]], text);
        }
      }),
  );
  program.addCommand(rules);
};
