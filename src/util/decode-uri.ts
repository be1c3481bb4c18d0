/**
 * decodeURIComponent for a request path taken from a client: a malformed escape ("%E0%A4%A",
 * "%zz", a lone surrogate's "%ED%A0%80") keeps the text as it came instead of throwing, so the
 * caller answers "not found"/"bad request" rather than failing. Text without "%" is returned as it is.
 * One piece for the `serve` RDAP server and the sandbox world's RDAP routes.
 */
export function decodeUriOrKeep(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
