/**
 * Per-source sliding-window state of the query-log rules, all bounded: a window holds at most `cap`
 * entries (the oldest fall off), a sequence tracker at most 64 key shapes per source.
 */

/** Sum of values within the window (queries, personal objects). */
export class SumWindow {
  private readonly items: { ts: number; value: number }[] = [];
  private head = 0;
  private total = 0;
  constructor(private readonly windowMs: number, private readonly cap: number) {}

  push(ts: number, value: number): number {
    if (value > 0) {
      this.items.push({ ts, value });
      this.total += value;
    }
    this.evict(ts);
    return this.total;
  }

  private evict(now: number): void {
    while (this.head < this.items.length) {
      const first = this.items[this.head];
      if (first === undefined || (first.ts > now - this.windowMs && this.items.length - this.head <= this.cap)) break;
      this.total -= first.value;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** Distinct keys within the window, each with a flag (not found); re-asking a key refreshes it. */
export class DistinctWindow {
  private readonly keys = new Map<string, { ts: number; flag: boolean }>();
  private flagged = 0;
  constructor(private readonly windowMs: number, private readonly cap: number) {}

  push(ts: number, key: string, flag: boolean): { distinct: number; flagged: number } {
    const had = this.keys.get(key);
    if (had !== undefined) {
      this.keys.delete(key);
      if (had.flag) this.flagged--;
    }
    this.keys.set(key, { ts, flag: flag || (had?.flag ?? false) });
    if (flag || had?.flag === true) this.flagged++;
    for (const [k, v] of this.keys) {
      if (v.ts > ts - this.windowMs && this.keys.size <= this.cap) break;
      this.keys.delete(k);
      if (v.flag) this.flagged--;
    }
    return { distinct: this.keys.size, flagged: this.flagged };
  }
}

/** The shape and number of a key: its last run of digits ("host17.example" → "host#.example", 17). */
export function keyShape(key: string): { shape: string; n: number } | undefined {
  const k = key.toLowerCase();
  let end = k.length;
  while (end > 0 && !isDigit(k.charCodeAt(end - 1))) end--;
  if (end === 0) return undefined;
  let start = end;
  while (start > 0 && isDigit(k.charCodeAt(start - 1)) && end - start < 15) start--;
  if (start > 0 && isDigit(k.charCodeAt(start - 1))) return undefined; // longer than 15 digits: not a counter
  return { shape: `${k.slice(0, start)}#${k.slice(end)}`, n: Number(k.slice(start, end)) };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const MAX_SHAPES = 64;

/**
 * Runs of keys of one shape whose number rises by 1..maxStep from one query to the next; the length
 * counts only the steps within the window (a slow walk over hours is not a burst of enumeration).
 */
export class SequenceTracker {
  private readonly runs = new Map<string, { last: number; steps: number[] }>();
  constructor(private readonly windowMs: number, private readonly maxStep: number, private readonly cap: number) {}

  /** The run length within the window after this key (0 when the key has no number). */
  push(ts: number, key: string): number {
    const s = keyShape(key);
    if (s === undefined) return 0;
    const run = this.runs.get(s.shape);
    let steps: number[] = [ts];
    if (run !== undefined) {
      const step = s.n - run.last;
      if (step === 0) return run.steps.length; // the same key again
      if (step >= 1 && step <= this.maxStep) {
        steps = run.steps;
        steps.push(ts);
        let drop = 0;
        while (drop < steps.length - 1 && ((steps[drop] ?? ts) <= ts - this.windowMs || steps.length - drop > this.cap)) drop++;
        if (drop > 0) steps.splice(0, drop);
      }
    }
    this.runs.delete(s.shape);
    this.runs.set(s.shape, { last: s.n, steps });
    if (this.runs.size > MAX_SHAPES) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
    return steps.length;
  }
}
