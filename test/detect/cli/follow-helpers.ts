/** Waits (real time: the follow reader polls its files) until `ready`, else fails saying what it waited for. */
export async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface FollowAlert {
  rule: { id: string };
  source: { ip: string };
  "@timestamp": string;
}

/** The NDJSON alerts a follow run has printed so far. */
export const alertsOf = (out: readonly string[]): FollowAlert[] =>
  out.join("").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as FollowAlert);
