import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { firstServerFor } from "../../src/lookup/index.js";
import { gnuWhois } from "../helpers/gnu-whois.js";

/**
 * Where GNU whois (the real client users compare us with) sends a handle, against where our lookup does. GNU whois
 * is run with no network at all (`unshare -rn`: a fresh network namespace, not even loopback up), so it can only
 * say which server it would ask ("getaddrinfo(whois.arin.net)") or that it knows none ("No whois server is known
 * for this kind of object"); nothing leaves the machine. Skipped where whois or unprivileged namespaces are missing.
 */
const binary = gnuWhois();
const isolated = binary !== undefined && spawnSync("unshare", ["-rn", "true"]).status === 0;
if (!isolated) console.warn("gnu-whois-handles.test.ts: GNU whois or `unshare -rn` unavailable, skipped (scripts/ci-tools.sh installs whois)");

/** GNU whois's choice for `handle`: the server it tried to resolve, or "none". */
function gnuChoice(handle: string): string {
  const run = spawnSync("unshare", ["-rn", binary ?? "whois", handle], { encoding: "utf8", timeout: 10_000 });
  const text = `${run.stdout}${run.stderr}`;
  if (text.includes("No whois server is known for this kind of object")) return "none";
  const server = /getaddrinfo\(([a-z0-9.-]+)\)/i.exec(text)?.[1];
  if (server === undefined) throw new Error(`GNU whois said something else for ${handle}: ${text.slice(0, 200)}`);
  return server;
}

/** Ours over port 43 with the bundled bootstrap: the server, or "none" when the lookup refuses (WL_ERR_NO_SERVER). */
function ourChoice(handle: string): string {
  try {
    return firstServerFor(handle, { protocol: "whois" });
  } catch (error) {
    if ((error as { code?: string }).code === "WL_ERR_NO_SERVER") return "none";
    throw error;
  }
}

describe.skipIf(!isolated)("handles: our port-43 server is GNU whois's", () => {
  it.each([
    // No -SUFFIX: GNU whois knows no server, and neither do we.
    "AMU2", "abc12", "SD1234JP", "MAE2",
    // RFC 8521 tags and ARIN's untagged OrgIds.
    "GOGL-ARIN", "NWT-7", "AMAZO-4", "ORG-FA1-RIPE", "ORG-KF1-AP", "ORG-BN1-AFRINIC", "CL-CADL-LACNIC",
    // Other registries' own suffixes (REGISTRY_HANDLE_WHOIS; -DK is left out: GNU whois still names DK Hostmaster's old server).
    "XYZ1-FRNIC", "ABC12-NORID", "AB1234-NICAT", "EXAMPLE-MNT",
  ])("%s", (handle) => {
    expect(ourChoice(handle)).toBe(gnuChoice(handle));
  });
});
