import { RIR_WHOIS, rirRdapBase, type Rir } from "../servers/whois-servers.js";

/**
 * The RIRs' handle suffixes, for the handles IANA's RDAP object-tags file (RFC 8521) does not route: it
 * registers APNIC's tag as "APNIC" while APNIC's handles end in "-AP" (ORG-KF1-AP, KL1-AP), and AFRINIC
 * registers none while its handles end in "-AFRINIC". GNU whois routes both by suffix (its nic_handles
 * table: `whois ORG-KF1-AP` asks whois.apnic.net); without this row we asked ARIN, which does not hold them
 * (test/lookup/gnu-whois-handles.test.ts compares our choice with GNU whois's, offline). The tags the file
 * does carry are listed too, so that a bootstrap without object tags (an old --bootstrap-dir) still routes them.
 */
export const RIR_HANDLE_SUFFIXES: Readonly<Record<string, Rir>> = Object.freeze({
  AP: "apnic", // APNIC: "-AP" NIC handles and organisation IDs (APNIC Whois Database guide)
  AFRINIC: "afrinic", // AFRINIC: "-AFRINIC"; no RFC 8521 tag registered with IANA
  ARIN: "arin",
  RIPE: "ripe",
  LACNIC: "lacnic",
});

/** The RDAP base of the RIR whose suffix `handle` ends in ("ORG-KF1-AP" → APNIC's), or undefined. */
export function rirRdapBaseForHandle(handle: string): string | undefined {
  const suffix = handleSuffix(handle);
  if (suffix === undefined || !Object.hasOwn(RIR_HANDLE_SUFFIXES, suffix)) return undefined;
  const rir = RIR_HANDLE_SUFFIXES[suffix] as Rir;
  return rirRdapBase(RIR_WHOIS[rir]);
}

/**
 * Registries other than the RIRs whose contact handles carry a suffix of their own, and the port-43 server
 * that holds them. GNU whois routes the same suffixes (its nic_handles table; checked offline by
 * test/lookup/gnu-whois-handles.test.ts); the server names are today's (DK Hostmaster is now Punktum dk,
 * whois.punktum.dk, where GNU whois still names whois.dk-hostmaster.dk). RIPE's maintainers end in "-MNT".
 * Over RDAP these suffixes have no RFC 8521 tag except FRNIC's, so an RDAP-first lookup falls back to port 43 here.
 */
export const REGISTRY_HANDLE_WHOIS: Readonly<Record<string, string>> = Object.freeze({
  FRNIC: "whois.nic.fr", // AFNIC (.fr) contact handles, e.g. ABC123-FRNIC
  NORID: "whois.norid.no", // Norid (.no) handles, e.g. ABC123-NORID
  NICAT: "whois.nic.at", // nic.at (.at) person handles, e.g. ABC1234-NICAT
  DK: "whois.punktum.dk", // Punktum dk (.dk) handles, e.g. ABC123-DK
  MNT: "whois.ripe.net", // RIPE Database maintainers, e.g. EXAMPLE-MNT
});

/** The port-43 server of the registry whose own suffix `handle` ends in ("XYZ1-FRNIC" → whois.nic.fr), or undefined. */
export function registryWhoisForHandle(handle: string): string | undefined {
  const suffix = handleSuffix(handle);
  return suffix !== undefined && Object.hasOwn(REGISTRY_HANDLE_WHOIS, suffix) ? REGISTRY_HANDLE_WHOIS[suffix] : undefined;
}

/** What follows a handle's last hyphen, upper-cased (RFC 8521's tag position), or undefined without one. */
function handleSuffix(handle: string): string | undefined {
  const dash = handle.lastIndexOf("-");
  return dash === -1 ? undefined : handle.slice(dash + 1).toUpperCase();
}
