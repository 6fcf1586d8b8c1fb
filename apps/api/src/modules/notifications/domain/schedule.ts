import type { DigestSchedule, QuietHours } from '@stockpulse/contracts';
import { localMinuteOfDay, nextLocalTime, toLocal } from '../../../shared/time/zoned-time';

const MINUTE = 60_000;

const clock = (hhmm: string) => ({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) });
const minutesOf = (hhmm: string) => clock(hhmm).hour * 60 + clock(hhmm).minute;

/**
 * When the quiet hours around `now` end, in the recipient's time zone, or null when `now` is not in them.
 * A window may span midnight (22:00-07:00); start = end means no quiet hours. Read on the wall clock, so a night
 * when clocks change is an hour shorter or longer, and an end in the skipped hour is the moment clocks jump past it.
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const m = localMinuteOfDay(now, timeZone);
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const { hour, minute } = clock(quiet.end);
  return nextLocalTime(now, hour, minute, timeZone);
}

/**
 * When a digest whose oldest waiting item arrived at `oldest` is due: at the next full hour of the recipient's
 * clock (hourly), or the next time it reads `at` (daily; twice on the night clocks go back, if `at` is in the
 * repeated hour).
 */
export function digestDueAt(oldest: Date, timeZone: string, schedule: DigestSchedule): Date {
  if (schedule.period === 'daily') {
    const { hour, minute } = clock(schedule.at!);
    return nextLocalTime(oldest, hour, minute, timeZone);
  }
  // daylight-saving shifts are whole hours (Lord Howe's half hour aside), so the minute of the hour is stable
  const startOfMinute = Math.floor(oldest.getTime() / MINUTE) * MINUTE;
  return new Date(startOfMinute + (60 - toLocal(oldest, timeZone).minute) * MINUTE);
}
