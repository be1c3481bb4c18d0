/**
 * The rule table's shape (data/detect-rules/*.yaml), validated with zod. A rule is data: id, name,
 * description, severity, references and a typed `match`; the engine and the exporters read the same rows.
 */
import { z } from "zod";

export const LIST_NAMES = ["rdap-hosts", "web-whois", "whois-servers"] as const;
export type ListName = (typeof LIST_NAMES)[number];
export const COMMAND_LINE_PATTERNS = ["rdap-url", "whois-port", "whois-site"] as const;
export type CommandLinePattern = (typeof COMMAND_LINE_PATTERNS)[number];

const scope = z.enum(["internal", "external", "any"]);
const base = {
  /** Events that carry endpoint process context: only (true), never (false), either (absent). */
  withProcess: z.boolean().optional(),
  from: scope.default("any"),
};

export const selectorSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("conn"), ports: z.array(z.number().int().min(0).max(65535)).min(1), proto: z.enum(["tcp", "udp", "any"]).default("tcp"), to: scope.default("any"), ...base }).strict(),
  z.object({ event: z.literal("whois"), ...base }).strict(),
  z.object({ event: z.literal("dns"), lists: z.array(z.enum(LIST_NAMES)).min(1), ...base }).strict(),
  z.object({ event: z.literal("tls"), lists: z.array(z.enum(LIST_NAMES)).min(1), ...base }).strict(),
  z.object({ event: z.literal("http"), lists: z.array(z.enum(LIST_NAMES)).min(1).optional(), rdapPath: z.boolean().optional(), ...base }).strict(),
  z.object({ event: z.literal("process"), images: z.array(z.string().min(1)).min(1).optional(), commandLine: z.array(z.enum(COMMAND_LINE_PATTERNS)).min(1).optional(), ...base }).strict(),
]).superRefine((s, ctx) => {
  if (s.event === "http" && s.lists === undefined && s.rdapPath !== true) ctx.addIssue({ code: "custom", message: "an http selector needs lists or rdapPath: true" });
  if (s.event === "process" && s.images === undefined && s.commandLine === undefined) ctx.addIssue({ code: "custom", message: "a process selector needs images or commandLine" });
});
export type Selector = z.infer<typeof selectorSchema>;

const seconds = z.number().int().positive().max(30 * 86_400);

export const lookupMatchSchema = z.object({
  type: z.literal("lookup"),
  /** What kind of lookup the rule sees (for reasons and exports). */
  channel: z.enum(["port43", "rdap", "web", "endpoint"]),
  on: z.array(selectorSchema).min(1),
  suppressSeconds: seconds.default(3600),
}).strict();

export const burstMatchSchema = z.object({
  type: z.literal("burst"),
  count: z.enum(["events", "targets"]),
  threshold: z.number().int().min(2).max(100_000),
  windowSeconds: seconds,
  suppressSeconds: seconds.default(3600),
  /** Rules of one group share suppression: one burst is one alert. */
  group: z.string().min(1).optional(),
}).strict();

export const ownDomainMatchSchema = z.object({ type: z.literal("own-domain"), suppressSeconds: seconds.default(3600) }).strict();

const correlationCommon = {
  type: z.literal("correlation"),
  /** Lookups and the indicator at most this far apart. */
  windowSeconds: seconds,
  suppressSeconds: seconds.default(3600),
  /** The indicator's own sliding window (counts of NXDOMAIN, failed connections…). */
  indicatorWindowSeconds: seconds.default(600),
};

export const correlationMatchSchema = z.discriminatedUnion("indicator", [
  z.object({ ...correlationCommon, indicator: z.literal("dns-enumeration"), nxdomain: z.number().int().min(2), distinctSubdomains: z.number().int().min(2), qtypes: z.array(z.string().min(1)).default([]) }).strict(),
  z.object({ ...correlationCommon, indicator: z.literal("port-scan"), failedTargets: z.number().int().min(2), distinctPorts: z.number().int().min(2), sweepHosts: z.number().int().min(2), failedStates: z.array(z.string().min(1)).min(1), unconfirmedStates: z.array(z.string().min(1)).default([]) }).strict(),
]);

export const matchSchema = z.union([lookupMatchSchema, burstMatchSchema, ownDomainMatchSchema, correlationMatchSchema]);

export const ruleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, "lower-case letters, digits and dashes"),
  name: z.string().min(3).max(120),
  description: z.string().min(10).max(1000),
  severity: z.enum(["low", "medium", "high", "critical"]),
  references: z.array(z.string().min(1)).default([]),
  match: matchSchema,
}).strict();

const modifierSchema = z.object({ raise: z.number().int().min(0).max(3), reason: z.string().optional() }).strict();

export const ruleFileSchema = z.object({
  version: z.literal(1),
  rules: z.array(ruleSchema),
  modifiers: z.object({ ownDomain: modifierSchema, correlation: modifierSchema, badSource: modifierSchema, watchedCountry: modifierSchema }).partial().optional(),
}).strict();

export const hostRowSchema = z.object({
  host: z.string().regex(/^[a-z0-9.-]+$/, "a lower-case host name"),
  paths: z.array(z.string().startsWith("/")).optional(),
  hostOnly: z.array(z.enum(["dns", "tls", "http"])).optional(),
  note: z.string().optional(),
}).strict();
export const hostListSchema = z.object({ hosts: z.array(hostRowSchema) }).strict();

export type Rule = z.infer<typeof ruleSchema>;
export type LookupMatch = z.infer<typeof lookupMatchSchema>;
export type BurstMatch = z.infer<typeof burstMatchSchema>;
export type CorrelationMatch = z.infer<typeof correlationMatchSchema>;
export type Modifiers = NonNullable<z.infer<typeof ruleFileSchema>["modifiers"]>;
export type HostRow = z.infer<typeof hostRowSchema>;
