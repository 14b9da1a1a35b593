import { describe, expect, it } from 'vitest';
import { GAP_MS, dayLabel, daysBetween, separatorBefore, timeLabel } from './time-separators.js';

// A Wednesday afternoon, local time.
const now = new Date(2026, 5, 17, 15, 30).getTime();
const at = (day: number, hour: number, minute = 0): number => new Date(2026, 5, day, hour, minute).getTime();

describe('time separators', () => {
  it('names today and yesterday, in the given locale', () => {
    expect(dayLabel(at(17, 8), now, 'en')).toBe('Today');
    expect(dayLabel(at(16, 23, 59), now, 'en')).toBe('Yesterday');
    expect(dayLabel(at(17, 8), now, 'de')).toBe('Heute');
    expect(dayLabel(at(16, 8), now, 'de')).toBe('Gestern');
  });

  it('names the weekday within the last week, then the date', () => {
    expect(dayLabel(at(15, 12), now, 'en')).toBe('Monday');
    expect(dayLabel(at(11, 12), now, 'en')).toBe('Thursday');
    expect(dayLabel(at(10, 12), now, 'en')).toBe('Wed, June 10');
    expect(dayLabel(new Date(2025, 11, 24, 9).getTime(), now, 'en')).toBe('December 24, 2025');
    expect(dayLabel(at(10, 12), now, 'fr')).toBe('mer. 10 juin');
  });

  it('counts calendar days, not 24-hour periods', () => {
    expect(daysBetween(at(16, 23, 59), at(17, 0, 1))).toBe(1);
    expect(daysBetween(at(17, 0, 1), at(17, 23, 59))).toBe(0);
  });

  it('puts a day divider before the first message and when the day changes', () => {
    expect(separatorBefore(undefined, at(17, 9), now, 'en')).toEqual({ kind: 'day', label: 'Today' });
    expect(separatorBefore(at(16, 22), at(17, 0, 30), now, 'en')).toEqual({ kind: 'day', label: 'Today' });
  });

  it('puts a time label after more than an hour of quiet on the same day, and nothing otherwise', () => {
    expect(separatorBefore(at(17, 9), at(17, 9) + GAP_MS, now, 'en')).toBeNull();
    expect(separatorBefore(at(17, 9), at(17, 10, 1), now, 'en')).toEqual({ kind: 'gap', label: timeLabel(at(17, 10, 1), 'en') });
    expect(timeLabel(at(17, 10, 1), 'en')).toBe('10:01 AM');
    expect(timeLabel(at(17, 10, 1), 'de')).toBe('10:01');
  });
});
