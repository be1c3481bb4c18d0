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
