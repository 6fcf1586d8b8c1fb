/**
 * Wall-clock time in an IANA time zone, and back to instants, exact across daylight-saving changes: a local
 * time that does not exist (the hour skipped in spring) maps to the same distance past the gap, and a local time
 * that exists twice (the hour repeated in autumn) to its first occurrence, as Temporal's 'compatible' does.
 */
export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `at` in `timeZone` (seconds dropped). */
export function toLocal(at: Date, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(at);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute') };
}

const wallMs = (l: LocalDateTime) => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);

/** How far `timeZone`'s clock is ahead of UTC at `at`, in ms (to the minute). */
function offsetMs(at: number, timeZone: string): number {
  return wallMs(toLocal(new Date(at), timeZone)) - Math.floor(at / MINUTE) * MINUTE;
}

/**
 * The instants at which the clock of `timeZone` reads `local`, earliest first: one, or two in the hour repeated
 * when clocks go back. In the hour skipped when clocks go forward, the one instant as far past the gap.
 */
export function instantsOf(local: LocalDateTime, timeZone: string): Date[] {
  const wall = wallMs(local);
  // the offsets in force a day either side cover any transition near this wall time
  const before = offsetMs(wall - DAY, timeZone);
  const after = offsetMs(wall + DAY, timeZone);
  const exact = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((t) => wallMs(toLocal(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
  // in a gap no candidate reads `local`: the offset before the gap carries it past the gap
  return (exact.length ? exact : [wall - before]).map((t) => new Date(t));
}

/** The instant at which the clock of `timeZone` reads `local` (its first, when it reads it twice). */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  return instantsOf(local, timeZone)[0];
}

/** The first instant after `after` at which the clock of `timeZone` reads `hour`:`minute` (or passes it, in a gap). */
export function nextLocalTime(after: Date, hour: number, minute: number, timeZone: string): Date {
  const today = toLocal(after, timeZone);
  // a zone may skip a whole calendar day (Samoa, 2011): look up to two days on
  for (let days = 0; days <= 2; days++) {
    const found = instantsOf({ ...addLocalDays(today, days), hour, minute }, timeZone).find((t) => t > after);
    if (found) return found;
  }
  throw new Error(`no ${hour}:${minute} in ${timeZone} within two days of ${after.toISOString()}`);
}

/** The local calendar date `days` after `local`'s (the time of day kept). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const l = toLocal(at, timeZone);
  return l.hour * 60 + l.minute;
}

/** The last instant at or before `now` at which the clock of `timeZone` read `hour`:`minute` (or jumped past it). */
export function previousLocalTime(now: Date, hour: number, minute: number, timeZone: string): Date {
  let slot = nextLocalTime(new Date(now.getTime() - 3 * DAY), hour, minute, timeZone);
  for (let next = nextLocalTime(slot, hour, minute, timeZone); next <= now; next = nextLocalTime(slot, hour, minute, timeZone)) slot = next;
  return slot;
}
