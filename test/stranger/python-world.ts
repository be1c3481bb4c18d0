import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The stranger's world (test/fixtures/python-world/world.py): Python servers we did not write in our own style. */
export const WORLD_PY = fileURLToPath(new URL("../fixtures/python-world/world.py", import.meta.url));

export interface ServerCounts {
  total: number;
  distinct: number;
  maxOpen: number;
  /** Queries the server refused because they were over its limit (rate window or open connections). */
  over: number;
  /** Queries asked more than once. */
  repeated: string[];
}

export interface PythonWorld {
  ports: Record<string, number>;
  stats(): Promise<Record<string, ServerCounts>>;
  /** SIGKILL: the servers die with whatever connection they had open. */
  kill(): void;
  stop(): Promise<void>;
  /** A temp folder for maps, inputs and stores; removed by stop(). */
  dir: string;
  /** Writes a --servers map (host → "127.0.0.1:port" or an object) into dir; returns its path. */
  map(name: string, entries: Record<string, unknown>): string;
}

/** Starts world.py with these arguments and waits for its ports line. */
export async function startPythonWorld(args: string[] = []): Promise<PythonWorld> {
  const child: ChildProcess = spawn("python3", [WORLD_PY, ...args], { stdio: ["pipe", "pipe", "inherit"] });
  const ports = await new Promise<Record<string, number>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(JSON.parse(line) as Record<string, number>));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`world.py exited (${code}) before listening`)));
  });
  const dir = mkdtempSync(join(tmpdir(), "wl-stranger-"));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    ports,
    dir,
    map(name, entries) {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(entries));
      return file;
    },
    stats: () =>
      new Promise((resolve, reject) => {
        const socket = connect(ports.control as number, "127.0.0.1");
        let text = "";
        socket.on("data", (chunk) => (text += chunk.toString()));
        socket.on("end", () => resolve(JSON.parse(text) as Record<string, ServerCounts>));
        socket.on("error", reject);
        socket.end("stats\r\n");
      }),
    kill: () => void child.kill("SIGKILL"),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
