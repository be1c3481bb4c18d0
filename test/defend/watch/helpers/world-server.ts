import http from "node:http";
import type { LookupOptions } from "../../../../src/lookup/index.js";
import { loadServerMap } from "../../../../src/servers/server-map.js";
import { WATCH_WORLD_HOSTS, WatchWorld } from "../../../../src/server/dataset/watch-world.js";
import { listenTracked, type TestServer } from "../../../helpers/servers.js";
import { whoisLineServer } from "./line-server.js";

export interface WorldServer {
  world: WatchWorld;
  /** The --servers map (JSON-able) pointing the world's hosts at loopback. */
  serverMap: Record<string, string>;
  lookup: Partial<LookupOptions>;
  close(): Promise<void>;
}

/** Serves a WatchWorld on loopback: port 43 (one query a connection) and RDAP + reverse API over HTTP. */
export async function startWorldServer(world: WatchWorld): Promise<WorldServer> {
  const whois = await whoisLineServer((line) => world.whois(line));
  const web: TestServer = await listenTracked(
    http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://world");
      const [, host = "", ...rest] = url.pathname.split("/");
      const answer = host === WATCH_WORLD_HOSTS.reverse ? world.reverse(url.searchParams) : host === WATCH_WORLD_HOSTS.rdap ? world.rdap(rest.slice(1).join("/")) : { status: 404, body: {} };
      response.writeHead(answer.status, { "content-type": host === WATCH_WORLD_HOSTS.reverse ? "application/json" : "application/rdap+json" });
      response.end(JSON.stringify(answer.body));
    }),
  );
  const serverMap = {
    [WATCH_WORLD_HOSTS.whois]: `127.0.0.1:${whois.port}`,
    [WATCH_WORLD_HOSTS.rdap]: `http://127.0.0.1:${web.port}/${WATCH_WORLD_HOSTS.rdap}/`,
    [WATCH_WORLD_HOSTS.reverse]: `http://127.0.0.1:${web.port}/${WATCH_WORLD_HOSTS.reverse}/`,
  };
  return {
    world,
    serverMap,
    lookup: { servers: loadServerMap(serverMap), mappedOnly: true, followReferrals: false },
    close: async () => {
      await whois.close();
      await web.close();
    },
  };
}
