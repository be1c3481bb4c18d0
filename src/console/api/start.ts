/** startConsole: the store, the tokens, the jobs and the app, listening (127.0.0.1 unless told otherwise). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { InvalidOptionError } from "../../errors.js";
import type { LookupOptions } from "../../lookup/index.js";
import { packageRoot } from "../../paths.js";
import { startSandbox, type Sandbox } from "../../server/index.js";
import { Bootstrap, loadServerMap } from "../../servers/index.js";
import { Store } from "../../store/index.js";
import { AlertHub } from "./alerts.js";
import { buildConsoleApp } from "./app.js";
import type { ConsoleContext } from "./context.js";
import { CONSOLE_DEFAULTS, LOOPBACK_HOST, type ConsoleLimits } from "./defaults.js";
import { Jobs } from "./jobs.js";
import type { AnyRoute } from "./routes.js";
import { EventStreams } from "./sse.js";
import { TokenCache, TokenStore } from "./tokens.js";

export interface ConsoleOptions {
  host?: string;
  /** 0: a free port chosen by the system. */
  port?: number;
  /** An open store, or where to open one (SQLite path or postgres:// URL; default the data directory's whoislens.db). */
  store?: Store | string;
  /** Lookup options for lookups, bulk and footprint (servers map, bootstrap, proxy, timeouts, cache). */
  lookup?: Partial<LookupOptions>;
  /** Start the sandbox world in-process and ask only its servers. */
  sandbox?: boolean;
  /** DNS pivots for footprint (`false`: none; with `sandbox`, the sandbox's DNS server). */
  dns?: false | { resolver?: string };
  limits?: Partial<ConsoleLimits>;
  /** The web page's built files (default: the package's dist/console-web). */
  webRoot?: string;
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}

export interface RunningConsole {
  /** http://host:port */
  url: string;
  port: number;
  app: FastifyInstance;
  routes: readonly AnyRoute[];
  /** Every route fastify registered (method, URL), static files and HEAD twins included. */
  registered: readonly { method: string; url: string }[];
  store: Store;
  tokens: TokenStore;
  /** The alert inbox: `alerts.add(origin, ecsAlerts)` stores them and pushes them to the live streams (watch and serve feed it when they land). */
  alerts: AlertHub;
  sandbox?: Sandbox;
  /** Jobs a previous run left running, now marked interrupted. */
  interrupted: number;
  close(): Promise<void>;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

export async function startConsole(options: ConsoleOptions = {}): Promise<RunningConsole> {
  const limits: ConsoleLimits = { ...CONSOLE_DEFAULTS, ...options.limits };
  const log = options.log ?? ((message: string) => void process.stderr.write(`whoislens console: ${message}\n`));
  const ownStore = !(options.store instanceof Store);
  const store = options.store instanceof Store ? options.store : await Store.open(options.store, options.env ?? process.env);
  let sandbox: Sandbox | undefined;
  try {
    let lookup: Partial<LookupOptions> = options.lookup ?? {};
    let dns = options.dns ?? {};
    if (options.sandbox) {
      sandbox = await startSandbox();
      lookup = { ...lookup, servers: loadServerMap(sandbox.serverMap), bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true };
      if (options.dns === undefined) dns = { resolver: `${sandbox.dns.host}:${sandbox.dns.port}` };
    }
    const jobs = new Jobs(store.db, limits.maxRunningJobs);
    const interrupted = await jobs.markInterrupted();
    const ctx: ConsoleContext = {
      store,
      lookup,
      limits,
      streams: new EventStreams(limits.maxStreams, limits.streamHeartbeatMs),
      jobs,
      alerts: new AlertHub(store.db),
      version: version(),
      dns,
      log,
    };
    const tokens = new TokenStore(store.db);
    const host = options.host ?? limits.host;
    const { app, routes, registered } = await buildConsoleApp(ctx, {
      loopbackOnly: LOOPBACK_HOST.test(host),
      tokens: new TokenCache(tokens, limits.tokenRefreshMs),
      webRoot: options.webRoot ?? join(packageRoot(), "dist", "console-web"),
      rateLimit: { max: limits.rateLimitMax, windowMs: limits.rateLimitWindowMs },
    });
    const wanted = options.port ?? limits.port;
    try {
      await app.listen({ host, port: wanted });
    } catch (error) {
      await app.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new InvalidOptionError(`--host/--port: cannot listen on ${host}:${wanted}: ${code}${code === "EADDRINUSE" ? " (another program has that port: choose another with --port)" : ""}`, { cause: error });
    }
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const shownHost = host.includes(":") ? `[${host}]` : host;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      app,
      routes,
      registered,
      store,
      tokens,
      alerts: ctx.alerts,
      ...(sandbox ? { sandbox } : {}),
      interrupted,
      async close() {
        await jobs.stopAll();
        await app.close();
        await sandbox?.close();
        if (ownStore) await store.close();
      },
    };
  } catch (error) {
    await sandbox?.close();
    if (ownStore) await store.close();
    throw error;
  }
}
