import { Temporal } from 'temporal-polyfill';

/**
 * The time vocabulary every schedule and attendance module shares. Instants are epoch milliseconds
 * (plain numbers: they compare with `<`, cross JSON, the database and worker threads unchanged);
 * calendar days are `YYYY-MM-DD` and wall-clock times `HH:MM`, both read in the site's time zone.
 * Temporal does the zone arithmetic and never leaves this folder's functions.
 */

/** Milliseconds since 1970-01-01T00:00Z. */
export type EpochMs = number;
/** A calendar day at the site, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time at the site, `HH:MM` (24-hour). */
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MS_PER_MINUTE = 60_000;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isLocalDate = (value: string): boolean => {
  if (!LOCAL_DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
};

export const isLocalTime = (value: string): boolean => LOCAL_TIME.test(value);

export const isTimeZone = (timeZone: string): boolean => {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
};

const MS_PER_DAY = 86_400_000;
const utcDay = (date: LocalDate): number => Date.parse(`${date}T00:00:00Z`);

// Calendar-only arithmetic on proleptic Gregorian days: UTC is exact here (no zone is involved)
// and an order of magnitude faster than parsing a Temporal.PlainDate per day of a long expansion.
export const addDays = (date: LocalDate, days: number): LocalDate =>
  new Date(utcDay(date) + days * MS_PER_DAY).toISOString().slice(0, 10);

export const daysFrom = (from: LocalDate, to: LocalDate): number =>
  Math.round((utcDay(to) - utcDay(from)) / MS_PER_DAY);

export const isoWeekdayOf = (date: LocalDate): IsoWeekday => {
  const day = new Date(utcDay(date)).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
};

/**
 * The Monday that starts the week holding `date`. Weeks start on Monday (ISO 8601): the program's
 * Mon/Wed/Fri and Mon–Thu tracks then fall inside one week, and a weekend never splits a week.
 */
export const weekStartOf = (date: LocalDate): LocalDate => addDays(date, 1 - isoWeekdayOf(date));

/** The site's calendar day at an instant. */
export const localDateAt = (instant: EpochMs, timeZone: string): LocalDate =>
  Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString();

/** The site's wall-clock time at an instant, `HH:MM`. */
export const localTimeAt = (instant: EpochMs, timeZone: string): LocalTime =>
  Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainTime()
    .toString({ smallestUnit: 'minute' });

/**
 * The instant a wall-clock time happens on a day at the site, with Temporal's `compatible` rule:
 * a time skipped by a spring-forward change moves forward by the length of the gap (02:30 on the
 * morning clocks jump 02:00→03:00 becomes 03:30), and a time repeated by a fall-back change is its
 * first (earlier) occurrence. This is what calendar apps and iCal consumers do, so a session never
 * vanishes or doubles on a change day.
 */
export const zonedStart = (date: LocalDate, time: LocalTime, timeZone: string): Temporal.ZonedDateTime =>
  Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) });

export const instantOf = (date: LocalDate, time: LocalTime, timeZone: string): EpochMs =>
  zonedStart(date, time, timeZone).epochMilliseconds;

/** The first instant of a calendar day at the site (midnight, or the first minute after a gap). */
export const startOfLocalDay = (date: LocalDate, timeZone: string): EpochMs =>
  Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;

/** `+HH:MM` / `-HH:MM` of an offset in milliseconds. */
const offsetText = (offsetMs: number): string => {
  const minutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
};

/**
 * A zoned time as plain values. Built from the epoch and the offset by hand: the polyfill's own
 * `toString` costs several times more, and calendars expand thousands of these.
 */
export const zonedParts = (
  zoned: Temporal.ZonedDateTime,
): { instant: EpochMs; localDate: LocalDate; localTime: LocalTime; iso: string } => {
  const instant = zoned.epochMilliseconds;
  const offsetMs = Math.round(zoned.offsetNanoseconds / 1_000_000);
  const wall = new Date(instant + offsetMs).toISOString();
  return {
    instant,
    localDate: wall.slice(0, 10),
    localTime: wall.slice(11, 16),
    iso: `${wall.slice(0, 19)}${offsetText(offsetMs)}`,
  };
};

/** ISO 8601 with the site's offset and no zone name, e.g. `2026-03-09T09:00:00-04:00`. */
export const isoWithOffset = (instant: EpochMs, timeZone: string): string =>
  zonedParts(Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone)).iso;

/** `[aStart, aEnd)` and `[bStart, bEnd)` share at least one instant (back-to-back sessions do not). */
export const overlaps = (aStart: EpochMs, aEnd: EpochMs, bStart: EpochMs, bEnd: EpochMs): boolean =>
  aStart < bEnd && bStart < aEnd;
