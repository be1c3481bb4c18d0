/**
 * Nesting limits for YAML/JSON files read as configuration (rule and host-list files), measured
 * without recursion so a hostile file ("[[[[…" or "- - - - …" 100k levels deep) is refused with a
 * clear error before the yaml composer or a schema walk can overflow the stack (issue #19).
 */
import { Lexer } from "yaml";

/** Deeper than any real rule file (the shipped ones measure 11 by yamlNestingBound, 7 parsed); far below a stack overflow. */
export const MAX_CONFIG_DEPTH = 64;

/** YAML block indicators that open a collection level on the line they sit on. */
const BLOCK_INDICATORS = new Set(["-", "?", ":"]);

/**
 * An upper bound of a YAML text's nesting, from the yaml package's lexer (linear, no recursion):
 * open flow collections ([ {) + open indentation levels + block indicators on the current line
 * (compact nesting such as "- - - x"). Stops counting as soon as it passes `stopAbove`.
 */
export function yamlNestingBound(text: string, stopAbove = MAX_CONFIG_DEPTH): number {
  let flow = 0;
  const indents: number[] = [];
  let onLine = 0;
  let atLineStart = true;
  let deepest = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "\n" || token === "\r\n") {
      atLineStart = true;
      onLine = 0;
      continue;
    }
    if (atLineStart) {
      atLineStart = false;
      const indent = /^ +$/.test(token) ? token.length : 0;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) > indent) indents.pop();
      if (indent > 0 && (indents.length === 0 || (indents[indents.length - 1] ?? 0) < indent)) indents.push(indent);
    }
    if (token === "[" || token === "{") flow += 1;
    else if (token === "]" || token === "}") flow = Math.max(0, flow - 1);
    else if (BLOCK_INDICATORS.has(token)) onLine += 1;
    const depth = flow + indents.length + onLine;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > stopAbove) return deepest;
    }
  }
  return deepest;
}
