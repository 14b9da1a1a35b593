import { describe, expect, test } from 'vitest';
import { makeRateLimiter } from './rate-limiter.js';

describe('sliding-window rate limiter', () => {
  test('allows `limit` hits per window, then says how long to wait', () => {
    const clock = { now: 0 };
    const limiter = makeRateLimiter({ limit: 3, windowMs: 1000, now: () => clock.now });
    for (const at of [0, 100, 200]) {
      clock.now = at;
      expect(limiter.retryAfter('k')).toBe(0);
      limiter.hit('k');
    }
    clock.now = 300;
    expect(limiter.retryAfter('k')).toBe(700);
    expect(limiter.retryAfter('other')).toBe(0);
    // The window slides: once the first hit is a second old, one more is allowed.
    clock.now = 1000;
    expect(limiter.retryAfter('k')).toBe(0);
    limiter.hit('k');
    expect(limiter.retryAfter('k')).toBe(100);
  });

  test('reset forgets a key', () => {
    const limiter = makeRateLimiter({ limit: 1, windowMs: 1000, now: () => 0 });
    limiter.hit('k');
    expect(limiter.retryAfter('k')).toBe(1000);
    limiter.reset('k');
    expect(limiter.retryAfter('k')).toBe(0);
  });

  test('keeps memory bounded under a flood of distinct keys', () => {
    const clock = { now: 0 };
    const limiter = makeRateLimiter({ limit: 1, windowMs: 1000, now: () => clock.now, maxKeys: 10 });
    for (let i = 0; i < 50; i++) limiter.hit(`k${i}`);
    // The oldest keys were dropped to stay within maxKeys; the newest are still counted.
    expect(limiter.retryAfter('k0')).toBe(0);
    expect(limiter.retryAfter('k49')).toBe(1000);
  });
});
