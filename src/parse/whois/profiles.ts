import type { ContactRole } from "../../record/types.js";
import type { ContactFieldTarget } from "./aliases.js";
import type { FreeformNames } from "./freeform.js";

/**
 * Per-server layouts that the general engine cannot read by labels alone. Keep this table short:
 * a row only where a registry's format really differs, with the reason beside it.
 */
export interface ServerProfile {
  /**
   * Unprefixed labels in the domain's own block that describe the holder by position: the n-th line
   * of a label feeds the n-th field listed (extra lines go to the last field when it is "street").
   */
  holderByPosition?: Readonly<Record<string, readonly ContactFieldTarget[]>>;
  /** Numeric dates are month first ("03/28/2013"), not the day-first reading used elsewhere. */
  monthFirstDates?: boolean;
  /** Roles whose bare-line blocks start with the organisation, the rest being its address (no person). */
  organizationFirst?: readonly ContactRole[];
  /** Roles whose bare-line blocks give one name of several lines (person, title, organisation) up to the street. */
  nameBlock?: readonly ContactRole[];
  /**
   * The registry prints the delegation's keys (DS or DNSKEY lines) in every registered domain answer that has them and
   * states DNSSEC in no other way: a registered domain answer without them is unsigned (what its RDAP secureDNS says).
   */
  keysOrUnsigned?: boolean;
}

/** How a role's bare-line block names its contact on this server (freeform.ts). */
export function freeformNames(profile: ServerProfile | undefined, role: ContactRole): FreeformNames {
  if (profile?.organizationFirst?.includes(role) === true) return "organization";
  return profile?.nameBlock?.includes(role) === true ? "name-block" : "person";
}

/** Freenom's registries (.tk, .cf, .ml, .ga, .gq) share one server software and its US dates. */
const FREENOM: ServerProfile = { monthFirstDates: true };

/** Registries whose only DNSSEC statement is the key lines themselves (see keysOrUnsigned). */
const KEYS_OR_UNSIGNED: ServerProfile = { keysOrUnsigned: true };

export const SERVER_PROFILES: ReadonlyMap<string, ServerProfile> = new Map<string, ServerProfile>([
  // Ficora's pre-2015 layout: "descr:" holder name then register number; "address:" contact person,
  // street, postcode, city — one value per line, no labels to tell them apart.
  ["whois.dot.tk", FREENOM],
  ["whois.dot.cf", FREENOM],
  ["whois.dot.ml", FREENOM],
  ["whois.my.ga", FREENOM],
  ["whois.dominio.gq", FREENOM],
  // EDUCAUSE (.edu): registrants are institutions; the Registrant block is the institution's name,
  // then its postal address (both weppos and likexian read it so). Its other contacts print the person, a job title
  // or department and the institution on lines of their own before the street, one name of several lines (as
  // weppos/whois-parser reads them, ../shared/corpus edu_property_contacts*): no line of the block is dropped.
  ["whois.educause.edu", { organizationFirst: ["registrant"], nameBlock: ["administrative", "technical", "billing"] }],
  // DNSSEC stated only by key lines (docs/parsing.md, "DNSSEC"): DENIC "Dnskey:" (https://www.denic.de/webwhois-web20/
  // explanation?lang=en), AFNIC's servers "dsl-id:"/"ds-list:" (.fr, .re, .pm, .tf, .wf, .yt), EURid and DNS Belgium
  // "Keys:" (a section printed empty for an unsigned domain). The w12-watch finding: DNSSEC removed was seen over RDAP only.
  ["whois.denic.de", KEYS_OR_UNSIGNED],
  ["whois.nic.fr", KEYS_OR_UNSIGNED],
  ["whois.nic.re", KEYS_OR_UNSIGNED],
  ["whois.nic.pm", KEYS_OR_UNSIGNED],
  ["whois.nic.tf", KEYS_OR_UNSIGNED],
  ["whois.nic.wf", KEYS_OR_UNSIGNED],
  ["whois.nic.yt", KEYS_OR_UNSIGNED],
  ["whois.eu", KEYS_OR_UNSIGNED],
  ["whois.dns.be", KEYS_OR_UNSIGNED],
  ["whois.fi", { holderByPosition: { descr: ["organization", "handle"], address: ["name", "street", "postalCode", "city"], phone: ["phone"] } }],
]);
