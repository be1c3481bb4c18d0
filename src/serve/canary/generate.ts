/**
 * One set of canary contacts: a person name from the name tables, an e-mail whose local part carries
 * the canary token ("anna.berg.dakomire37@decoy.example"), and a number from a fictional range.
 */
import { randomInt } from "node:crypto";
import { InvalidOptionError } from "../../errors.js";
import type { CanaryTables, PhoneRange } from "./tables.js";
import { encodeToken, TOKEN_BITS } from "./tokens.js";

export interface ContactSet { token: string; name: string; email: string; phone: string }

/** Random integers in [0, max): crypto by default, a seeded one in tests. */
export type RandomInt = (max: number) => number;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}$/;

/** Checks the decoy mail domain (lower-case LDH, at least two labels). */
export function mailDomainOption(domain: string | undefined): string {
  if (domain === undefined || domain.trim() === "") throw new InvalidOptionError("canaries need a mail domain whose mail you read: give --domain (or WHOISLENS_CANARY_DOMAIN)");
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  if (!DOMAIN.test(d)) throw new InvalidOptionError(`--domain: "${domain}" is not a domain name (letters, digits, hyphens, dots)`);
  return d;
}

function pick<T>(list: readonly T[], random: RandomInt): T {
  const item = list[random(list.length)];
  if (item === undefined) throw new InvalidOptionError("canary table is empty");
  return item;
}

/** Letters for the local part: lower case, accents dropped, anything else removed. */
function localWord(word: string): string {
  return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
}

export function phoneNumber(range: PhoneRange, random: RandomInt): string {
  let tail = "";
  for (let i = 0; i < range.digits; i++) tail += String(random(10));
  return range.prefix + tail;
}

export function makeContactSet(tables: CanaryTables, mailDomain: string, random: RandomInt = randomInt): ContactSet {
  const token = encodeToken(random(2 ** TOKEN_BITS));
  const given = pick(tables.given, random);
  const surname = pick(tables.surnames, random);
  const local = [localWord(given), localWord(surname), token].filter((w) => w !== "").join(".");
  return { token, name: `${given} ${surname}`, email: `${local}@${mailDomain}`, phone: phoneNumber(pick(tables.phones, random), random) };
}
