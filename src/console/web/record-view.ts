/**
 * A normalized record (shared/schema/record.md) and its lookup chain on the page. Every value is the
 * server's, so every one goes through dom.ts (text nodes, links only for http(s)).
 */
import { definitionList, h, linkOrText, rawBlock, table } from "./dom.js";
import { list, obj, type Obj } from "./json-read.js";
import { displayText, TEXT_LIMITS } from "./safe-text.js";


export interface Hop {
  server?: unknown;
  protocol?: unknown;
  url?: unknown;
  startedAt?: unknown;
  durationMs?: unknown;
  raw?: unknown;
  status?: unknown;
  error?: unknown;
}

export function renderRecord(recordJson: unknown): HTMLElement {
  const r = obj(recordJson);
  const domain = obj(r.domain);
  const registrar = obj(r.registrar);
  const dates = obj(r.dates);
  const source = obj(r.source);
  const network = obj(r.network);
  const asn = obj(r.asn);
  const out = h("article", { class: "record", attrs: { "aria-label": "Normalized record" } });
  out.append(
    h("h3", { text: `${displayText(r.query)} — ${displayText(r.status)}` }),
    definitionList([
      ["Kind", r.kind],
      ["Status", r.status],
      ["Answered by", [source.protocol, source.server].filter((v) => v !== undefined).map((v) => displayText(v)).join(" ")],
      ["Domain", domain.name],
      ["Unicode name", domain.unicodeName],
      ["Handle", domain.handle],
      ["Registrar", registrar.name],
      ["IANA id", registrar.ianaId],
      ["Registrar URL", registrar.url !== undefined ? linkOrText(registrar.url) : undefined],
      ["Registrar WHOIS", registrar.whoisServer],
      ["Abuse contact", [registrar.abuseEmail, registrar.abusePhone].filter((v) => v !== undefined).map((v) => displayText(v)).join(" ")],
      ["Created", dates.created],
      ["Updated", dates.updated],
      ["Expires", dates.expires],
      ["Statuses", list(r.statuses).map((s) => displayText(s))],
      ["DNSSEC", r.dnssec],
      ["Network", [network.name, network.handle, list(network.cidrs).map((c) => displayText(c)).join(" ")].filter((v) => v !== undefined && v !== "").map((v) => displayText(v)).join(" · ")],
      ["Network organisation", network.organization],
      ["AS number", [asn.handle, asn.name].filter((v) => v !== undefined).map((v) => displayText(v)).join(" ")],
      ["Referral", obj(r.referral).server],
    ]),
  );
  const ns = list(r.nameservers).map(obj);
  if (ns.length > 0) out.append(table(["Name server", "IPv4", "IPv6"], ns.map((n) => [displayText(n.name), list(n.ipv4).map((a) => displayText(a)).join(" "), list(n.ipv6).map((a) => displayText(a)).join(" ")]), "Name servers"));
  const contacts = list(r.contacts).map(obj);
  if (contacts.length > 0) {
    out.append(
      table(
        ["Roles", "Name", "Organisation", "Email", "Phone", "Country", "Redacted"],
        contacts.map((c) => [list(c.roles).map((x) => displayText(x)).join(", "), displayText(c.name), displayText(c.organization), displayText(c.email), displayText(c.phone), displayText(c.countryCode ?? c.country), list(c.redacted).map((x) => displayText(x)).join(", ")]),
        "Contacts",
      ),
    );
  }
  const remarks = list(r.remarks);
  if (remarks.length > 0) out.append(h("ul", { class: "remarks", attrs: { "aria-label": "Remarks" } }, remarks.slice(0, 100).map((x) => h("li", { text: x }))));
  out.append(rawBlock("Record as JSON", JSON.stringify(withoutRaw(r), null, 2), TEXT_LIMITS.raw));
  return out;
}

/** The record without raw answers (shown per hop below). */
function withoutRaw(r: Obj): Obj {
  const { raw: _raw, chain, ...rest } = r;
  return Array.isArray(chain) ? { ...rest, chain: chain.map((hop) => ({ ...obj(hop), raw: undefined })) } : rest;
}

/** The hops as a timeline: one row per server asked, bar length = its share of the slowest hop. */
export function renderTimeline(hopsJson: unknown): HTMLElement {
  const hops = list(hopsJson).map((x) => obj(x) as Hop);
  const section = h("section", { class: "timeline-wrap", attrs: { "aria-label": "Lookup chain" } }, [h("h3", { text: `Chain: ${hops.length} hop${hops.length === 1 ? "" : "s"}` })]);
  const slowest = Math.max(1, ...hops.map((x) => (typeof x.durationMs === "number" && Number.isFinite(x.durationMs) ? x.durationMs : 0)));
  const ol = h("ol", { class: "timeline" });
  hops.forEach((hop, i) => {
    const ms = typeof hop.durationMs === "number" && Number.isFinite(hop.durationMs) ? hop.durationMs : undefined;
    const bar = h("span", { class: "bar", attrs: { "aria-hidden": "true" } });
    // CSSOM (not a style attribute): allowed under a CSP without 'unsafe-inline'.
    bar.style.width = `${ms === undefined ? 0 : Math.max(2, Math.round((ms / slowest) * 100))}%`;
    const err = obj(hop.error);
    ol.append(
      h("li", { class: "hop" }, [
        h("div", { class: "hop-head" }, [
          h("span", { class: "hop-n", text: `${i + 1}` }),
          h("span", { class: `proto proto-${displayText(hop.protocol, 16).replace(/[^a-z0-9]/g, "")}`, text: hop.protocol ?? "?" }),
          h("strong", { class: "hop-server", text: hop.server ?? "?" }),
          h("span", { class: "muted", text: [ms !== undefined ? `${Math.round(ms)} ms` : undefined, hop.startedAt !== undefined ? displayText(hop.startedAt) : undefined, hop.status !== undefined ? displayText(hop.status) : undefined].filter((v) => v !== undefined).join(" · ") }),
        ]),
        bar,
        hop.url !== undefined ? h("div", { class: "hop-url" }, [linkOrText(hop.url)]) : undefined,
        err.message !== undefined ? h("p", { class: "error", text: `${displayText(err.code)} ${displayText(err.message)}` }) : undefined,
        hop.raw !== undefined ? rawBlock(`Raw answer from ${displayText(hop.server)}`, hop.raw, TEXT_LIMITS.raw) : h("p", { class: "muted", text: "No raw answer kept for this hop." }),
      ]),
    );
  });
  section.append(ol);
  return section;
}
