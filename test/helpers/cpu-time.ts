/**
 * The CPU time (user + system, this process) that `run` took, in ms. A ReDoS or quadratic-time tripwire
 * bounds this instead of wall time: other processes on a busy machine (CI at load 20 on 2 cores) stretch
 * the wall clock many times over, but add almost nothing to this process's own CPU time.
 */
export function cpuTimed<T>(run: () => T): { value: T; cpuMs: number } {
  const before = process.cpuUsage();
  const value = run();
  return { value, cpuMs: cpuMsSince(before) };
}

/** cpuTimed for work that awaits (file reads, streams): the process's CPU time from start to settle. */
export async function cpuTimedAsync<T>(run: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await run();
  return { value, cpuMs: cpuMsSince(before) };
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
