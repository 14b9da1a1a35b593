/**
 * What stands between two consecutive messages: a day divider when the day
 * changes ("Today", "Yesterday", a weekday within the last week, then the
 * date, in the browser's locale), or a small time label when more than an
 * hour passed within the same day.
 */

/** A quiet stretch longer than this gets a time label. */
export const GAP_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Separator = { kind: 'day'; label: string } | { kind: 'gap'; label: string };

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Calendar days from `ms` to `now` (0 = the same day); rounding absorbs DST's 23- and 25-hour days. */
export function daysBetween(ms: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
}

const relatives = new Map<string, Intl.RelativeTimeFormat>();
const dateTimes = new Map<string, Intl.DateTimeFormat>();
function relative(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let f = relatives.get(key);
  if (!f) relatives.set(key, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return f;
}
function dateTime(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dateTimes.get(key);
  if (!f) dateTimes.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

function capitalize(text: string, locale: string | undefined): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(locale) + text.slice(head.length);
}

/** The day divider's label. */
export function dayLabel(ms: number, now: number = Date.now(), locale?: string): string {
  const days = daysBetween(ms, now);
  if (days === 0 || days === 1) return capitalize(relative(locale).format(-days, 'day'), locale);
  if (days > 1 && days < 7) return dateTime(locale, { weekday: 'long' }).format(ms);
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return dateTime(locale, sameYear ? { weekday: 'short', day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** Hours and minutes, as the locale writes them. */
export function timeLabel(ms: number, locale?: string): string {
  return dateTime(locale, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** What goes above a message sent at `at`, after one sent at `previousAt` (undefined: the first). */
export function separatorBefore(previousAt: number | undefined, at: number, now: number = Date.now(), locale?: string): Separator | null {
  if (previousAt === undefined || startOfDay(previousAt) !== startOfDay(at)) return { kind: 'day', label: dayLabel(at, now, locale) };
  if (at - previousAt > GAP_MS) return { kind: 'gap', label: timeLabel(at, locale) };
  return null;
}
