import { Resolver } from "node:dns/promises";
import { InvalidOptionError } from "../errors.js";
import { abortedWait } from "../util/abort.js";

export interface DnsAnswers {
  a: string[];
  aaaa: string[];
  mx: string[];
  ns: string[];
}

export interface DnsOptions {
  /** `host:port` or `host` (port 53), as `dig @server` takes it; the system resolver when absent. */
  resolver?: string;
  timeoutMs?: number;
  /** Called once per DNS question sent. */
  onQuery?: (server: string) => void;
  /** Aborted: every question still out is cancelled (Resolver.cancel) and none is asked after. */
  signal?: AbortSignal;
}

/** Answers that only mean "no such data". */
const EMPTY_CODES = new Set(["ENODATA", "ENOTFOUND", "ENONAME", "NXDOMAIN", "ESERVFAIL", "EREFUSED", "ETIMEOUT", "ECONNREFUSED"]);
/** At most this many records of one type are kept from an answer (a hostile zone may list thousands). */
const MAX_RECORDS = 32;

/** Parses `host`, `host:port`, `[v6]:port` or a bare IPv6 address into node:dns's server form. */
export function resolverAddress(value: string): string {
  const trimmed = value.trim();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(trimmed);
  const plain = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(trimmed);
  const bareV6 = /^[0-9a-f:]+$/i.test(trimmed) && trimmed.includes(":") ? trimmed : undefined;
  const host = bracketed?.[1] ?? bareV6 ?? plain?.[1];
  const port = Number(bracketed?.[2] ?? (bareV6 ? undefined : plain?.[2]) ?? 53);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidOptionError(`invalid --resolver "${value}": use host or host:port`);
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A/AAAA/MX/NS of one name, each question counted; failures become empty answers. */
export class DnsClient {
  private readonly resolver: Resolver;
  private readonly label: string;

  constructor(private readonly options: DnsOptions = {}) {
    this.resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
    if (options.resolver !== undefined) this.resolver.setServers([resolverAddress(options.resolver)]);
    this.label = `dns:${options.resolver ?? "system"}`;
    // A question waiting out its timeout × tries (6 s) would keep an interrupted process alive that long.
    options.signal?.addEventListener("abort", () => this.resolver.cancel(), { once: true });
  }

  async lookup(name: string): Promise<DnsAnswers> {
    const [a, aaaa, mx, ns] = await Promise.all([
      this.ask(() => this.resolver.resolve4(name)),
      this.ask(() => this.resolver.resolve6(name)),
      this.ask(async () => (await this.resolver.resolveMx(name)).sort((x, y) => x.priority - y.priority).map((record) => record.exchange)),
      this.ask(() => this.resolver.resolveNs(name)),
    ]);
    return { a, aaaa, mx, ns };
  }

  async addresses(name: string): Promise<string[]> {
    const [a, aaaa] = await Promise.all([this.ask(() => this.resolver.resolve4(name)), this.ask(() => this.resolver.resolve6(name))]);
    return [...a, ...aaaa];
  }

  private async ask(question: () => Promise<string[]>): Promise<string[]> {
    if (this.options.signal?.aborted) throw abortedWait(this.options.signal, "resolving a name");
    this.options.onQuery?.(this.label);
    try {
      return (await question()).slice(0, MAX_RECORDS).map((value) => value.toLowerCase().replace(/\.$/, ""));
    } catch (error) {
      if (EMPTY_CODES.has((error as NodeJS.ErrnoException).code ?? "")) return [];
      throw error;
    }
  }
}
