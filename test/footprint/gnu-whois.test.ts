/**
 * GNU whois (Debian package `whois`) as the client: the queries the footprint sends, written
 * the way a person types them, against the sandbox's port-43 servers; the footprint's readers
 * must read what the real client prints (its own query rewriting, e.g. lower case, included).
 * Skipped with a message when whois is not installed (CI installs it: scripts/ci-tools.sh).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { port43Pivots } from "../../src/footprint/port43-holder.js";
import { parseWhoisText } from "../../src/parse/index.js";
import { arinSummaryResources, port43Resources } from "../../src/footprint/port43-resources.js";
import { gnuWhois } from "../helpers/gnu-whois.js";
import { useSandbox } from "../helpers/built-cli.js";

const run = promisify(execFile);
const binary = gnuWhois();
const hasWhois = binary !== undefined;
if (!hasWhois) console.warn("gnu-whois.test.ts: GNU whois not installed, skipped (scripts/ci-tools.sh installs it)");

describe.skipIf(!hasWhois)("the footprint's readers on GNU whois's output", () => {
  const sandbox = useSandbox();

  /** `whois -h 127.0.0.1 -p PORT ARGS…`: only ever the sandbox on loopback. */
  async function whois(server: string, args: string[]): Promise<string> {
    const endpoint = sandbox().serverMap[server];
    const address = typeof endpoint === "string" ? endpoint : endpoint?.address;
    const [host, port] = (address ?? "").split(":");
    expect(host).toBe("127.0.0.1");
    const { stdout } = await run(binary ?? "whois", ["-h", host ?? "", "-p", port ?? "", ...args], { timeout: 10_000 });
    return stdout;
  }

  it.each([
    ["whois.ripe.net", ["203.0.113.9"], "ORG-AWE1-RIPE", "Acme Widgets Europe B.V.", ["ACME-MNT"]],
    ["whois.arin.net", ["198.51.100.9"], "ACMEW-ARIN", "Acme Widgets Inc.", []],
    ["whois.apnic.net", ["2001:db8:a100::9"], "ORG-KL1-AP", "Kangaroo Logistics Pty Ltd", ["MAINT-AU-KANGAROO"]],
    ["whois.lacnic.net", ["2001:db8:c100::9"], "UY-COEJ-LACNIC", "Cooperativa Ejemplo Ltda.", []],
  ])("%s %j: the holder's handle and organisation (the parsed registrant), its maintainer", async (server, args, handle, organization, maintainers) => {
    const text = await whois(server, args);
    const registrant = parseWhoisText(text, { server, query: args[0] ?? "" }).contacts?.find((c) => c.roles.includes("registrant"));
    expect(registrant?.handle).toBe(handle);
    expect(registrant?.name).toBe(organization);
    expect(port43Pivots(text).filter((h) => h.kind === "maintainer").map((h) => h.value)).toEqual(maintainers);
  });

  it("RIPE's inverse queries with GNU whois's own flags (-r -i org / -i mnt-by)", async () => {
    const byOrg = port43Resources(await whois("whois.ripe.net", ["-r", "-i", "org", "ORG-AWE1-RIPE"]));
    expect(byOrg.map((r) => r.value).sort()).toEqual(["2001:db8:1234::/48", "203.0.113.0/24", "AS64501", "AS65550"]);
    const byMaintainer = port43Resources(await whois("whois.ripe.net", ["-r", "-i", "mnt-by", "ACME-MNT"]));
    expect(byMaintainer.map((r) => r.value).sort()).toEqual(["2001:db8:1234::/48", "203.0.113.0/24", "AS64501", "AS65550"]);
  });

  it("APNIC's inverse query on the holder's maintainer", async () => {
    const found = port43Resources(await whois("whois.apnic.net", ["-r", "-i", "mnt-by", "MAINT-AU-KANGAROO"]));
    expect(found.map((r) => r.value).sort()).toEqual(["2001:db8:a000::/40", "2001:db8:a100::/40", "AS65545"]);
  });

  it("ARIN's related records (o ! > ORGID) and LACNIC's owner answer", async () => {
    const arin = arinSummaryResources(await whois("whois.arin.net", ["--", "o ! > ACMEW-ARIN"]));
    expect(arin.map((r) => r.value)).toEqual(["198.51.100.0/24", "AS64500"]);
    const lacnic = port43Resources(await whois("whois.lacnic.net", ["UY-COEJ-LACNIC"]));
    expect(lacnic.map((r) => r.value)).toEqual(["AS65540", "2001:db8:c000::/40", "2001:db8:c100::/40"]);
  });
});
