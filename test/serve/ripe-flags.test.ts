import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServeData } from "../../src/serve/data.js";
import { validateDataset } from "../../src/serve/load.js";
import { parseWhoisQuery, rangeToPrefix } from "../../src/serve/query.js";
import { RPSL_FLAGS } from "../../src/serve/rpsl-flags.js";
import { createWatchdog } from "../../src/serve/watchdog/index.js";
import { decoyDataset, registryDataset, serveOnLoopback, whoisRaw, type Running } from "./helpers.js";

// GNU whois (Debian) with the RIPE query flags its users type, against our port 43 (`-h 127.0.0.1 -p PORT`).
// GNU whois passes these flags through as written (checked with a capturing server: "-r -B 1.2.3.4\r\n",
// "-i org org-x\r\n" — it lowercases the inverse key —, "-q version \r\n"); each must be answered as the RIPE query
// server does or refused with RIPE's %ERROR code (QueryMessages of RIPE-NCC/whois), never a crash or a hang.
// Three worlds: a nested-network world written here as a JS object (the hierarchy flags need ranges inside
// ranges), the hand-written YAML registry and the built-in decoy set.

const run = promisify(execFile);
const GNU_WHOIS = "/usr/bin/whois";
const noWhois = existsSync(GNU_WHOIS) ? false : "GNU whois is missing: run scripts/ci-tools.sh";

const NESTED = validateDataset({
  service: "Nested Test Registry",
  contacts: [
    { handle: "ORG-NEST1", kind: "organisation", name: "Nest Holdings", organization: "Nest Holdings", countryCode: "NL", email: "hostmaster@nest.example" },
    { handle: "NH1-NEST", kind: "person", name: "Nadia Holt", email: "nadia@nest.example", phone: "+31.201234567", countryCode: "NL" },
    { handle: "NOC1-NEST", kind: "role", name: "Nest NOC", email: "noc@nest.example", countryCode: "NL" },
  ],
  domains: [],
  nameservers: [],
  networks: [
    { handle: "NEST-24", cidr: "203.0.113.0/24", name: "NEST-ALLOC", country: "NL", org: "ORG-NEST1", admin: "NH1-NEST", tech: "NOC1-NEST" },
    { handle: "NEST-25A", cidr: "203.0.113.0/25", name: "NEST-LOW", country: "NL", org: "ORG-NEST1", admin: "NH1-NEST", tech: "NOC1-NEST" },
    { handle: "NEST-26", cidr: "203.0.113.0/26", name: "NEST-LAB", country: "NL", org: "ORG-NEST1", admin: "NH1-NEST", tech: "NOC1-NEST" },
    { handle: "NEST-25B", cidr: "203.0.113.128/25", name: "NEST-HIGH", country: "NL", org: "ORG-NEST1", tech: "NOC1-NEST" },
  ],
  autnums: [{ number: 64511, name: "NEST-AS", country: "NL", org: "ORG-NEST1", admin: "NH1-NEST", tech: "NOC1-NEST" }],
});

/** GNU whois writes this line to stdout before the answer when it sends RIPE flags to a host not in its RIPE list. */
const GNU_WARNING = /^Warning: RIPE flags used with a traditional server\.\n/;
const withoutWarning = (text: string): string => text.replace(GNU_WARNING, "");

/** The netnames of an RPSL answer, in order. */
const netnames = (text: string): string[] => [...text.matchAll(/^netname:\s+(\S+)/gm)].map((m) => m[1] ?? "");

describe.skipIf(noWhois)("GNU whois with RIPE query flags against our port 43", () => {
  let server: Running;
  const ask = async (...args: string[]): Promise<string> => {
    const result = await run(GNU_WHOIS, ["-h", "127.0.0.1", "-p", String(server.whoisPort), ...args], { timeout: 15_000 }).catch((error: { stdout?: string; killed?: boolean }) => ({ stdout: error.stdout ?? "", killed: error.killed === true }));
    // Never a hang: the server closes every connection after its answer, so whois ends on its own. Read from
    // whether the 15 s timeout had to kill it, not from a wall-clock bound a loaded machine could pass.
    expect("killed" in result && result.killed, `GNU whois ${args.join(" ")} had to be killed: the server kept the connection`).toBe(false);
    return withoutWarning(result.stdout);
  };
  const last = (): { personalObjects: number; outcome: string; objectType: string; objectKey?: string } => {
    const entry = server.log.entries.at(-1);
    if (!entry) throw new Error("no log line");
    return entry;
  };

  beforeAll(async () => {
    server = await serveOnLoopback(NESTED);
  });
  afterAll(async () => {
    await server.close();
  });

  it("-r leaves the referenced persons and roles out and counts no personal object; without it they are shown and counted", async () => {
    const before = server.accounting.snapshot("127.0.0.1")?.dayPersonal ?? 0;
    const full = await ask("203.0.113.7");
    expect(netnames(full)).toEqual(["NEST-LAB"]);
    expect(full).toMatch(/^person:\s+Nadia Holt/m);
    expect(last().personalObjects).toBe(2);
    const referenced = await ask("-r", "203.0.113.7");
    expect(netnames(referenced)).toEqual(["NEST-LAB"]);
    expect(referenced).not.toMatch(/^(person|role|organisation):/m);
    expect(referenced).toMatch(/^admin-c:\s+NH1-NEST/m);
    // Logged with the object's key, as without -r: the watchdog's distinct-object and sequence rules read it.
    expect(last()).toMatchObject({ personalObjects: 0, outcome: "answered", objectType: "ip", objectKey: "203.0.113.0/26" });
    // Combined short flags, as RIPE's parser reads them.
    expect(await ask("-rBG", "AS64511")).not.toMatch(/^person:/m);
    expect(last().personalObjects).toBe(0);
    expect(server.accounting.snapshot("127.0.0.1")?.dayPersonal).toBe(before + 2);
  });

  it("-B and -G are accepted and change nothing", async () => {
    expect(await ask("-B", "-G", "203.0.113.7")).toBe(await ask("203.0.113.7"));
  });

  it("-T selects object types; an unknown type is %ERROR:103", async () => {
    expect(netnames(await ask("-T", "inetnum,organisation", "203.0.113.7"))).toEqual(["NEST-LAB"]);
    expect(await ask("-T", "aut-num", "203.0.113.7")).toMatch(/^%ERROR:101: no entries found/);
    expect(await ask("-T", "person", "NH1-NEST")).toMatch(/^person:\s+Nadia Holt/m);
    expect(await ask("-T", "role", "NH1-NEST")).toMatch(/^%ERROR:101/);
    expect(await ask("-T", "colour", "NH1-NEST")).toMatch(/^%ERROR:103: unknown object type/);
  });

  it("-i org (GNU whois lowercases the key) answers every network and AS number of the organisation; -r drops the contacts", async () => {
    const all = await ask("-i", "org", "ORG-NEST1");
    expect(netnames(all).sort()).toEqual(["NEST-ALLOC", "NEST-HIGH", "NEST-LAB", "NEST-LOW"]);
    expect(all).toMatch(/^aut-num:\s+AS64511/m);
    expect(all).toMatch(/^person:\s+Nadia Holt/m);
    const bare = await ask("-r", "-T", "inetnum", "-i", "org", "ORG-NEST1");
    expect(netnames(bare)).toHaveLength(4);
    expect(bare).not.toMatch(/^(aut-num|person|role):/m);
    expect(last().personalObjects).toBe(0);
  });

  it("-s: our source is answered, any other is %ERROR:102", async () => {
    expect(netnames(await ask("-s", "WHOISLENS", "203.0.113.7"))).toEqual(["NEST-LAB"]);
    expect(await ask("-s", "RIPE", "203.0.113.7")).toMatch(/^%ERROR:102: unknown source/);
    expect(await ask("-a", "203.0.113.7")).toMatch(/^netname:\s+NEST-LAB/m);
  });

  it("-x, -l, -L, -m, -M on a CIDR walk the hierarchy as RIPE does; two of them are %ERROR:901", async () => {
    expect(netnames(await ask("-x", "203.0.113.0/25"))).toEqual(["NEST-LOW"]);
    // RIPE's range keys, as its inetnum lines print them.
    expect(netnames(await ask("-x", "203.0.113.0 - 203.0.113.127"))).toEqual(["NEST-LOW"]);
    expect(netnames(await ask("203.0.113.0-203.0.113.63"))).toEqual(["NEST-LAB"]);
    expect(netnames(await ask("-L", "203.0.113.5 - 203.0.113.9"))).toEqual(["NEST-ALLOC", "NEST-LOW", "NEST-LAB"]);
    expect(await ask("-x", "203.0.113.7")).toMatch(/^%ERROR:101/);
    expect(netnames(await ask("-l", "203.0.113.0/26"))).toEqual(["NEST-LOW"]);
    expect(netnames(await ask("-L", "203.0.113.0/26"))).toEqual(["NEST-ALLOC", "NEST-LOW", "NEST-LAB"]);
    expect(netnames(await ask("-m", "203.0.113.0/24"))).toEqual(["NEST-LOW", "NEST-HIGH"]);
    expect(netnames(await ask("-M", "203.0.113.0/24"))).toEqual(["NEST-LOW", "NEST-LAB", "NEST-HIGH"]);
    expect(await ask("-l", "203.0.113.0/24")).toMatch(/^%ERROR:101/);
    expect(netnames(await ask("-r", "-M", "203.0.113.0/24"))).toHaveLength(3);
    expect(last().personalObjects).toBe(0);
    expect(await ask("-l", "-M", "203.0.113.0/24")).toMatch(/^%ERROR:901: duplicate IP flags passed/);
    // A whole-space walk would list the dataset: refused as RIPE refuses -m/-M "on very large ranges".
    expect(await ask("-r", "-M", "0.0.0.0/0")).toMatch(/^%ERROR:112: unsupported query/);
    expect(await ask("-m", "2001::/12")).toMatch(/^%ERROR:112/);
    expect(netnames(await ask("-M", "203.0.0.0/8"))).toHaveLength(4);
  });

  it("the -V client tag GNU whois adds for RIPE-like servers (whois -- '-V Md5.6 KEY') is accepted", async () => {
    expect(netnames(await ask("--", "-V Md5.6 203.0.113.7"))).toEqual(["NEST-LAB"]);
    expect(netnames(await ask("--", "-VMd5.6 -r 203.0.113.7"))).toEqual(["NEST-LAB"]);
  });

  it("-q version / sources / types and -t person are answered by the server; a bad -q, -t or flag gets RIPE's error", async () => {
    expect(await ask("-q", "version")).toMatch(/^% whoislens-serve/);
    expect(await ask("-q", "sources")).toMatch(/^WHOISLENS:3:N:0-0$/m);
    const types = await ask("-q", "types");
    expect(types).toMatch(/^inetnum$/m);
    expect(types).toMatch(/^person$/m);
    const template = await ask("-t", "person");
    expect(template).toMatch(/^person:\s+\[mandatory\]\s+\[single\]\s+\[lookup key\]$/m);
    expect(template).toMatch(/^nic-hdl:\s+\[mandatory\]/m);
    expect(last()).toMatchObject({ outcome: "answered", personalObjects: 0 });
    expect(await ask("-t", "inetnum")).toMatch(/^inetnum:\s+\[mandatory\]/m);
    expect(await ask("-t", "colour")).toMatch(/^%ERROR:103: unknown object type/);
    expect(await ask("--", "-q colour")).toMatch(/^%ERROR:111: invalid option supplied/);
    expect(await ask("--", "-Z 203.0.113.7")).toMatch(/^%ERROR:111: invalid option supplied/);
    expect(await ask("--", "-T")).toMatch(/^%ERROR:111/);
    // Still serving after every refusal.
    expect(netnames(await ask("203.0.113.7"))).toEqual(["NEST-LAB"]);
  });
});

describe.skipIf(noWhois).each([
  { name: "YAML registry", dataset: registryDataset, ip: "198.51.100.7", netname: "WIDGETS-NET", org: "ORG-WID1-TEST", contacts: 2, domain: "widgets.example" },
  { name: "decoy set", dataset: decoyDataset, ip: "192.0.2.200", netname: "NORTHWIND-NET", org: "NORTHWIND-ORG", contacts: 3, domain: "northwind-payroll.example" },
])("GNU whois -r, -T, -x and -i on the $name", ({ dataset, ip, netname, org, contacts, domain }) => {
  let server: Running;
  const ask = async (...args: string[]): Promise<string> => (await run(GNU_WHOIS, ["-h", "127.0.0.1", "-p", String(server.whoisPort), ...args], { timeout: 15_000 })).stdout.replace(GNU_WARNING, "");
  beforeAll(async () => {
    server = await serveOnLoopback(dataset());
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts the persons and roles shown, none with -r", async () => {
    expect(netnames(await ask(ip))).toEqual([netname]);
    expect(server.log.entries.at(-1)?.personalObjects).toBe(contacts);
    expect(netnames(await ask("-r", "-B", ip))).toEqual([netname]);
    expect(server.log.entries.at(-1)?.personalObjects).toBe(0);
    expect(netnames(await ask("-r", "-i", "org", org))).toEqual([netname, `${netname}6`]);
    expect(server.log.entries.at(-1)?.personalObjects).toBe(0);
    expect(server.accounting.snapshot("127.0.0.1")?.dayPersonal).toBe(contacts);
    expect(await ask("-x", ip)).toMatch(/^%ERROR:101/);
    expect(await ask("-T", "inet6num", ip)).toMatch(/^%ERROR:101/);
  });

  it("-r on a domain: its registrant, admin and tech show no personal field and count nothing; without -r they do", async () => {
    const held = dataset();
    const record = held.domains.find((d) => d.name === domain)!;
    const people = held.contacts.filter((c) => [record.registrant, record.admin, record.tech].includes(c.handle) && c.kind !== "organisation");
    const personalValues = people.flatMap((c) => [c.name, c.email, c.phone, ...c.street].filter((v): v is string => v !== undefined && v !== ""));
    expect(people.length).toBeGreaterThan(0);
    const before = server.accounting.snapshot("127.0.0.1")?.dayPersonal ?? 0;
    const full = await ask(domain);
    for (const value of personalValues) expect(full).toContain(value);
    expect(server.log.entries.at(-1)?.personalObjects).toBe(people.length);
    for (const args of [["-r", domain], ["--", `-r -B ${domain}`], ["--", `--no-referenced ${domain}`]]) {
      const bare = await ask(...args);
      expect(bare).toMatch(new RegExp(`^Domain Name: ${domain.toUpperCase()}\\r?$`, "m"));
      expect(bare).toMatch(/^Name Server: NS1\./m);
      for (const value of personalValues) expect(bare).not.toContain(value);
      expect(bare).toMatch(/^Registrant Name: REDACTED FOR PRIVACY\r?$/m);
      expect(server.log.entries.at(-1)).toMatchObject({ outcome: "answered", personalObjects: 0, objectKey: domain });
    }
    // Only the answer without -r was counted.
    expect(server.accounting.snapshot("127.0.0.1")?.dayPersonal).toBe(before + people.length);
    // The plain answer is unchanged by an -r answer before it (the domain view is memoized, the -r one is a copy).
    expect(await ask(domain)).toBe(full);
  });

  it("-T selects what the key is looked up as; the objects an answer references stay (RIPE's --select-types)", async () => {
    const full = await ask(ip);
    const typed = await ask("-T", "inetnum", ip);
    expect(typed).toBe(full);
    expect(typed).toMatch(/^(person|role):/m);
    expect(typed).toMatch(/^organisation:/m);
    // Persons and roles are not what an address is looked up as: nothing, although the inetnum's answer shows some.
    expect(await ask("-T", "person,role,organisation", ip)).toMatch(/^%ERROR:101/);
    expect(await ask("-T", "person", domain)).toMatch(/^No match for /);
    expect(await ask("-r", "-T", "inetnum", ip)).not.toMatch(/^(person|role|organisation):/m);
  });
});

it("an IP hierarchy answer is capped at the limit it is given (the responder gives the search limit, 100)", () => {
  const data = new ServeData(NESTED);
  expect(data.ipHierarchy("203.0.113.0/24", "all-more", 2).map((v) => v.key)).toEqual(["203.0.113.0/25", "203.0.113.0/26"]);
  expect(data.ipHierarchy("203.0.113.0/24", "all-more", 100)).toHaveLength(3);
});

it.each([
  ["192.0.2.0 - 192.0.2.255", "192.0.2.0/24"],
  ["192.0.2.0-192.0.2.127", "192.0.2.0/25"],
  ["192.0.2.7 - 192.0.2.7", "192.0.2.7/32"],
  ["192.0.2.5 - 192.0.2.9", "192.0.2.0/28"],
  ["0.0.0.0 - 255.255.255.255", "0.0.0.0/0"],
  ["192.0.2.9 - 192.0.2.5", undefined],
  ["192.0.2.300 - 192.0.2.301", undefined],
  ["192.0.2.0 -- 192.0.2.9", undefined],
])("range key %s reads as %s", (key, prefix) => {
  expect(rangeToPrefix(key)).toBe(prefix);
});

describe("parseWhoisQuery reads RIPE's flags from a table", () => {
  it.each([
    ["-rBG 192.0.2.1", { type: "ip", value: "192.0.2.1", options: { referenced: false } }],
    ["-Tinetnum 192.0.2.1", { type: "ip", value: "192.0.2.1", options: { referenced: true, types: ["inetnum"] } }],
    ["--exact 192.0.2.0/24", { type: "ip", value: "192.0.2.0/24", options: { referenced: true, ip: "exact" } }],
    ["-V Md5.6 -q sources", { type: "info", what: "sources" }],
    ["-v role", { type: "template", objectType: "role" }],
  ])("%s", (line, expected) => {
    expect(parseWhoisQuery(line)).toEqual(expected);
  });
  it.each([
    ["-s RIPE,WHOISLENS x", "unknownSource"],
    ["-T inetnum,bogus x", "unknownType"],
    ["-x -l 192.0.2.0/24", "duplicateIpFlags"],
    ["-Y x", "badOption"],
    ["--bogus x", "badOption"],
    ["-i", "badOption"],
    ["-M 10.0.0.0/7", "rangeTooLarge"],
  ])("%s is refused (%s)", (line, code) => {
    expect(parseWhoisQuery(line)).toMatchObject({ type: "bad", code });
  });
});

it("any line of flags, arguments and keys is read without throwing, into a query or a refusal with a code", () => {
  const word = fc.oneof(fc.constantFrom(...RPSL_FLAGS.flatMap((row) => row.names), "--", "-", "-rBG", "-Tperson", "-VMd5.6", "org", "person", "version", "inetnum,role", "WHOISLENS", "0.0.0.0/0", "2001:db8::/32", "AS1", "x.example"), fc.string({ maxLength: 8 }));
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), (words) => {
      const parsed = parseWhoisQuery(words.join(" "));
      expect(typeof parsed.type).toBe("string");
      if (parsed.type === "bad") expect(parsed.reason.length).toBeGreaterThan(0);
    }),
    { numRuns: 3000 },
  );
});

it("the server answers every such line (an object, a %ERROR line or No match) and keeps serving", async () => {
  const server = await serveOnLoopback(NESTED, { limits: { queriesPerWindow: 0, personalPerDay: 0 } });
  try {
    const word = fc.constantFrom(...RPSL_FLAGS.flatMap((row) => row.names), "-rBG", "-Tinetnum", "org", "person", "version", "ORG-NEST1", "NH1-NEST", "203.0.113.0/24", "203.0.113.7", "0.0.0.0/0", "AS64511", "x.example");
    const lines = fc.sample(fc.array(word, { minLength: 1, maxLength: 5 }), { numRuns: 150, seed: 43 }).map((words) => words.join(" "));
    for (const line of lines) {
      const answer = await whoisRaw(server.whoisPort, line, { timeoutMs: 5000 });
      expect(answer, line).toMatch(/^(%ERROR:\d{3}: |% This is the |No match for |% whoislens-serve|WHOISLENS:|as-block\n|[a-z0-9-]+:\s+\[)/);
    }
    expect(server.log.entries).toHaveLength(lines.length);
    expect(server.log.entries.filter((e) => e.outcome === "error")).toEqual([]);
  } finally {
    await server.close();
  }
});

it("a harvester adding -r to every lookup is still seen walking: its log lines name the objects, and the watchdog's distinct-object rule fires", async () => {
  const networks = Array.from({ length: 70 }, (_, i) => ({ handle: `WALK-${i}`, cidr: `198.18.${i}.0/24`, name: `WALK-NET-${i}`, country: "NL", org: "ORG-NEST1", admin: "NH1-NEST" }));
  const server = await serveOnLoopback(validateDataset({ ...NESTED, networks }), { limits: { queriesPerWindow: 0 } });
  try {
    for (let i = 0; i < 70; i += 1) expect(await whoisRaw(server.whoisPort, `-r -B 198.18.${i}.1`)).toMatch(/^inetnum:/m);
    expect(server.log.entries.map((e) => e.objectKey)).toEqual(networks.map((n) => n.cidr));
    const dog = createWatchdog({ lists: { scanners: [] } });
    server.log.entries.forEach((entry, line) => dog.push({ kind: "served", ts: Date.parse(entry.ts), src: entry.source, format: "serve-queries", evidence: { file: "log", line: line + 1 }, entry }));
    expect(dog.finish().map((a) => a.ruleId)).toContain("serve-many-objects");
  } finally {
    await server.close();
  }
});
