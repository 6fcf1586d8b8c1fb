import type { DigestSchedule, QuietHours } from '@stockpulse/contracts';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const startOfMinute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);

/**
 * When the quiet hours around `now` end, in the recipient's time zone, or null when `now` is not in them.
 * A window may span midnight (22:00-07:00); start = end means no quiet hours.
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const m = localMinuteOfDay(now, timeZone);
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const wait = (end - m + DAY_MINUTES) % DAY_MINUTES;
  return new Date(startOfMinute(now).getTime() + wait * MINUTE);
}

/**
 * When a digest whose oldest waiting item arrived at `oldest` is due: at the next full hour (hourly), or at the
 * next `at` local time (daily).
 */
export function digestDueAt(oldest: Date, timeZone: string, schedule: DigestSchedule): Date {
  if (schedule.period === 'hourly') return new Date(Math.floor(oldest.getTime() / (60 * MINUTE)) * 60 * MINUTE + 60 * MINUTE);
  const m = localMinuteOfDay(oldest, timeZone);
  const wait = (minutesOf(schedule.at!) - m + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  return new Date(startOfMinute(oldest).getTime() + wait * MINUTE);
}
