import { NetworkError } from "../errors.js";

/**
 * Deepest nesting of objects/arrays in a JSON text, found without parsing it,
 * so a hostile answer ("[[[[…") is refused before JSON.parse or any recursive
 * walk can be made to spend stack or memory on it.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return deepest;
}

/** JSON.parse behind a depth limit; errors are WL_ERR_PROTOCOL naming the server. */
export function parseJsonSafely(text: string, maxDepth: number, server: string): unknown {
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth) {
    throw new NetworkError("WL_ERR_PROTOCOL", `${server} sent JSON nested ${depth} levels deep (limit ${maxDepth}); refused`, { server });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NetworkError("WL_ERR_PROTOCOL", `${server} sent malformed JSON: ${(error as Error).message}`, { server, cause: error });
  }
}

/**
 * Whether a parsed JSON value nests arrays/objects deeper than `limit` (a top-level object or array is
 * level 1, as jsonNestingDepth counts). Iterative, and it stops at the first path past the limit, so a
 * scalar costs nothing and a hostile 100k-deep value costs `limit` steps down it, never a stack overflow.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, level] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (level > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, level + 1]);
    }
  }
  return false;
}
