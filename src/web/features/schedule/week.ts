import { addDays } from '../../lib/dates.js';

/**
 * Calendar arithmetic on site-local dates (`YYYY-MM-DD`): the calendar API already speaks in the
 * site's dates and wall-clock times, so the week view never converts an instant.
 */

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (isoDate: string): number => {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

export const mondayOf = (isoDate: string): string => addDays(isoDate, 1 - isoWeekday(isoDate));

export const weekDates = (monday: string): string[] =>
  Array.from({ length: 7 }, (_, i) => addDays(monday, i));

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `2026-11-24` → `Tue, Nov 24`. */
export const dayLabel = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(`${isoDate}T00:00:00Z`));

/** `2026-11-24` → `Tuesday, November 24, 2026`. */
export const longDayLabel = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

/** `09:00` + 90 → `10:30` (wall-clock; a session crossing midnight wraps). */
export const endTime = (start: string, minutes: number): string => {
  const [h = 0, m = 0] = start.split(':').map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** The calendar's occurrence key is `<series id>@<scheduled date>`: its roll call lives there. */
export const rollCallPath = (occurrenceKey: string): string =>
  `/sessions/${encodeURIComponent(occurrenceKey)}/roll-call`;
