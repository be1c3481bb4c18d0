import { z } from "zod";

/**
 * The dataset `whoislens serve` answers from: one record per object, served over both port 43 and RDAP.
 * Written by hand (`--dataset FILE`, YAML or JSON), built from the store (`--store`), or the built-in decoy
 * set (`--decoy`). Every limit here is a size cap on attacker-free but user-written input: a typo must give
 * an error naming the field, never a half-loaded server. docs/serve.md has a full example.
 */

const TEXT = z.string().max(512);
const HANDLE = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a handle is letters, digits, '.', '_' and '-'");
/** An LDH name (A-label), lowercase after loading; a trailing dot is dropped. */
const LDH = z
  .string()
  .min(1)
  .max(253)
  .transform((name) => name.toLowerCase().replace(/\.$/, ""))
  .refine((name) => /^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9-]{0,62}))*$/.test(name), "not an LDH domain name (use the A-label for IDNs)");
const DATE = z.string().max(40).refine((text) => !Number.isNaN(Date.parse(text)), "not an ISO 8601 date");

export const contactSchema = z
  .object({
    handle: HANDLE,
    /** person and role objects hold personal data (RIPE counts both); organisation objects do not. */
    kind: z.enum(["person", "role", "organisation"]).default("person"),
    name: TEXT,
    organization: TEXT.optional(),
    email: TEXT.optional(),
    phone: TEXT.optional(),
    fax: TEXT.optional(),
    street: z.array(TEXT).max(8).default([]),
    city: TEXT.optional(),
    state: TEXT.optional(),
    postalCode: TEXT.optional(),
    countryCode: z.string().regex(/^[A-Za-z]{2}$/).transform((cc) => cc.toUpperCase()).optional(),
    created: DATE.optional(),
    updated: DATE.optional(),
    decoy: z.boolean().default(false),
  })
  .strict();

export const registrarSchema = z
  .object({
    name: TEXT,
    ianaId: z.string().regex(/^\d{1,10}$/).optional(),
    url: TEXT.optional(),
    whoisServer: TEXT.optional(),
    abuseEmail: TEXT.optional(),
    abusePhone: TEXT.optional(),
  })
  .strict();

export const domainSchema = z
  .object({
    name: LDH,
    unicodeName: TEXT.optional(),
    handle: HANDLE.optional(),
    registrar: registrarSchema,
    created: DATE.optional(),
    updated: DATE.optional(),
    expires: DATE.optional(),
    /** EPP status codes (RFC 5731 spelling: clientTransferProhibited). */
    statuses: z.array(z.string().regex(/^[a-zA-Z]{2,40}$/)).max(20).default(["ok"]),
    nameservers: z.array(LDH).max(13).default([]),
    dnssec: z.boolean().default(false),
    registrant: HANDLE.optional(),
    admin: HANDLE.optional(),
    tech: HANDLE.optional(),
    /** Withhold the contacts' personal fields (RFC 9537 redaction, "REDACTED FOR PRIVACY"); default policy.redactPersonal. */
    redact: z.boolean().optional(),
    decoy: z.boolean().default(false),
  })
  .strict();

export const nameserverSchema = z
  .object({ name: LDH, ipv4: z.array(z.string().ip({ version: "v4" })).max(16).default([]), ipv6: z.array(z.string().ip({ version: "v6" })).max(16).default([]) })
  .strict();

export const networkSchema = z
  .object({
    handle: HANDLE,
    cidr: z.string().cidr(),
    name: z.string().min(1).max(64),
    type: TEXT.optional(),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
    org: HANDLE.optional(),
    admin: HANDLE.optional(),
    tech: HANDLE.optional(),
    abuse: HANDLE.optional(),
    parent: HANDLE.optional(),
    created: DATE.optional(),
    updated: DATE.optional(),
    decoy: z.boolean().default(false),
  })
  .strict();

export const autnumSchema = z
  .object({
    number: z.number().int().min(0).max(4294967295),
    name: z.string().min(1).max(64),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
    org: HANDLE.optional(),
    admin: HANDLE.optional(),
    tech: HANDLE.optional(),
    abuse: HANDLE.optional(),
    created: DATE.optional(),
    updated: DATE.optional(),
    decoy: z.boolean().default(false),
  })
  .strict();

/** API tokens for RDAP (`Authorization: Bearer …` or `?token=`): accounted under "token:<id>", with their own limits. */
export const tokenSchema = z
  .object({
    id: HANDLE,
    token: z.string().min(16, "a token is at least 16 characters").max(256),
    limits: z.record(z.string(), z.number().int().min(0)).optional(),
  })
  .strict();

export const datasetSchema = z
  .object({
    /** Shown in notices and the port-43 banner. */
    service: z.string().max(128).default("whoislens serve"),
    policy: z.object({ redactPersonal: z.boolean().default(false) }).strict().default({}),
    contacts: z.array(contactSchema).max(1_000_000).default([]),
    domains: z.array(domainSchema).max(1_000_000).default([]),
    nameservers: z.array(nameserverSchema).max(1_000_000).default([]),
    networks: z.array(networkSchema).max(1_000_000).default([]),
    autnums: z.array(autnumSchema).max(1_000_000).default([]),
    tokens: z.array(tokenSchema).max(10_000).default([]),
  })
  .strict()
  .superRefine((data, ctx) => {
    const handles = new Set(data.contacts.map((c) => c.handle.toUpperCase()));
    const refs: [string, (string | undefined)[]][] = [
      ...data.domains.map((d, i): [string, (string | undefined)[]] => [`domains[${i}] (${d.name})`, [d.registrant, d.admin, d.tech]]),
      ...data.networks.map((n, i): [string, (string | undefined)[]] => [`networks[${i}] (${n.handle})`, [n.org, n.admin, n.tech, n.abuse]]),
      ...data.autnums.map((a, i): [string, (string | undefined)[]] => [`autnums[${i}] (AS${a.number})`, [a.org, a.admin, a.tech, a.abuse]]),
    ];
    for (const [where, handlesUsed] of refs) {
      for (const handle of handlesUsed) {
        if (handle !== undefined && !handles.has(handle.toUpperCase())) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${where} names contact ${handle}, which is not in contacts` });
      }
    }
  });

export type ServeContact = z.output<typeof contactSchema>;
export type ServeRegistrar = z.output<typeof registrarSchema>;
export type ServeDomain = z.output<typeof domainSchema>;
export type ServeNameserver = z.output<typeof nameserverSchema>;
export type ServeNetwork = z.output<typeof networkSchema>;
export type ServeAutnum = z.output<typeof autnumSchema>;
export type ServeToken = z.output<typeof tokenSchema>;
export type ServeDataset = z.output<typeof datasetSchema>;
/** What a dataset file may hold (defaults not yet applied). */
export type ServeDatasetInput = z.input<typeof datasetSchema>;
