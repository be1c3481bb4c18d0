/**
 * Inputs as the user names them: files, "-" (standard input) and folders. A folder stands for the
 * regular files directly in it (not its subfolders, not hidden files such as zeekctl's .pid or
 * .status), in code-point order of their names, so two runs read the same files in the same order.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InvalidOptionError } from "../../errors.js";

/** At most this many files from one folder (a mistaken `/` must not open a million files). */
export const MAX_FOLDER_FILES = 10_000;

/** An input to read, and whether it was found by listing a folder (not named by the user). */
export interface Input {
  path: string;
  listed: boolean;
}

export function expandInputs(paths: readonly string[]): string[] {
  return listInputs(paths).map((input) => input.path);
}

export function listInputs(paths: readonly string[]): Input[] {
  const out: Input[] = [];
  for (const p of paths) {
    if (p === "-" || !isFolder(p)) {
      out.push({ path: p, listed: false });
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(p);
    } catch (error) {
      throw new InvalidOptionError(`cannot list folder ${p}: ${(error as Error).message}`, { cause: error });
    }
    const files = names.filter((n) => !n.startsWith(".")).sort().map((n) => join(p, n)).filter(isFile);
    if (files.length === 0) throw new InvalidOptionError(`no log files in folder ${p} (folders are read without their subfolders)`);
    if (files.length > MAX_FOLDER_FILES) throw new InvalidOptionError(`folder ${p} holds ${files.length} files, more than ${MAX_FOLDER_FILES}: name the files instead`);
    out.push(...files.map((path) => ({ path, listed: true })));
  }
  return out;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false; // the reader reports a missing file with its own error
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
