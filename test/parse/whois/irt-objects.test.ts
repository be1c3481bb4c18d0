import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

/**
 * `mnt-irt:` names the resource's incident-response team, an `irt` object that RIPE's and APNIC's answers append
 * (RIPE Database documentation, "Description of the IRT Object"; APNIC's IRT object): RDAP gives it as an entity with
 * the "abuse" role, so port 43 gives the same contact. A bare handle (the object not in the answer, as after `-r`) is
 * no contact: RDAP would give no entity for it. Written here in the RIPE Database's own spacing, CRLF line ends.
 */
const RIPE_STYLE = [
  "% This is the RIPE Database query service.",
  "",
  "inet6num:       2001:db8:77::/48",
  "netname:        FJORD-NET",
  "country:        NO",
  "admin-c:        FJ1-RIPE",
  "tech-c:         FJ1-RIPE",
  "status:         ASSIGNED",
  "mnt-by:         FJORD-MNT",
  "mnt-irt:        irt-Fjord-CERT",
  "source:         RIPE",
  "",
  "irt:            irt-Fjord-CERT",
  "address:        Bryggen 4",
  "address:        5003 Bergen",
  "abuse-mailbox:  cert@fjord.example",
  "signature:      PGPKEY-00000000",
  "encryption:     PGPKEY-00000000",
  "admin-c:        FJ1-RIPE",
  "tech-c:         FJ1-RIPE",
  "auth:           PGPKEY-00000000",
  "mnt-by:         FJORD-MNT",
  "source:         RIPE # Filtered",
  "",
  "role:           Fjord Operations",
  "address:        Bryggen 4",
  "e-mail:         ops@fjord.example",
  "nic-hdl:        FJ1-RIPE",
  "mnt-by:         FJORD-MNT",
  "source:         RIPE # Filtered",
  "",
].join("\r\n");

const parse = (text: string) => parseWhoisText(text, { server: "whois.ripe.net", query: "2001:db8:77::1" });

describe("RPSL mnt-irt", () => {
  it("the irt object the answer appends is the abuse contact, with its handle and abuse-mailbox", () => {
    const abuse = parse(RIPE_STYLE).contacts?.filter((c) => c.roles.includes("abuse"));
    expect(abuse?.map((c) => ({ handle: c.handle, email: c.email }))).toEqual([{ handle: "irt-Fjord-CERT", email: "cert@fjord.example" }]);
  });

  it("beside an abuse-c, the irt is a second abuse contact", () => {
    const text = RIPE_STYLE.replace("status:  ", "abuse-c:        FJ1-RIPE\r\nstatus:  ");
    const abuse = parse(text).contacts?.filter((c) => c.roles.includes("abuse"));
    expect(abuse?.map((c) => c.email).sort()).toEqual(["cert@fjord.example", "ops@fjord.example"]);
  });

  it("a bare mnt-irt handle (no irt object in the answer, as after -r) is no contact", () => {
    const withoutObject = RIPE_STYLE.split("\r\n\r\n").filter((block) => !block.startsWith("irt:")).join("\r\n\r\n");
    const record = parse(withoutObject);
    expect(record.contacts?.some((c) => c.roles.includes("abuse"))).toBe(false);
    expect(record.contacts?.map((c) => c.handle)).toEqual(["FJ1-RIPE"]);
  });

  it("an irt's own admin-c or an mnt-irt outside the resource's block names nothing more", () => {
    // The organisation object (a later block) names another irt: only the resource's own is its contact.
    const text = RIPE_STYLE.replace("\r\nrole:", "\r\norganisation:   ORG-FJ1-RIPE\r\norg-name:       Fjord AS\r\nmnt-irt:        IRT-OTHER\r\nsource:         RIPE\r\n\r\nirt:            IRT-OTHER\r\ne-mail:         other@elsewhere.example\r\nsource:         RIPE\r\n\r\nrole:");
    const emails = parse(text).contacts?.map((c) => c.email);
    expect(emails).not.toContain("other@elsewhere.example");
    expect(emails).toContain("cert@fjord.example");
  });
});
