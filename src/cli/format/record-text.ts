import type { Contact, WhoisRecord } from "../../record/types.js";
import { sanitizeField, stripControl } from "../../util/sanitize.js";

type Row = [label: string, value: string | undefined];

const STATUS_HEADLINE: Record<WhoisRecord["status"], string> = {
  registered: "registered",
  available: "not registered (available)",
  reserved: "reserved by the registry",
  throttled: "refused: rate limited by the server",
  invalid: "invalid query for this server",
  unknown: "unknown (answer not understood)",
};

/**
 * A readable, sanitized rendering of a record for terminals and plain text pipes. `now` marks an expiry date that
 * has passed: a registration in its grace or redemption period, or about to be deleted and caught by anyone.
 */
export function formatRecordText(record: WhoisRecord, now: Date = new Date()): string {
  const sections: string[] = [];
  const title = record.domain?.unicodeName
    ? `${record.domain.unicodeName} (${record.domain.name})`
    : (record.domain?.name ?? record.network?.cidrs?.join(", ") ?? record.asn?.handle ?? record.query);
  sections.push(block(`${title} — ${STATUS_HEADLINE[record.status]}`, [
    ["source", `${record.source.protocol.toUpperCase()} ${record.source.server}${record.source.url ? ` <${record.source.url}>` : ""}`],
    ["handle", record.domain?.handle],
  ]));
  if (record.registrar) {
    const r = record.registrar;
    sections.push(block("Registrar", [
      ["name", r.name],
      ["IANA id", r.ianaId],
      ["handle", r.handle],
      ["url", r.url],
      ["WHOIS server", r.whoisServer],
      ["RDAP", r.rdapUrl],
      ["abuse", [r.abuseEmail, r.abusePhone].filter(Boolean).join(" ") || undefined],
    ]));
  }
  if (record.dates) {
    sections.push(block("Dates", [
      ["created", record.dates.created],
      ["updated", record.dates.updated],
      ["expires", record.dates.expires !== undefined && Date.parse(record.dates.expires) < now.getTime() ? `${record.dates.expires} (passed)` : record.dates.expires],
    ]));
  }
  if (record.statuses?.length) sections.push(block("Status", record.statuses.map((s): Row => ["", s])));
  if (record.nameservers?.length) {
    sections.push(block("Name servers", record.nameservers.map((ns): Row => [
      "",
      [ns.name, ...(ns.ipv4 ?? []), ...(ns.ipv6 ?? [])].join(" "),
    ])));
  }
  if (record.dnssec) sections.push(block("DNSSEC", [["", record.dnssec]]));
  if (record.network) {
    const n = record.network;
    sections.push(block("Network", [
      ["handle", n.handle],
      ["name", n.name],
      ["type", n.type],
      ["range", n.startAddress && n.endAddress ? `${n.startAddress} – ${n.endAddress}` : undefined],
      ["CIDR", n.cidrs?.join(", ")],
      ["organization", n.organization],
      ["country", n.country],
      ["parent", n.parentHandle],
    ]));
  }
  if (record.asn) {
    const a = record.asn;
    const range = a.start !== undefined && a.end !== undefined && a.start !== a.end ? `${a.start}–${a.end}` : undefined;
    sections.push(block("Autonomous system", [["handle", a.handle], ["name", a.name], ["range", range], ["country", a.country]]));
  }
  for (const contact of record.contacts ?? []) sections.push(contactBlock(contact));
  if (record.disagreements?.length) {
    sections.push(block("Registry and registrar disagree", record.disagreements.map((d): Row => [
      d.field,
      d.values.map((v) => `${v.source}: ${JSON.stringify(v.value)}`).join("  |  "),
    ])));
  }
  if (record.chain?.length) {
    sections.push(block("Chain", record.chain.map((hop, index): Row => [
      `${index + 1}`,
      `${hop.protocol} ${hop.server}${hop.query ? ` "${hop.query}"` : ""}${hop.url ? ` ${hop.url}` : ""} → ${hop.status}${hop.error ? ` (${hop.error.code}: ${hop.error.message})` : ""}${hop.warnings?.length ? ` [${hop.warnings.map((w) => w.code).join(", ")}]` : ""}`,
    ])));
  }
  if (record.notes?.length) sections.push(block("Notes", record.notes.map((n): Row => ["", n])));
  if (record.warnings?.length) sections.push(block("Warnings", record.warnings.map((w): Row => [w.code, w.message])));
  if (record.raw !== undefined) sections.push(`Raw answer\n${stripControl(record.raw)}`);
  return `${sections.join("\n\n")}\n`;
}

function contactBlock(contact: Contact): string {
  const flags = [
    contact.privacyProxy ? "privacy/proxy service" : undefined,
    contact.redacted?.length ? `redacted: ${contact.redacted.join(", ")}` : undefined,
  ].filter(Boolean);
  const place = [contact.postalCode, contact.city, contact.state, contact.countryCode ?? contact.country].filter(Boolean).join(" ");
  return block(`Contact: ${contact.roles.join(", ")}${flags.length ? ` (${flags.join("; ")})` : ""}`, [
    ["handle", contact.handle],
    ["name", contact.name],
    ["organization", contact.organization],
    ["email", contact.email],
    ["phone", contact.phone],
    ["fax", contact.fax],
    ["address", [...(contact.street ?? []), place].filter(Boolean).join(", ") || undefined],
  ]);
}

function block(heading: string, rows: Row[]): string {
  const present = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== "");
  const width = Math.max(0, ...present.map(([label]) => label.length));
  const lines = present.map(([label, value]) =>
    label === "" ? `  ${sanitizeField(value)}` : `  ${label.padEnd(width)}  ${sanitizeField(value)}`,
  );
  return [sanitizeField(heading), ...lines].join("\n");
}
