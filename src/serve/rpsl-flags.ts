/**
 * RIPE-style port-43 query flags, as tables. Sources: RIPE Database Query Reference Manual ("Queries in the RIPE
 * Database", its flag list) and the RIPE query server's messages (Appendix C, "Query Server Response Codes and
 * Messages"). GNU whois passes these flags through unchanged (`whois -h HOST -p PORT -r -B 192.0.2.1` sends
 * "-r -B 192.0.2.1"; `-- '-V Md5.6 KEY'` sends the client tag RIPE-like servers accept).
 */

/** What a flag does here. `ignored`: accepted and without effect on our answers (output shaping we do not vary). */
export type FlagRole =
  | "no-referenced"
  | "types"
  | "inverse"
  | "sources"
  | "client-tag"
  | "template"
  | "info"
  | "exact"
  | "one-less"
  | "all-less"
  | "one-more"
  | "all-more"
  | "ignored";

export interface FlagRow {
  /** The short form ("-r") and/or long form ("--no-referenced"). */
  names: readonly string[];
  /** Takes one argument (the next word, or the rest of a short-flag cluster). */
  argument: boolean;
  role: FlagRole;
  /** Why it is here / what RIPE does with it. */
  note: string;
}

export const RPSL_FLAGS: readonly FlagRow[] = [
  { names: ["-r", "--no-referenced"], argument: false, role: "no-referenced", note: "no referenced persons/roles/organisations: nothing personal shown, nothing counted" },
  { names: ["-T", "--select-types"], argument: true, role: "types", note: "answer only objects of these types (comma list); %ERROR:103 for an unknown type" },
  { names: ["-i", "--inverse"], argument: true, role: "inverse", note: "inverse query on these attributes" },
  { names: ["-s", "--sources"], argument: true, role: "sources", note: "sources to search (comma list); %ERROR:102 for one we do not hold" },
  { names: ["-a", "--all-sources"], argument: false, role: "ignored", note: "all sources: we hold one" },
  { names: ["-V", "--client"], argument: true, role: "client-tag", note: "client tag (GNU whois sends -V Md5.x)" },
  { names: ["-t", "--template"], argument: true, role: "template", note: "the template of an object type" },
  { names: ["-v", "--verbose"], argument: true, role: "template", note: "the verbose template of an object type" },
  { names: ["-q"], argument: true, role: "info", note: "server information: version, sources, types" },
  { names: ["-x", "--exact"], argument: false, role: "exact", note: "IP key: the exact range only" },
  { names: ["-l", "--one-less"], argument: false, role: "one-less", note: "IP key: the first less specific range, without the exact match" },
  { names: ["-L", "--all-less"], argument: false, role: "all-less", note: "IP key: every less specific range and the exact match" },
  { names: ["-m", "--one-more"], argument: false, role: "one-more", note: "IP key: the first level of more specific ranges" },
  { names: ["-M", "--all-more"], argument: false, role: "all-more", note: "IP key: every more specific range" },
  { names: ["-B", "--no-filtering"], argument: false, role: "ignored", note: "unfiltered output: ours is never filtered" },
  { names: ["-G", "--no-grouping"], argument: false, role: "ignored", note: "no grouping: ours is not grouped" },
  { names: ["-b", "--abuse-contact"], argument: false, role: "ignored", note: "brief abuse output: full objects are answered" },
  { names: ["-K", "--primary-keys"], argument: false, role: "ignored", note: "primary keys only: full objects are answered" },
  { names: ["-F", "--brief"], argument: false, role: "ignored", note: "short attribute names: long ones are answered" },
  { names: ["-c", "--irt"], argument: false, role: "ignored", note: "irt objects: none held" },
  { names: ["-d", "--reverse-domain"], argument: false, role: "ignored", note: "reverse domains: none held" },
  { names: ["-k", "--persistent-connection"], argument: false, role: "ignored", note: "one query per connection here (RFC 3912)" },
  { names: ["--no-personal", "--show-personal", "--no-tag-info", "--show-tag-info", "--resource", "--no-referral"], argument: false, role: "ignored", note: "output options without effect here" },
];

const BY_NAME = new Map<string, FlagRow>(RPSL_FLAGS.flatMap((row) => row.names.map((name): [string, FlagRow] => [name, row])));

export function flagRow(name: string): FlagRow | undefined {
  return BY_NAME.get(name);
}

/** The one source this server holds; every RPSL object's `source:` names it. */
export const SERVE_SOURCE = "WHOISLENS";

/** The IP hierarchy flags: at most one per query (RIPE %ERROR:901). */
export const IP_FLAG_ROLES = ["exact", "one-less", "all-less", "one-more", "all-more"] as const;
export type IpFlag = (typeof IP_FLAG_ROLES)[number];

/**
 * Shortest prefix `-m`/`-M` will walk: RIPE refuses them "on very large ranges/prefixes" (%ERROR:112) without saying
 * where; ours: an IPv4 /8 or an IPv6 /16 and longer, so `-r -M 0.0.0.0/0` cannot list the whole dataset. Answers are
 * capped at the search limit (100) as inverse answers are.
 */
export const MORE_SPECIFIC_MIN_LENGTH = { v4: 8, v6: 16 } as const;

/** RIPE Database object types (RPSL Object Types); -T/-t naming anything else is %ERROR:103. */
export const RPSL_TYPES = [
  "as-block", "as-set", "aut-num", "domain", "filter-set", "inet6num", "inetnum", "inet-rtr", "irt", "key-cert", "mntner",
  "organisation", "peering-set", "person", "poem", "poetic-form", "role", "route", "route-set", "route6", "rtr-set",
] as const;
export type RpslType = (typeof RPSL_TYPES)[number];

export function rpslType(name: string): RpslType | undefined {
  const lowered = name.toLowerCase();
  return RPSL_TYPES.find((type) => type === lowered);
}

/**
 * Templates (`-t TYPE`) of the types this server answers: attribute, mandatory/optional, single/multiple, keys, as the
 * RIPE Database documents them ("RPSL Object Types", each object's attribute table), limited to what we serve.
 */
type Template = readonly (readonly [attribute: string, presence: "mandatory" | "optional" | "generated", count: "single" | "multiple", keys: string])[];
export const TEMPLATES: Readonly<Partial<Record<RpslType, Template>>> = {
  person: [["person", "mandatory", "single", "lookup key"], ["address", "mandatory", "multiple", ""], ["phone", "mandatory", "multiple", ""], ["fax-no", "optional", "multiple", ""], ["e-mail", "optional", "multiple", "lookup key"], ["nic-hdl", "mandatory", "single", "primary/lookup key"], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  role: [["role", "mandatory", "single", "lookup key"], ["address", "mandatory", "multiple", ""], ["phone", "optional", "multiple", ""], ["fax-no", "optional", "multiple", ""], ["e-mail", "mandatory", "multiple", "lookup key"], ["nic-hdl", "mandatory", "single", "primary/lookup key"], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  organisation: [["organisation", "mandatory", "single", "primary/lookup key"], ["org-name", "mandatory", "single", "lookup key"], ["address", "mandatory", "multiple", ""], ["phone", "optional", "multiple", ""], ["e-mail", "mandatory", "multiple", "lookup key"], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  inetnum: [["inetnum", "mandatory", "single", "primary/lookup key"], ["netname", "mandatory", "single", "lookup key"], ["descr", "optional", "multiple", ""], ["country", "mandatory", "multiple", ""], ["org", "optional", "single", "inverse key"], ["admin-c", "mandatory", "multiple", "inverse key"], ["tech-c", "mandatory", "multiple", "inverse key"], ["abuse-c", "optional", "single", "inverse key"], ["status", "mandatory", "single", ""], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  inet6num: [["inet6num", "mandatory", "single", "primary/lookup key"], ["netname", "mandatory", "single", "lookup key"], ["descr", "optional", "multiple", ""], ["country", "mandatory", "multiple", ""], ["org", "optional", "single", "inverse key"], ["admin-c", "mandatory", "multiple", "inverse key"], ["tech-c", "mandatory", "multiple", "inverse key"], ["abuse-c", "optional", "single", "inverse key"], ["status", "mandatory", "single", ""], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  "aut-num": [["aut-num", "mandatory", "single", "primary/lookup key"], ["as-name", "mandatory", "single", ""], ["country", "optional", "single", ""], ["org", "optional", "single", "inverse key"], ["admin-c", "mandatory", "multiple", "inverse key"], ["tech-c", "mandatory", "multiple", "inverse key"], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
  domain: [["domain", "mandatory", "single", "primary/lookup key"], ["admin-c", "mandatory", "multiple", "inverse key"], ["tech-c", "mandatory", "multiple", "inverse key"], ["zone-c", "mandatory", "multiple", "inverse key"], ["nserver", "optional", "multiple", "inverse key"], ["created", "generated", "single", ""], ["last-modified", "generated", "single", ""], ["source", "mandatory", "single", ""]],
};

/** The template text of `-t TYPE`: one line per attribute, columns as RIPE aligns them. */
export function templateText(type: RpslType): string | undefined {
  const rows = TEMPLATES[type];
  if (rows === undefined) return undefined;
  const lines = rows.map(([attribute, presence, count, keys]) => `${`${attribute}:`.padEnd(16)}[${presence}]`.padEnd(30) + `[${count}]`.padEnd(13) + `[${keys}]`);
  return `${lines.join("\n")}\n\n`;
}

/** `-q` arguments and their answers (RIPE: "-q version", "-q sources", "-q types"). */
export const INFO_QUERIES = ["version", "sources", "types"] as const;
export type InfoQuery = (typeof INFO_QUERIES)[number];

/** What `-q version` names: the server and the query language it speaks (RIPE answers "% whois-server-X.Y"). */
const SERVER_NAME = "whoislens-serve (RIPE-style RPSL queries)";

export function infoText(what: InfoQuery): string {
  switch (what) {
    case "version":
      return `% ${SERVER_NAME}\n\n`;
    case "sources":
      // RIPE's "SOURCE:3:N:0-0" rows: name, mirror protocol version, whether it can be mirrored, serial range.
      return `${SERVE_SOURCE}:3:N:0-0\n\n`;
    case "types":
      return `${RPSL_TYPES.join("\n")}\n\n`;
  }
}
