import { join } from "node:path";
import { closeRdapAgents } from "../../../../src/net/index.js";
import { WatchWorld } from "../../../../src/server/dataset/watch-world.js";
import { mappedWork } from "../../../helpers/built-cli.js";
import { startWebhookReceiver, type WebhookReceiver } from "./receivers.js";
import { initialDomains, iso } from "./scenario.js";
import { startWorldServer, type WorldServer } from "./world-server.js";

/** A served world, a webhook receiver and a temp folder with the --servers map, for CLI runs. */
export interface CliWorld {
  dir: string;
  server: WorldServer;
  hook: WebhookReceiver;
  mapFile: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** `expiring` names domains whose expiry is set that many days from today (expiry-near on the first pass). */
export async function startCliWorld(prefix: string, secret: string, expiring: Record<string, number> = {}, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliWorld> {
  const world = new WatchWorld(initialDomains());
  for (const [name, days] of Object.entries(expiring)) world.update(name, { expires: iso(days) });
  const { work: dir, server, mapFile, close } = await mappedWork(prefix, () => startWorldServer(world));
  const hook = await startWebhookReceiver(secret).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    dir,
    server,
    hook,
    mapFile,
    env: { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg"), WHOISLENS_WEBHOOK_SECRET: secret, ...extraEnv },
    close: async () => {
      await closeRdapAgents();
      await close();
      await hook.stop();
    },
  };
}
