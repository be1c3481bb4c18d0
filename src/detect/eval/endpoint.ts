/** Sysmon events on Windows hosts: process creation (1), network connection (3), DNS query (22). */
import type { WorldBuilder } from "./builder.js";
import type { Host } from "./hosts.js";
import type { Flow } from "./model.js";

const pids = new WeakMap<WorldBuilder, number>();

function pid(b: WorldBuilder): number {
  const next = (pids.get(b) ?? 3000) + b.rng.int(4, 400);
  pids.set(b, next);
  return next;
}

export function endpointProcess(b: WorldBuilder, h: Host, ts: number, p: { image: string; cmd: string; parent?: string }, scenario?: string): number {
  const id = pid(b);
  b.world.endpoint.push({
    ts, eventId: 1, host: h.name, ip: h.ip, image: p.image, commandLine: p.cmd,
    parentImage: p.parent ?? "C:\\Windows\\explorer.exe", user: h.user, pid: id, scenario,
  });
  return id;
}

/** The DNS query (22) and connection (3) a process made for a flow it opened. */
export function endpointTraffic(b: WorldBuilder, h: Host, ts: number, qname: string | undefined, flow: Flow, image: string, scenario?: string, processId?: number): void {
  const imagePath = image.includes("\\") ? image : `C:\\Program Files\\${image.replace(/\.exe$/, "")}\\${image}`;
  const id = processId ?? pid(b);
  if (qname) {
    b.world.endpoint.push({
      ts, eventId: 22, host: h.name, ip: h.ip, image: imagePath, user: h.user, pid: id, scenario,
      query: { name: qname, status: 0, results: `::ffff:${flow.dst};` },
    });
  }
  b.world.endpoint.push({ ts: flow.ts, eventId: 3, host: h.name, ip: h.ip, image: imagePath, user: h.user, pid: id, flow, scenario });
}
