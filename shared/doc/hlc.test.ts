import { describe, expect, it } from 'vitest';
import * as hlc from './hlc.js';

describe('hybrid logical clock', () => {
  it('follows the wall clock when it is ahead', () => {
    const c = hlc.makeClock();
    expect(hlc.tick(c, 1000)).toBe(1000);
    expect(hlc.tick(c, 2000)).toBe(2000);
  });

  it('moves past the highest value seen when the wall clock lags', () => {
    const c = hlc.makeClock();
    hlc.observe(c, 5000);
    expect(hlc.tick(c, 1000)).toBe(5001);
    expect(hlc.tick(c, 1000)).toBe(5002);
  });
});
