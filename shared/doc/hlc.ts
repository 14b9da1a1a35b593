/**
 * Hybrid logical clock (ARCHITECTURE §2.3): a send takes
 * max(wall clock, highest hlc seen + 1), so replies sort after what they
 * answer and offline messages sort by when they were written.
 */
export interface Clock {
  /** Highest hlc observed so far (own or received). */
  highest: number;
}

export function makeClock(): Clock {
  return { highest: 0 };
}

export function observe(clock: Clock, hlc: number): void {
  if (hlc > clock.highest) clock.highest = hlc;
}

export function tick(clock: Clock, now: number = Date.now()): number {
  const next = Math.max(now, clock.highest + 1);
  clock.highest = next;
  return next;
}
