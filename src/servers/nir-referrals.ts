/**
 * Where an RIR's port-43 answer hands over to a National Internet Registry. APNIC allocates to NIRs
 * (JPNIC, KRNIC, TWNIC, CNNIC, IDNIC, VNNIC, IRINN); their customers' assignments live in the NIR's own
 * database, and APNIC's answer shows only the NIR's allocation, with no `ReferralServer:` line. What
 * marks it is the NIR's maintainer as the allocation's `mnt-lower:` (the maintainer allowed to create the
 * objects below it, RIPE database software's meaning). One row per NIR: the RIR that answers, the
 * maintainer, the NIR's WHOIS server, and where that comes from.
 */
export interface NirReferral {
  rir: string;
  mntLower: string;
  server: string;
  source: string;
}

export const NIR_REFERRALS: readonly NirReferral[] = Object.freeze([
  { rir: "whois.apnic.net", mntLower: "MAINT-JPNIC", server: "whois.nic.ad.jp", source: "JPNIC allocations in APNIC's database (mnt-lower MAINT-JPNIC); JPNIC WHOIS https://www.nic.ad.jp/en/db/whois/en-gateway.html" },
  { rir: "whois.apnic.net", mntLower: "MNT-KRNIC-AP", server: "whois.nic.or.kr", source: "KRNIC (KISA) allocations in APNIC's database; KISA's IP WHOIS host as in SERVER_PROFILES" },
  { rir: "whois.apnic.net", mntLower: "MAINT-TW-TWNIC", server: "whois.twnic.net.tw", source: "TWNIC allocations in APNIC's database; TWNIC WHOIS https://www.twnic.tw/" },
]);

const RIRS_WITH_NIRS = new Set(NIR_REFERRALS.map((row) => row.rir));
/** `mnt-lower:` at a line start; the value up to the line end (one bounded class, no nested quantifier). */
const MNT_LOWER = /^mnt-lower:[ \t]*([A-Za-z0-9-]{1,80})[ \t]*$/gim;

/** The NIR server an RIR's answer hands over to, or undefined (most answers, every non-APNIC server). */
export function nirReferralFor(server: string, text: string): string | undefined {
  if (!RIRS_WITH_NIRS.has(server.toLowerCase()) || !text.includes("mnt-lower:")) return undefined;
  for (const match of text.matchAll(MNT_LOWER)) {
    const maintainer = (match[1] ?? "").toUpperCase();
    const row = NIR_REFERRALS.find((candidate) => candidate.rir === server.toLowerCase() && candidate.mntLower === maintainer);
    if (row) return row.server;
  }
  return undefined;
}
