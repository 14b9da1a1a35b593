import { describe, expect, it } from 'vitest';
import { formatDay, formatPresence, initials } from './format.js';

const now = new Date(2026, 5, 15, 14, 0).getTime();

describe('formatting', () => {
  it('says how long ago a contact was last seen', () => {
    expect(formatPresence({ online: true, lastSeenAt: null }, now)).toBe('online');
    expect(formatPresence({ online: false, lastSeenAt: now - 5 * 60_000 }, now)).toBe('last seen 5 min ago');
    expect(formatPresence({ online: false, lastSeenAt: now - 20_000 }, now)).toBe('last seen just now');
    expect(formatPresence({ online: false, lastSeenAt: now - 3 * 3600_000 }, now)).toBe('last seen 3 h ago');
    expect(formatPresence({ online: false, lastSeenAt: null }, now)).toBe('last seen a long time ago');
    expect(formatPresence(undefined, now)).toBe('');
  });

  it('names today and yesterday in the day divider', () => {
    expect(formatDay(now - 60_000, now)).toBe('Today');
    expect(formatDay(now - 24 * 3600_000, now)).toBe('Yesterday');
  });

  it('makes initials from one or several names', () => {
    expect(initials('ann')).toBe('A');
    expect(initials('Ann Marie Lee')).toBe('AL');
  });
});
