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
