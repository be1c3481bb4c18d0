export interface KeepAliveClientOptions {
  host?: string;
  port: number;
  /** The whole request, sent as is on each try. */
  request: Buffer;
  maxSockets: number;
  /** Sends again of a request whose reused socket closed before any answer (default 1). */
  retries?: number;
}

export interface KeepAliveClient {
  readonly stats: { opened: number; retried: number; serverClosedIdle: number };
  once(): Promise<void>;
  close(): void;
}

export function keepAliveClient(options: KeepAliveClientOptions): KeepAliveClient;
