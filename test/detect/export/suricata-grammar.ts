/**
 * A grammar check for Suricata rules (Suricata docs, "Rules Format"): action proto src sport dir dst
 * dport (key; key:value; …). Values may be quoted; inside quotes `\"`, `\\` and `\;` are escapes;
 * an unescaped `;` ends an option. content strings may hold |hex| runs. Returns the parsed rule or
 * throws with the reason.
 */
export interface ParsedRule { action: string; proto: string; src: string; sport: string; dir: string; dst: string; dport: string; options: [string, string | undefined][] }

const ACTIONS = new Set(["alert", "pass", "drop", "reject", "rejectsrc", "rejectdst", "rejectboth"]);
const PROTOS = new Set(["tcp", "udp", "icmp", "ip", "http", "tls", "dns", "ssh", "smtp", "ftp", "smb", "http2", "quic"]);
const KEYWORDS = new Set(["msg", "sid", "rev", "classtype", "metadata", "flow", "content", "nocase", "dotprefix", "endswith", "startswith", "dsize", "dns.query", "tls.sni", "quic.sni", "http.host", "http.uri", "pcre", "threshold", "detection_filter", "flags", "reference", "priority", "isdataat"]);
const ADDRESS = /^!?(?:any|\$[A-Z_]+|\[[^\]]+\]|[0-9a-fA-F.:]+(?:\/\d{1,3})?)$/;
const PORT = /^!?(?:any|\$[A-Z_]+|\d{1,5}(?::\d{0,5})?|\[[0-9,:!\s]+\])$/;

function splitOptions(body: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  let i = 0;
  while (i < body.length) {
    while (body[i] === " ") i += 1;
    if (i >= body.length) break;
    let key = "";
    while (i < body.length && body[i] !== ":" && body[i] !== ";") key += body[i++];
    let value: string | undefined;
    if (body[i] === ":") {
      i += 1;
      value = "";
      let quoted = false;
      for (; i < body.length; i += 1) {
        const c = body[i]!;
        if (c === "\\") {
          const next = body[i + 1];
          if (next === undefined) throw new Error(`dangling backslash in ${key}`);
          value += c + next;
          i += 1;
          continue;
        }
        if (c === '"') quoted = !quoted;
        if (c === ";" && !quoted) break;
        value += c;
      }
      if (quoted) throw new Error(`unterminated quote in ${key}`);
    }
    if (body[i] !== ";") throw new Error(`option ${key} is not terminated by ;`);
    i += 1;
    out.push([key.trim(), value?.trim()]);
  }
  return out;
}

function checkQuoted(key: string, value: string | undefined): string {
  if (value === undefined || !/^".*"$/s.test(value)) throw new Error(`${key} needs a quoted value`);
  const inner = value.slice(1, -1);
  for (let i = 0; i < inner.length; i += 1) {
    if (inner[i] === "\\") i += 1;
    else if (inner[i] === '"' || inner[i] === ";") throw new Error(`${key}: unescaped ${inner[i]}`);
  }
  return inner;
}

export function parseSuricataRule(line: string): ParsedRule {
  const open = line.indexOf("(");
  if (open === -1 || !line.endsWith(")")) throw new Error("no option block in parentheses");
  const head = line.slice(0, open).trim().split(/\s+/);
  if (head.length !== 7) throw new Error(`header has ${head.length} parts, expected 7`);
  const [action, proto, src, sport, dir, dst, dport] = head as [string, string, string, string, string, string, string];
  if (!ACTIONS.has(action)) throw new Error(`unknown action ${action}`);
  if (!PROTOS.has(proto)) throw new Error(`unknown protocol ${proto}`);
  if (!ADDRESS.test(src) || !ADDRESS.test(dst)) throw new Error(`bad address ${src} / ${dst}`);
  if (!PORT.test(sport) || !PORT.test(dport)) throw new Error(`bad port ${sport} / ${dport}`);
  if (dir !== "->" && dir !== "<>") throw new Error(`bad direction ${dir}`);
  const options = splitOptions(line.slice(open + 1, -1));
  let depth = 0;
  let quoted = false;
  const body = line.slice(open);
  for (let i = 0; i < body.length; i += 1) {
    if (body[i] === "\\") { i += 1; continue; }
    if (body[i] === '"') quoted = !quoted;
    else if (!quoted && body[i] === "(") depth += 1;
    else if (!quoted && body[i] === ")") depth -= 1;
    if (depth === 0 && i < body.length - 1 && !quoted && body[i] === ")") throw new Error("text after the closing parenthesis");
  }
  if (depth !== 0) throw new Error("unbalanced parentheses");
  const keys = options.map(([k]) => k);
  for (const k of keys) if (!KEYWORDS.has(k)) throw new Error(`unknown keyword ${k}`);
  for (const required of ["msg", "sid", "rev"]) if (!keys.includes(required)) throw new Error(`missing ${required}`);
  for (const [k, v] of options) {
    if (k === "msg" || k === "pcre") checkQuoted(k, v);
    if (k === "content") {
      const inner = checkQuoted(k, v);
      if ((inner.match(/\|/g)?.length ?? 0) % 2 !== 0) throw new Error("content: unbalanced |hex| run");
      for (const m of inner.matchAll(/\|([^|]*)\|/g)) if (!/^(?:[0-9a-fA-F]{2} ?)+$/.test(m[1]!.trim())) throw new Error(`content: bad hex ${m[1]}`);
    }
    if ((k === "sid" || k === "rev") && !/^\d+$/.test(v ?? "")) throw new Error(`${k} must be a number`);
  }
  return { action, proto, src, sport, dir, dst, dport, options };
}
