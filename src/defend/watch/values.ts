import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { InvalidOptionError } from "../../errors.js";
import { hasControlCharacter } from "../../util/chars.js";
import type { TermField, WatchKind } from "./types.js";

/** Longest organisation term kept (a longer one is no one's name). */
const MAX_TERM = 200;
const HOST = /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))+$/;

/** A domain name as watch entries and the history key it; `what` names the command or flag in the error. */
export function hostName(value: string, what: string): string {
  const ascii = domainToASCII(value.trim().replace(/\.$/, "").toLowerCase());
  if (ascii === "" || ascii.length > 253 || !HOST.test(ascii)) throw new InvalidOptionError(`${what} needs a domain name such as example.com, got "${value.slice(0, 80)}"`);
  return ascii;
}

function netblock(value: string): string {
  const [address = "", prefix, extra] = value.trim().split("/");
  const family = isIP(address);
  const max = family === 6 ? 128 : 32;
  if (family === 0 || extra !== undefined || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= max))) {
    throw new InvalidOptionError(`a netblock is an IP address or a CIDR such as 192.0.2.0/24, got "${value.slice(0, 80)}"`);
  }
  return prefix === undefined ? address.toLowerCase() : `${address.toLowerCase()}/${prefix}`;
}

function term(field: TermField, value: string): string {
  const text = value.trim();
  if (hasControlCharacter(text)) throw new InvalidOptionError(`--term ${field} must not hold control characters`);
  if (field === "email") {
    if (!/^[^\s@]{1,64}@[^\s@]{1,253}$/.test(text)) throw new InvalidOptionError(`--term email needs an e-mail address, got "${text.slice(0, 80)}"`);
    return text.toLowerCase();
  }
  if (field === "nameserver") return hostName(text, "--term nameserver");
  if (text === "" || text.length > MAX_TERM) throw new InvalidOptionError(`--term org needs an organisation name of 1 to ${MAX_TERM} characters`);
  return text;
}

/** A watch value checked and spelt the way lookups and the store spell it (A-labels, lower case). */
export function normalizeWatchValue(kind: WatchKind, value: string, field?: TermField): string {
  if (kind === "domain") return hostName(value, "watch add");
  if (kind === "lookalikes") return hostName(value, "--lookalikes");
  if (kind === "netblock") return netblock(value);
  if (field === undefined) throw new InvalidOptionError("--term needs a field: org, email or nameserver");
  return term(field, value);
}
