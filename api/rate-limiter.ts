/**
 * In-memory sliding-window limiter (a log of the last `limit` hits per key),
 * used to back off login failures and signups. Per process, by design: the
 * embedded server is one process.
 */

export interface RateLimiter {
  /** ms until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number;
  /** Count one attempt (or failure) of `key`. */
  hit(key: string): void;
  /** Forget `key`, e.g. after a successful login. */
  reset(key: string): void;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  /** Past this many keys, expired ones are swept and then the oldest dropped, so memory stays bounded. */
  maxKeys?: number;
}

export function makeRateLimiter({ limit, windowMs, now, maxKeys = 100_000 }: RateLimitOptions): RateLimiter {
  const hits = new Map<string, number[]>();

  const live = (key: string, at: number): number[] => {
    const times = hits.get(key);
    if (!times) return [];
    while (times.length > 0 && (times[0] ?? 0) <= at - windowMs) times.shift();
    if (times.length === 0) hits.delete(key);
    return times;
  };

  const sweep = (at: number): void => {
    for (const key of [...hits.keys()]) live(key, at);
    // Still too many live keys (a flood of distinct names): drop the oldest-inserted,
    // down to 90% so the next sweep is thousands of hits away rather than the next one.
    const target = Math.floor(maxKeys * 0.9);
    for (const key of hits.keys()) {
      if (hits.size <= target) break;
      hits.delete(key);
    }
  };

  return {
    retryAfter(key) {
      const at = now();
      const times = live(key, at);
      if (times.length < limit) return 0;
      return (times[0] ?? at) + windowMs - at;
    },
    hit(key) {
      const at = now();
      const times = live(key, at);
      times.push(at);
      // Only the last `limit` hits decide anything; older ones would only cost memory.
      if (times.length > limit) times.shift();
      hits.set(key, times);
      if (hits.size > maxKeys) sweep(at);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}
