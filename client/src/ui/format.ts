/** How times and people are written on screen. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const yearDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

const DAY = 24 * 60 * 60 * 1000;

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export const sameDay = (a: number, b: number): boolean => startOfDay(a) === startOfDay(b);

/** 14:05 */
export const formatTime = (ms: number): string => timeFormat.format(ms);

/** For the conversation list: a time today, a weekday this week, a date before. */
export function formatListTime(ms: number, now = Date.now()): string {
  const today = startOfDay(now);
  if (ms >= today) return formatTime(ms);
  if (ms >= today - 6 * DAY) return weekdayFormat.format(ms);
  return dateFormat.format(ms);
}

/** For the divider between days. */
export function formatDay(ms: number, now = Date.now()): string {
  const today = startOfDay(now);
  const day = startOfDay(ms);
  if (day === today) return 'Today';
  if (day === today - DAY) return 'Yesterday';
  if (new Date(ms).getFullYear() === new Date(now).getFullYear()) return longDateFormat.format(ms);
  return yearDateFormat.format(ms);
}

/** "online", "last seen 5 min ago", "last seen yesterday at 14:05". */
export function formatPresence(presence: { online: boolean; lastSeenAt: number | null } | undefined, now = Date.now()): string {
  if (!presence) return '';
  if (presence.online) return 'online';
  const at = presence.lastSeenAt;
  if (at === null) return 'last seen a long time ago';
  const ago = Math.max(0, now - at);
  const minutes = Math.floor(ago / 60_000);
  if (minutes < 1) return 'last seen just now';
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (at >= startOfDay(now)) return `last seen ${hours} h ago`;
  if (at >= startOfDay(now) - DAY) return `last seen yesterday at ${formatTime(at)}`;
  return `last seen ${dateFormat.format(at)}`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const second = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** A calm colour per person, the same on every device. */
export function colourFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  const hue = Math.abs(hash) % 360;
  return `hsl(${hue} 45% 52%)`;
}
