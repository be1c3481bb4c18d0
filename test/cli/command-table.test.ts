import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Command, CommanderError, Help } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandContext } from "../../src/cli/commands/index.js";
import { buildProgram, invokedCommands } from "../../src/cli/main.js";
import { fakeIO, runCli } from "../helpers/cli.js";

// Issue #13: the CLI builds only the command being run; the root help, `help` and an unknown command's
// suggestion come from the table in src/cli/commands/index.ts. These tests hold the table to the command
// modules (every row's usage and summary as the loaded command has them) and the lazy CLI to the CLI
// with every command loaded: same output for every help and usage error, same command dispatched.

const COMMANDS_DIR = join(import.meta.dirname, "../../src/cli/commands");

/** The CLI as it was before the table: every command module loaded and registered. */
async function eagerRun(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIO();
  const ctx: CommandContext = { io, state: { exitCode: 0 } };
  const program = await buildProgram(ctx, "all");
  let code = 0;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode === 0 ? 0 : 2;
  }
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

/** Every command path of the full program (["db"], ["db", "search"], …). */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

describe("the command table", () => {
  it("has one row per command module, alphabetical, names unique", () => {
    const modules = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.slice(0, -3));
    const names = COMMANDS.map((row) => row.name);
    expect(names).toEqual([...modules].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives each command the usage line, summary and aliases its module builds", async () => {
    const program = await buildProgram({ io: fakeIO(), state: { exitCode: 0 } }, "all");
    const help = new Help();
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((row) => row.name));
    for (const row of COMMANDS) {
      const command = program.commands.find((c) => c.name() === row.name) as Command;
      expect(row.usage, row.name).toBe(help.subcommandTerm(command));
      expect(row.summary, row.name).toBe(command.summary() || command.description());
      expect([...(row.aliases ?? [])], row.name).toEqual(command.aliases());
    }
  });

  it("each row's load() returns the register function that adds exactly that command", async () => {
    for (const row of COMMANDS) {
      const register = await row.load();
      const { Command: CommandClass } = await import("commander");
      const program = new CommandClass("whoislens");
      register(program, { io: fakeIO(), state: { exitCode: 0 } });
      expect(program.commands.map((c) => c.name()), row.name).toEqual([row.name]);
    }
  });
});

describe("invokedCommands: the command commander will run", () => {
  const names = (argv: string[]) => invokedCommands(argv).map((row) => row.name);
  it.each([
    [["lookup", "example.com"], ["lookup"]],
    [["lookup", "--help"], ["lookup"]],
    [["db", "search", "--email", "a@b"], ["db"]],
    [["help", "lookup"], ["lookup"]],
    [["help", "db", "search"], ["db"]],
    [["--", "lookup", "x"], ["lookup"]],
    [["-V", "lookup"], ["lookup"]],
    [["--version", "db"], ["db"]],
    [["-Vh", "parse"], ["parse"]],
    [[], []],
    [["--help"], []],
    [["--help", "lookup"], []],
    [["-h", "lookup"], []],
    [["--bogus", "lookup"], []],
    [["help"], []],
    [["help", "--json", "lookup"], []],
    [["help", "nosuch"], []],
    [["lokup"], []],
    [["LOOKUP"], []],
    [["-"], []],
  ])("%j → %j", (argv, expected) => {
    expect(names(argv)).toEqual(expected);
  });

  it("never misses the command the fully loaded program dispatches to", async () => {
    const argvs = [...COMMANDS.flatMap((row) => [[row.name], [row.name, "x", "--y"], ["--", row.name], ["-V", row.name], ["help", row.name]]), ["-", "lookup"], ["--help", "lookup"], ["x", "lookup"]];
    const plainCalls = new Map<string, string[]>();
    for (const argv of argvs) {
      const dispatched: string[] = [];
      const program = await buildProgram({ io: fakeIO(), state: { exitCode: 0 } }, "all");
      // Stops before the command parses or runs anything: only which one commander picked matters.
      program.hook("preSubcommand", (_root, sub) => {
        dispatched.push(sub.name());
        throw new CommanderError(0, "test.stop", "stop");
      });
      await program.parseAsync(argv, { from: "user" }).catch((error: unknown) => {
        if (!(error instanceof CommanderError)) throw error;
      });
      for (const name of dispatched) expect(invokedCommands(argv).map((row) => row.name), argv.join(" ")).toContain(name);
      if (argv.length === 1) plainCalls.set(argv[0] as string, dispatched);
    }
    // The hook did see commander dispatch: each command's plain call reached it, so the loop above
    // checked real dispatches and not only empty lists (a hook that never fired passed it).
    expect(Object.fromEntries(COMMANDS.map((row) => [row.name, plainCalls.get(row.name)]))).toEqual(Object.fromEntries(COMMANDS.map((row) => [row.name, [row.name]])));
  });
});

describe("a command that was not loaded", () => {
  it("is never run as its empty placeholder: the program stops with an internal error", async () => {
    const program = await buildProgram({ io: fakeIO(), state: { exitCode: 0 } }, []);
    await expect(program.parseAsync(["lookup", "example.com"], { from: "user" })).rejects.toThrow('internal error: command "lookup" ran without being loaded');
  });
});

describe("the lazy CLI prints what the fully loaded one prints", () => {
  it("for every --help, help CMD, usage error and unknown command", async () => {
    const full = await buildProgram({ io: fakeIO(), state: { exitCode: 0 } }, "all");
    const paths = commandPaths(full);
    expect(paths.length).toBeGreaterThan(COMMANDS.length);
    const argvs: string[][] = [
      [],
      ["--help"],
      ["-h"],
      ["help"],
      ["--version"],
      ["lokup"],
      ["LOOKUP"],
      ["--bogus"],
      ["help", "nosuch"],
      ["--help", "lookup"],
      ["-h", "lookup"],
      ["-V", "lookup"],
      ["--", "nosuch"],
      ["lookup"],
      ["lookup", "--bogus"],
      ["db", "serch"],
      ...paths.flatMap((path) => [[...path, "--help"], ["help", ...path]]),
      ...COMMANDS.map((row) => [row.name, "-h"]),
    ];
    for (const argv of argvs) {
      const lazy = await runCli(argv);
      const eager = await eagerRun(argv);
      expect(lazy, argv.join(" ")).toEqual(eager);
      expect(lazy.stdout + lazy.stderr, argv.join(" ")).not.toBe("");
    }
    // The root help lists every command from the table alone.
    const root = await runCli(["--help"]);
    for (const row of COMMANDS) expect(root.stdout).toContain(`  ${row.usage}  `);
    expect((await runCli(["lokup"])).stderr).toContain("(Did you mean lookup?)");
  });
});
