/**
 * POST /api/detect: a log file in (any format detect reads, gzip and pcap too), alerts out, kept in
 * the inbox. The upload is spooled to a private temporary file as it arrives, stopping at the upload
 * cap (a body is never held whole in memory), then read by the same detectFiles the CLI uses.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { detectFiles } from "../../detect/engine/index.js";
import { alertToEcs } from "../../detect/format/ndjson.js";
import { loadRuleSet, type RuleSet } from "../../detect/rules/index.js";
import type { Alert, LogFormat } from "../../detect/types.js";
import { toSigma, sigmaYaml, suricataRules } from "../../detect/export/index.js";
import type { ConsoleContext } from "./context.js";
import { ApiError } from "./http-errors.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { DetectQuery, DetectResponse, RulesParams } from "./schemas.js";

/** Writes the stream to `path`, refusing (413) past `max` bytes. */
async function spool(body: Readable, path: string, max: number): Promise<number> {
  const out = createWriteStream(path, { mode: 0o600 });
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > max) throw new ApiError(413, "WL_ERR_API_REQUEST", `the upload is larger than ${max} bytes (--max-upload-bytes raises the cap; larger logs: whoislens detect FILE)`);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return size;
}

export function detectRoutes(ctx: ConsoleContext): AnyRoute[] {
  let rules: RuleSet | undefined;
  let reading = 0;
  const ruleSet = (): RuleSet => (rules ??= loadRuleSet());
  return [
    defineRoute({
      method: "POST", url: "/api/detect", tag: "detect", summary: "find WHOIS reconnaissance in an uploaded log or capture; the alerts also go to the inbox",
      query: DetectQuery, upload: true, produces: { kind: "json", schema: DetectResponse },
      errors: { 413: "the upload is over the cap (WL_ERR_API_REQUEST, --max-upload-bytes)", 503: "two uploads are being read already (WL_ERR_API_BUSY)", 415: "not sent as application/octet-stream (WL_ERR_API_REQUEST)" },
      async handler({ query, upload, request, reply }) {
        const declared = Number(request.headers["content-length"]);
        if (Number.isFinite(declared) && declared > ctx.limits.uploadLimitBytes) {
          reply.header("connection", "close"); // the rest of the body is not read: the connection cannot be reused
          throw new ApiError(413, "WL_ERR_API_REQUEST", `the upload is larger than ${ctx.limits.uploadLimitBytes} bytes (--max-upload-bytes raises the cap; larger logs: whoislens detect FILE)`);
        }
        if (reading >= ctx.limits.maxUploads) {
          reply.header("connection", "close");
          throw new ApiError(503, "WL_ERR_API_BUSY", `${ctx.limits.maxUploads} uploads are being read already; retry when one is done`);
        }
        reading += 1;
        const dir = await mkdtemp(join(tmpdir(), "whoislens-console-")).catch((error: unknown) => {
          reading -= 1;
          throw error;
        });
        const path = join(dir, "upload");
        try {
          await spool(upload as Readable, path, ctx.limits.uploadLimitBytes).catch((error: unknown) => {
            reply.header("connection", "close");
            throw error;
          });
          const set = ruleSet();
          const { alerts, stats } = await detectFiles([path], { rules: set, ...(query.format !== undefined ? { format: query.format as LogFormat } : {}) });
          // The spool file's name means nothing to the analyst: evidence and stats name "upload".
          const named = (file: string): string => (file === path ? "upload" : file);
          const descriptions = new Map(set.rules.map((r) => [r.id, r.description]));
          const ecs = alerts.map((a: Alert) => alertToEcs({ ...a, evidence: a.evidence.map((e) => ({ ...e, file: named(e.file) })) }, descriptions));
          await ctx.alerts.add("detect", ecs);
          return { alerts: ecs, stats: stats.map((s) => ({ ...s, file: named(s.file), ...(s.error !== undefined ? { error: s.error.split(path).join("upload") } : {}) })) };
        } finally {
          reading -= 1;
          await rm(dir, { recursive: true, force: true });
        }
      },
    }),
    defineRoute({
      method: "GET", url: "/api/rules/:format", tag: "rules", summary: "the detection rules as Sigma YAML or Suricata rules, as `whoislens rules export` writes them",
      params: RulesParams, produces: { kind: "file", contentType: "text/plain", description: "Sigma YAML documents or a Suricata rules file" },
      errors: { 400: "an unknown format (WL_ERR_API_REQUEST)" },
      async handler({ params, reply }) {
        const set = ruleSet();
        const text = params.format === "sigma" ? sigmaYaml(toSigma(set)) : suricataRules(set);
        reply.header("content-type", params.format === "sigma" ? "application/yaml; charset=utf-8" : "text/plain; charset=utf-8");
        return reply.send(text);
      },
    }),
  ];
}
