import { sanitizedJson } from "../../util/sanitize.js";
import type { Alert } from "../watch/types.js";
import type { SendOutcome, Sink } from "./sink.js";

/** NDJSON on standard output (the default channel): one alert per line. */
export class StdoutSink implements Sink {
  readonly channel = "stdout";
  constructor(private readonly write: (line: string) => unknown) {}

  async send(alerts: readonly Alert[]): Promise<SendOutcome> {
    for (const alert of alerts) this.write(`${sanitizedJson(alert)}\n`);
    return { delivered: alerts.map((a) => a.id) };
  }
}
