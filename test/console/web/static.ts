/**
 * Serves the built page (dist/console-web/) the way the console does: files only from that folder
 * (resolved path must stay inside it), index.html at `/`, and the strict CSP the issue asks for
 * (no 'unsafe-inline', nothing but 'self'), so an inline script or style in the page fails the tests.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_ROOT = fileURLToPath(new URL("../../../dist/console-web/", import.meta.url));

/** As strict as the console's: every source 'self', no inline code, no framing, no plugins. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export function webBuilt(): boolean {
  return existsSync(join(WEB_ROOT, "index.html"));
}

/** Answers a GET for a page file; false when the path is not one (the caller answers 404). */
export function serveStatic(pathname: string, res: ServerResponse): boolean {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname === "/" ? "/index.html" : pathname);
  } catch {
    return false;
  }
  const file = resolve(WEB_ROOT, `.${rel}`);
  if (!file.startsWith(WEB_ROOT.endsWith(sep) ? WEB_ROOT : WEB_ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": STRICT_CSP, "x-content-type-options": "nosniff", "cache-control": "no-store" });
  res.end(readFileSync(file));
  return true;
}
