import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstServerFor, lookup } from "../../src/lookup/index.js";
import { closeRdapAgents } from "../../src/net/index.js";
import type { Contact, WhoisRecord } from "../../src/record/types.js";
import type { Sandbox } from "../../src/server/index.js";
import { Bootstrap, loadServerMap } from "../../src/servers/index.js";
import { useSandboxWork } from "../helpers/built-cli.js";
import { runCli } from "../helpers/cli.js";

/**
 * A registry handle with no -SUFFIX (LACNIC's persons "MAE2", "AMU2"): a lookup of it is an entity lookup, never a
 * one-label domain. With no registry named, no server is asked and the error says how to name one (GNU whois
 * refuses it likewise: "No whois server is known for this kind of object"). With -h or --rdap-url, it is asked there
 * over the protocol asked for, and the registry's RDAP URL also names its port-43 server.
 */
const world = useSandboxWork("whoislens-suffixless-");
const sandbox = (): Sandbox => world().sandbox;
let flags: string[];

beforeAll(() => {
  flags = ["--servers", world().mapFile, "--servers-only", "--bootstrap-dir", sandbox().bootstrapDir, "--no-cache", "--json", "--timeout", "3000"];
});
afterEach(() => sandbox().resetCounters());
afterAll(() => closeRdapAgents());

const asked = (): Record<string, number> => Object.fromEntries(Object.entries(sandbox().stats()).filter(([host, n]) => host !== "dns" && n > 0));
const card = (c: Contact | undefined) => ({ handle: c?.handle, name: c?.name, email: c?.email, street: c?.street, city: c?.city, state: c?.state, postalCode: c?.postalCode, countryCode: c?.countryCode });

const LACNIC_RDAP = "https://rdap.lacnic.net/rdap/";
const MARIA = { handle: "MAE2", name: "Maria Ejemplo", email: "maria@coopejemplo.example", street: ["Avenida Siempreviva, 742"], city: "Montevideo", state: "MO", postalCode: "11000", countryCode: "UY" };

describe("a handle without a -SUFFIX, from the CLI, on the sandbox", () => {
  it.each(["auto", "rdap", "whois"])("with no registry named (--protocol %s): WL_ERR_NO_SERVER naming -h and --rdap-url, exit 3, nothing asked", async (protocol) => {
    const run = await runCli(["lookup", "--protocol", protocol, ...flags, "MAE2"]);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/WL_ERR_NO_SERVER: MAE2 is a registry handle without a -SUFFIX/);
    expect(run.stderr).toContain("-h whois.lacnic.net");
    expect(run.stderr).toContain(`--rdap-url ${LACNIC_RDAP}`);
    expect(asked()).toEqual({});
  });

  it("over RDAP with the registry's --rdap-url: the entity, asked once of that registry", async () => {
    const run = await runCli(["lookup", "--protocol", "rdap", "--rdap-url", LACNIC_RDAP, ...flags, "mae2"]);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record).toMatchObject({ kind: "entity", status: "registered" });
    expect(record.chain?.map((hop) => `${hop.protocol} ${hop.server}`)).toEqual(["rdap rdap.lacnic.net"]);
    expect(card(record.contacts?.find((c) => c.handle === "MAE2"))).toEqual(MARIA);
    expect(asked()).toEqual({ "rdap.lacnic.net": 1 });
  });

  it.each([
    ["-h", ["-h", "whois.lacnic.net"]],
    ["--rdap-url (its port-43 server is the same registry's)", ["--rdap-url", LACNIC_RDAP]],
  ])("over port 43 with %s: the person, asked once of whois.lacnic.net, the same card as RDAP's", async (_what, registry) => {
    const run = await runCli(["lookup", "--protocol", "whois", ...registry, ...flags, "MAE2"]);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record).toMatchObject({ kind: "entity", status: "registered" });
    expect(record.chain?.map((hop) => `${hop.protocol} ${hop.server}`)).toEqual(["whois whois.lacnic.net"]);
    expect(card(record.contacts?.find((c) => c.handle === "MAE2"))).toEqual(MARIA);
    expect(asked()).toEqual({ "whois.lacnic.net": 1 });
  });

  it("auto with --rdap-url of a registry that does not hold it: that registry's 404 settles it (exit 1), nobody else asked", async () => {
    const run = await runCli(["lookup", "--rdap-url", LACNIC_RDAP, ...flags, "ZZZ9"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as WhoisRecord).status).toBe("available");
    expect(asked()).toEqual({ "rdap.lacnic.net": 1 });
  });

  it("a one-label name without digits keeps its meaning: a TLD, asked of IANA", async () => {
    const run = await runCli(["lookup", "--protocol", "whois", ...flags, "com"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.chain?.[0]?.server).toBe("whois.iana.org");
  });
});

describe("the library: lookup() and firstServerFor() say the same", () => {
  it("lookup rejects with WL_ERR_NO_SERVER, firstServerFor throws it: a bulk run files it as that query's error", async () => {
    const options = { servers: loadServerMap(sandbox().serverMap), bootstrap: Bootstrap.load(sandbox().bootstrapDir), mappedOnly: true };
    await expect(lookup("AMU2", options)).rejects.toMatchObject({ code: "WL_ERR_NO_SERVER" });
    expect(() => firstServerFor("AMU2", options)).toThrow(/without a -SUFFIX/);
    expect(firstServerFor("AMU2", { ...options, rdapUrl: LACNIC_RDAP })).toBe("rdap.lacnic.net");
    expect(firstServerFor("AMU2", { ...options, protocol: "whois", rdapUrl: LACNIC_RDAP })).toBe("whois.lacnic.net");
    // A hyphenated handle without an RFC 8521 tag keeps ARIN's default (its OrgIds: "NWT-7").
    expect(firstServerFor("AMAZO-4", { ...options, protocol: "whois" })).toBe("whois.arin.net");
  });

  it("the RIRs' own suffixes IANA's object tags miss (APNIC's -AP, AFRINIC's -AFRINIC) go to that RIR, not ARIN (bundled bootstrap)", () => {
    expect(firstServerFor("ORG-KF1-AP")).toBe("rdap.apnic.net");
    expect(firstServerFor("ORG-KF1-AP", { protocol: "whois" })).toBe("whois.apnic.net");
    expect(firstServerFor("ORG-BN1-AFRINIC")).toBe("rdap.afrinic.net");
    expect(firstServerFor("ORG-BN1-AFRINIC", { protocol: "whois" })).toBe("whois.afrinic.net");
    expect(firstServerFor("GOGL-ARIN", { protocol: "whois" })).toBe("whois.arin.net");
  });

  it("other registries' own suffixes go to their port-43 server, not ARIN; a registry the user names still wins", () => {
    expect(firstServerFor("XYZ1-FRNIC")).toBe("rdap.nic.fr"); // FRNIC is an RFC 8521 tag: RDAP first
    expect(firstServerFor("XYZ1-FRNIC", { protocol: "whois" })).toBe("whois.nic.fr");
    expect(firstServerFor("ABC12-NORID", { protocol: "whois" })).toBe("whois.norid.no");
    expect(firstServerFor("AB1234-NICAT", { protocol: "whois" })).toBe("whois.nic.at");
    expect(firstServerFor("ABC123-DK", { protocol: "whois" })).toBe("whois.punktum.dk");
    expect(firstServerFor("EXAMPLE-MNT", { protocol: "whois" })).toBe("whois.ripe.net");
    expect(firstServerFor("XYZ1-FRNIC", { protocol: "whois", rdapUrl: LACNIC_RDAP })).toBe("whois.lacnic.net");
    expect(firstServerFor("XYZ1-FRNIC", { protocol: "whois", host: "whois.example.net" })).toBe("whois.example.net");
  });
});
