/**
 * A template definition prepared once per chunk (binxml.ts compiles it on its first use): its markup as a list of
 * literal pieces and substitution slots, so each record that instantiates it is rendered by filling slots, not by
 * walking the definition's tokens again.
 *
 * Groups carry what MS-EVEN6 asks of a substitution beyond its text: an element or attribute that holds an optional
 * substitution (token 0x0e) whose value is NULL is left out whole (3.1.4.7.2 "Optional Substitutions"), and an element
 * whose substitution holds an array value (type | 0x80) is repeated once per item (3.1.4.7.5 "Array Types").
 */
export const LITERAL = 0;
export const SLOT = 1;
export const GROUP = 2;
export const INSTANCE = 3;

export type Op =
  /** Markup, already escaped. */
  | { k: typeof LITERAL; text: string }
  /** Substitution `index` of the instance's values; `depth` is its element's depth in the definition. */
  | { k: typeof SLOT; index: number; attr: boolean; depth: number }
  /** An element or attribute: ops up to `end` (excluded). Left out when one of `optionals` is NULL; an element is repeated per item of an array among `slots`. */
  | { k: typeof GROUP; end: number; optionals: number[]; slots: number[]; element: boolean }
  /** A template instance inside the definition, its values inline at `pos` (region ends at `end`). */
  | { k: typeof INSTANCE; pos: number; end: number; depth: number };

export interface Compiled {
  ops: Op[];
  /** Tokens the definition holds: charged to the record's budget each time it is rendered, as if walked. */
  tokens: number;
  /** The deepest nesting in the definition (elements, fragment), added to the instance's own depth. */
  depth: number;
}

/** Builds the op list: adjacent literals merge, except across the end of a group (a jump target). */
export class OpList {
  readonly ops: Op[] = [];
  private sealed = true;

  literal(text: string): void {
    if (text === "") return;
    const last = this.ops[this.ops.length - 1];
    if (!this.sealed && last?.k === LITERAL) last.text += text;
    else this.ops.push({ k: LITERAL, text });
    this.sealed = false;
  }

  push(op: Op): void {
    this.ops.push(op);
    this.sealed = true;
  }

  /** Opens a group; close it with `close`. */
  group(element: boolean): Extract<Op, { k: typeof GROUP }> {
    const g = { k: GROUP, end: -1, optionals: [] as number[], slots: [] as number[], element } as const;
    this.push(g);
    return g;
  }

  close(g: Extract<Op, { k: typeof GROUP }>): void {
    g.end = this.ops.length;
    this.sealed = true;
  }
}

/** Bounds of one record's rendering (binxml.ts) and of one template's preparation (compile.ts). */
export const BINXML_LIMITS = { maxDepth: 32, maxTokens: 20_000, maxValues: 1024, maxOutput: 1 << 20 };

export class BinXmlError extends Error {}

/** A substitution value: its type and where its bytes are in the chunk. */
export interface Value { type: number; at: number; size: number }

export const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
export const ENTITIES = new Set(["lt", "gt", "amp", "quot", "apos"]);
export const ATTR_VALUE_TOKENS = new Set([0x05, 0x45, 0x0d, 0x0e, 0x08, 0x48, 0x09, 0x49]);

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // most values: names, numbers, paths
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&apos;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}
