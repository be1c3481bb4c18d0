import type { Contact, ContactField, ContactRole } from "../../record/types.js";
import { parseDate } from "../dates.js";
import { structureAddress } from "../address-lines.js";
import { withoutTelScheme } from "../tel-uri.js";
import { isPrivacyService, isRedactedValue } from "../privacy.js";
import type { ContactFieldTarget } from "./aliases.js";
import { RECORD_LIMITS, UniqueList } from "../limits.js";
import type { EveryField } from "./record-shape.js";

/** Values that mean "nothing here". */
const EMPTY_PLACEHOLDERS = new Set(["n/a", "-", "--", "none", "null", "not applicable", "na", ".", "not assigned"]);

const LONGEST_PLACEHOLDER = Math.max(...[...EMPTY_PLACEHOLDERS].map((placeholder) => placeholder.length));

/**
 * A contact while the answer is read: every field present from the start (undefined until set), in the
 * order of the record's schema (shared/schema/record.md). Contacts whose fields arrived in answer order had
 * a hidden class per layout, and the reads in finishContact/sameContact went megamorphic (issue #13);
 * `published` copies the set fields out in the same order, so every record lists them alike.
 */
export function draftContact(roles: ContactRole[]): Contact {
  return {
    roles,
    handle: undefined,
    name: undefined,
    organization: undefined,
    email: undefined,
    phone: undefined,
    fax: undefined,
    street: undefined,
    city: undefined,
    state: undefined,
    postalCode: undefined,
    country: undefined,
    countryCode: undefined,
    created: undefined,
    updated: undefined,
    redacted: undefined,
    privacyProxy: undefined,
  } satisfies EveryField<Contact>;
}

/** A draft copy of `contact` under `roles`, each field taken from `over` where it has one (the spread `{ ...contact, ...over, roles }` without undefined values winning). */
export function copyContact(contact: Contact, roles: ContactRole[], over?: Contact): Contact {
  const copy = draftContact(roles);
  copy.handle = over?.handle ?? contact.handle;
  copy.name = over?.name ?? contact.name;
  copy.organization = over?.organization ?? contact.organization;
  copy.email = over?.email ?? contact.email;
  copy.phone = over?.phone ?? contact.phone;
  copy.fax = over?.fax ?? contact.fax;
  copy.street = over?.street ?? contact.street;
  copy.city = over?.city ?? contact.city;
  copy.state = over?.state ?? contact.state;
  copy.postalCode = over?.postalCode ?? contact.postalCode;
  copy.country = over?.country ?? contact.country;
  copy.countryCode = over?.countryCode ?? contact.countryCode;
  copy.created = over?.created ?? contact.created;
  copy.updated = over?.updated ?? contact.updated;
  copy.redacted = over?.redacted ?? contact.redacted;
  copy.privacyProxy = over?.privacyProxy ?? contact.privacyProxy;
  return copy;
}

/** The record's contact: the draft's set fields only, in the schema's order. */
function published(draft: Contact): Contact {
  const out: Contact = { roles: draft.roles };
  if (draft.handle !== undefined) out.handle = draft.handle;
  if (draft.name !== undefined) out.name = draft.name;
  if (draft.organization !== undefined) out.organization = draft.organization;
  if (draft.email !== undefined) out.email = draft.email;
  if (draft.phone !== undefined) out.phone = draft.phone;
  if (draft.fax !== undefined) out.fax = draft.fax;
  if (draft.street !== undefined) out.street = draft.street;
  if (draft.city !== undefined) out.city = draft.city;
  if (draft.state !== undefined) out.state = draft.state;
  if (draft.postalCode !== undefined) out.postalCode = draft.postalCode;
  if (draft.country !== undefined) out.country = draft.country;
  if (draft.countryCode !== undefined) out.countryCode = draft.countryCode;
  if (draft.created !== undefined) out.created = draft.created;
  if (draft.updated !== undefined) out.updated = draft.updated;
  if (draft.redacted !== undefined) out.redacted = draft.redacted;
  if (draft.privacyProxy !== undefined) out.privacyProxy = draft.privacyProxy;
  return out;
}

/** No field set but its roles. */
function isEmptyContact(draft: Contact): boolean {
  return (
    draft.handle === undefined && draft.name === undefined && draft.organization === undefined && draft.email === undefined && draft.phone === undefined && draft.fax === undefined &&
    draft.street === undefined && draft.city === undefined && draft.state === undefined && draft.postalCode === undefined && draft.country === undefined && draft.countryCode === undefined &&
    draft.created === undefined && draft.updated === undefined && draft.redacted === undefined && draft.privacyProxy === undefined
  );
}

/** Collects contact fields per role (or per handle) as the entries arrive. */
export class ContactBuilder {
  /** Made on first use: most registry answers name no contact. */
  private contactsByRole: Map<ContactRole, Contact> | undefined;
  private roleReferences: Map<ContactRole, string> | undefined;
  /** Further handles named for a role already referenced ("tech-c" twice): each is a contact of its own. */
  readonly moreReferences = new UniqueList<[ContactRole, string]>(RECORD_LIMITS.references);
  /** Handles of objects that are a contact only when the answer holds them ("mnt-irt", rpsl.ts OBJECT_REFERENCES). */
  readonly objectReferences = new UniqueList<[ContactRole, string]>(RECORD_LIMITS.references);
  private readonly extra: Contact[] = [];

  private get byRole(): Map<ContactRole, Contact> {
    return (this.contactsByRole ??= new Map());
  }

  /** Roles that only name a handle ("admin-c: XY-RIPE"), resolved against objects later. */
  get references(): Map<ContactRole, string> {
    return (this.roleReferences ??= new Map());
  }

  /** Some role was named by handle only (see references). */
  hasReferences(): boolean {
    return (this.roleReferences?.size ?? 0) > 0 || this.moreReferences.length > 0 || this.objectReferences.length > 0;
  }

  /** Street lines refused because the contact already had RECORD_LIMITS.streetLines of them. */
  droppedStreetLines = 0;

  set(role: ContactRole, field: ContactFieldTarget, value: string): void {
    let contact = this.byRole.get(role);
    if (contact === undefined) {
      contact = draftContact([role]);
      this.byRole.set(role, contact);
    }
    if (field === "street" && (contact.street?.length ?? 0) >= RECORD_LIMITS.streetLines) {
      this.droppedStreetLines += 1;
      return;
    }
    assignContactField(contact, field, value);
  }

  /** A role's prefixed name label ("Registrant Contact Name:"): beside the role's own line, the person (see nameBesideHolder). */
  setPrefixedName(role: ContactRole, value: string): void {
    const contact = this.byRole.get(role);
    if (contact !== undefined && this.namedByRoleLine?.has(role) === true) this.nameBesideHolder(contact, value, role);
    else this.set(role, "name", value);
  }

  /** Roles whose name came from the role's own line ("Registrant: Example Pty Ltd"), not from a name label. */
  private namedByRoleLine: Set<ContactRole> | undefined;

  /** "Registrant: Example Pty Ltd": the role's line names it (see nameBesideHolder). */
  setNameFromRoleLine(role: ContactRole, value: string): void {
    let contact = this.byRole.get(role);
    if (contact === undefined) {
      contact = draftContact([role]);
      this.byRole.set(role, contact);
    }
    // (Another line of the role's own, auDA's "Registrant ID: ACN 120 562 905", is not the contact's name beside it.)
    if (contact.name !== undefined) return;
    assignContactField(contact, "name", value);
    if (contact.name !== undefined) (this.namedByRoleLine ??= new Set()).add(role);
  }

  /**
   * auDA "Registrant: Google INC" then "Registrant Contact Name: Domain Administrator": the role's line names the holder,
   * the name label the person to contact there. The first becomes the organisation, when the answer gives none.
   */
  private nameBesideHolder(contact: Contact, value: string, role: ContactRole): void {
    this.namedByRoleLine?.delete(role);
    const holder = contact.name;
    // (SGNIC's "Registrant: GOOGLE INC." over "Name: GOOGLE INC. (SGNIC-ORG1113988)": the same holder with its handle.)
    if (holder === undefined || contact.organization !== undefined || value.trim().toLowerCase().startsWith(holder.toLowerCase())) return assignContactField(contact, "name", value);
    contact.name = undefined;
    assignContactField(contact, "name", value);
    if (contact.name === undefined) contact.name = holder;
    else contact.organization = holder;
  }

  has(role: ContactRole): boolean {
    return this.contactsByRole?.has(role) === true;
  }

  /** The role's contact has a name or an organisation. */
  named(role: ContactRole): boolean {
    const contact = this.contactsByRole?.get(role);
    return contact !== undefined && (contact.name !== undefined || contact.organization !== undefined);
  }

  /** Adds a contact defined elsewhere (an RPSL person/role object) under `role`. */
  adopt(role: ContactRole, contact: Contact): void {
    if (this.byRole.has(role)) return;
    this.byRole.set(role, copyContact(contact, [role]));
  }

  /** Fills a role's contact from an object it referenced by handle, keeping what the role already had. */
  adoptMerged(role: ContactRole, object: Contact): void {
    this.byRole.set(role, copyContact(object, [role], this.byRole.get(role)));
  }

  /**
   * Roles whose contact is only a one-word name ("Registrant: Google"): a handle written without digits or dashes, when
   * the answer defines an object by that name (SK-NIC's "Contact: Google" block). Looked up only when some role has one.
   */
  nameOnlyRoles(): [ContactRole, string][] {
    const found: [ContactRole, string][] = [];
    if (this.contactsByRole === undefined) return found;
    for (const [role, contact] of this.contactsByRole) {
      const name = contact.name;
      if (name === undefined || name.length > 40 || /\s/.test(name)) continue;
      // (The name is set aside for isEmptyContact and put back: the draft keeps its one shape, issue #13.)
      contact.name = undefined;
      if (isEmptyContact(contact)) found.push([role, name]);
      contact.name = name;
    }
    return found;
  }

  /** Drops what a role's contact was given line by line, keeping the handle it references (the holder's lines, read apart). */
  forget(role: ContactRole): void {
    const handle = this.roleReferences?.get(role);
    if (handle === undefined) {
      this.contactsByRole?.delete(role);
      return;
    }
    const bare = draftContact([role]);
    assignContactField(bare, "handle", handle);
    this.byRole.set(role, bare);
  }

  /** Replaces a role's contact by the object it named (see nameOnlyRoles). */
  adoptNamed(role: ContactRole, object: Contact): void {
    this.byRole.set(role, copyContact(object, [role]));
  }

  /** A second (third…) contact with a role, from a further handle reference. */
  addExtra(role: ContactRole, object: Contact): void {
    if (this.extra.length < 20) this.extra.push(copyContact(object, [role]));
  }

  build(): Contact[] {
    const out: Contact[] = [];
    if (this.contactsByRole === undefined && this.extra.length === 0) return out;
    const drafts: Contact[] = [];
    if (this.contactsByRole !== undefined) for (const contact of this.contactsByRole.values()) this.keep(drafts, contact);
    for (const contact of this.extra) this.keep(drafts, contact);
    for (const draft of drafts) out.push(published(draft));
    return out;
  }

  /** Finishes a draft and adds it to `drafts`, or its roles to an identical one already there. */
  private keep(drafts: Contact[], contact: Contact): void {
    finishContact(contact);
    if (isEmptyContact(contact)) return;
    for (const twin of drafts) {
      if (!sameContact(twin, contact)) continue;
      for (const role of contact.roles) if (!twin.roles.includes(role)) twin.roles.push(role);
      return;
    }
    // One handle is one contact with several roles, as RDAP gives one entity (registro.br and LACNIC blocks naming the
    // same handle as owner-c and abuse-c, one role with the block's details, one bare): when no field of theirs disagrees,
    // the two are one, each filling what the other lacks. (Registries that print other details under each role for one
    // handle, .au and .qa, keep a contact per role: nothing is lost.)
    const handle = contact.handle?.toUpperCase();
    if (handle !== undefined) {
      for (let index = 0; index < drafts.length; index += 1) {
        const twin = drafts[index] as Contact;
        if (twin.handle?.toUpperCase() !== handle || !compatibleContacts(twin, contact)) continue;
        const roles = [...twin.roles];
        for (const role of contact.roles) if (!roles.includes(role)) roles.push(role);
        drafts[index] = copyContact(contact, roles, twin);
        return;
      }
    }
    drafts.push(contact);
  }
}

const MAX_POSTAL_CODE = 16;

export function assignContactField(contact: Contact, field: ContactFieldTarget, rawValue: string): void {
  const value = rawValue.trim();
  if (value === "" || (value.length <= LONGEST_PLACEHOLDER && EMPTY_PLACEHOLDERS.has(value.toLowerCase()))) return;
  if (isRedactedValue(value)) {
    const redacted = (contact.redacted ??= []);
    const name = field === "created" || field === "updated" ? undefined : (field as ContactField);
    if (name && !redacted.includes(name)) redacted.push(name);
    return;
  }
  switch (field) {
    case "street":
      if ((contact.street?.length ?? 0) < RECORD_LIMITS.streetLines) (contact.street ??= []).push(value);
      return;
    case "created":
    case "updated": {
      // (The first date wins: a later "changed:" line of an RPSL object is not parsed at all.)
      if (contact[field] !== undefined) return;
      const date = parseDate(value);
      if (date) contact[field] = date;
      return;
    }
    case "countryCode":
      if (contact.countryCode === undefined && /^[A-Za-z]{2}$/.test(value)) contact.countryCode = value.toUpperCase();
      return;
    case "country":
      // A two-letter value is the ISO code, not the country's name.
      if (/^[A-Za-z]{2}$/.test(value)) contact.countryCode ??= value.toUpperCase();
      else contact.country ??= value;
      return;
    // (One case per field rather than contact[field]: a keyed access whose key changes from call to call is
    // a megamorphic lookup in V8, a named one on the draft's single shape is a plain load, issue #13.)
    case "handle":
      contact.handle ??= value;
      return;
    case "namePart":
      if (contact.name === undefined) contact.name = value;
      else if (contact.name.length + value.length < 200) contact.name = `${contact.name} ${value}`;
      return;
    case "name":
      contact.name ??= value;
      return;
    case "organization":
      contact.organization ??= value;
      return;
    case "email":
      contact.email ??= value;
      return;
    case "phone":
      contact.phone ??= withoutTelScheme(value);
      return;
    case "fax":
      contact.fax ??= withoutTelScheme(value);
      return;
    case "city":
      contact.city ??= value;
      return;
    case "state":
      contact.state ??= value;
      return;
    case "postalCode":
      // A whole address under a postal label (Hostmaster .ua "abuse-postal: 83646 Meridian, Idaho 3540 East Longwing
      // Lane, suite 300") is the street: no postal code runs this long ("SW1A 1AA", "10504-1785", "LV-1010").
      if (value.length > MAX_POSTAL_CODE) return assignContactField(contact, "street", value);
      contact.postalCode ??= value;
      return;
    default: {
      // (Every ContactFieldTarget has its case above; a caller of the exported function passing another name still gets it set.)
      const fields = contact as unknown as Record<string, unknown>;
      const name = field as string;
      if (fields[name] === undefined) fields[name] = value;
    }
  }
}

function finishContact(contact: Contact): void {
  structureAddress(contact);
  if ((contact.name !== undefined && isPrivacyService(contact.name)) || (contact.organization !== undefined && isPrivacyService(contact.organization)) || (contact.email !== undefined && isPrivacyService(contact.email))) {
    contact.privacyProxy = true;
  }
  if (contact.redacted?.length === 0) contact.redacted = undefined;
}

/** No field set in both with different values (handles compared by the caller). */
function compatibleContacts(a: Contact, b: Contact): boolean {
  const agree = <T>(x: T | undefined, y: T | undefined): boolean => x === undefined || y === undefined || x === y;
  return (
    agree(a.name, b.name) && agree(a.organization, b.organization) && agree(a.email, b.email) && agree(a.phone, b.phone) && agree(a.fax, b.fax) &&
    agree(a.city, b.city) && agree(a.state, b.state) && agree(a.postalCode, b.postalCode) && agree(a.country, b.country) &&
    agree(a.countryCode, b.countryCode) && agree(a.created, b.created) && agree(a.updated, b.updated) &&
    (a.street === undefined || b.street === undefined || sameList(a.street, b.street))
  );
}

/** Same data under different roles: every field equal (street and redactions compared as lists). */
function sameContact(a: Contact, b: Contact): boolean {
  return (
    a.handle === b.handle && a.name === b.name && a.organization === b.organization && a.email === b.email && a.phone === b.phone && a.fax === b.fax &&
    a.city === b.city && a.state === b.state && a.postalCode === b.postalCode && a.country === b.country && a.countryCode === b.countryCode &&
    a.created === b.created && a.updated === b.updated && a.privacyProxy === b.privacyProxy &&
    sameList(a.street, b.street) && sameList(a.redacted, b.redacted)
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}
