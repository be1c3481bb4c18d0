// Shared by the layout tests: an answer written as its lines, and a record's contacts with one role.
import type { Contact, ContactRole, WhoisRecord } from "../../../src/record/types.js";

export const lines = (...rows: string[]): string => rows.join("\n");

export const byRole = (record: WhoisRecord, role: ContactRole): Contact[] => (record.contacts ?? []).filter((c) => c.roles.includes(role));
