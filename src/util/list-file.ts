import { InvalidOptionError, isWhoislensError } from "../errors.js";
import { INPUT_CAPS, readFileCappedSync } from "./read-capped.js";
import { decodeText } from "./text-encoding.js";

/**
 * The entries of a list file the user names (--org-domains, --bad-sources, --dictionary, --tld): one
 * per line (UTF-8, or UTF-16 with its BOM), `#` comments and blank lines dropped, capped at INPUT_CAPS.listFile. `flag` names it in
 * errors: too large is WL_ERR_INPUT_TOO_LARGE, unreadable WL_ERR_INVALID_OPTION (exit 2 either way).
 */
export function readListFile(path: string, flag: string): string[] {
  let text: string;
  try {
    text = decodeText(readFileCappedSync(path, { maxBytes: INPUT_CAPS.listFile.bytes, what: `${flag} file ${path}` }));
  } catch (error) {
    if (isWhoislensError(error)) throw error;
    throw new InvalidOptionError(`${flag}: cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return text.split(/\r?\n/).map((l) => l.replace(/#.*/, "").trim()).filter((l) => l !== "");
}
