import { describe, expect, it } from "vitest";
import { readEvents, useTestConsole } from "./helpers.js";

type Json = Record<string, any>;
const JSON_HEADERS = { "content-type": "application/json" };

/**
 * A team's script posts a query file to the console's bulk API as its lines (`text.split("\n")`): a file saved
 * on Windows has CRLF ends and may start with a BOM, and lists carry `#` comments, whole-line and after a
 * query, as `bulk FILE` reads them (docs/bulk.md). The API read a trailing comment into the query
 * ("acme-widgets.com  # from the report" failed as WL_ERR_INVALID_QUERY) and a comment line became a failed
 * query of its own; an all-comment list started a job of failures. Now every entry is read as a line of a
 * bulk file (src/bulk/query-line.ts), the same rule as the CLI and the page.
 */
describe("console API: a bulk file's lines posted as they are", () => {
  const c = useTestConsole();
  const post = (queries: string[]): Promise<Response> => c().api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ queries }) });

  it("CRLF, a BOM, comment lines and trailing comments: only the queries are asked, each once", async () => {
    const file = "\uFEFF# names from the phishing report\r\nexample.com\r\nacme-widgets.com  # from the report\r\n\r\nexample.com # again\r\n";
    const started = await post(file.split("\n"));
    expect(started.status).toBe(200);
    const { id } = (await started.json()) as { id: string };
    await readEvents(await c().api(`/api/bulk/${id}/events`), (e) => e.event === "end");
    expect((await (await c().api(`/api/bulk/${id}`)).json()) as Json).toEqual({ id, total: 2, done: 2, failed: 0, state: "done" });
    const page = (await (await c().api(`/api/bulk/${id}/results?limit=10`)).json()) as Json;
    expect(page.items.map((i: Json) => [i.query, i.state])).toEqual([["example.com", "done"], ["acme-widgets.com", "done"]]);
  }, 60_000);

  it("a list of only comments and blank lines is refused (400), no job started", async () => {
    const response = await post(["# header\r", "\r", "   # nothing here"]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error).toMatchObject({ code: "WL_ERR_API_REQUEST", message: expect.stringContaining("no query") });
  });
});
