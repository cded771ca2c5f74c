import type { FieldError } from '../errors/domainError.js';
import {
  addDays,
  daysFrom,
  type EpochMs,
  isLocalDate,
  isLocalTime,
  isoWeekdayOf,
  isTimeZone,
  type IsoWeekday,
  type LocalDate,
  localDateAt,
  type LocalTime,
  weekStartOf,
  zonedParts,
  zonedStart,
} from './localTime.js';

/** The kinds of session of SPEC §5. Medication and case management are appointments with one patient. */
export const SESSION_KINDS = ['group', 'individual', 'family', 'medication', 'case-management'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * Default places per session (SPEC §5: groups 12). A family session books one patient — relatives
 * come with them and are not patients of the program.
 */
export const DEFAULT_CAPACITY: Readonly<Record<SessionKind, number>> = Object.freeze({
  group: 12,
  individual: 1,
  family: 1,
  medication: 1,
  'case-management': 1,
});

/** A change to one occurrence of a series, named by the date the pattern puts it on. */
export type SeriesException =
  | { kind: 'cancelled'; date: LocalDate; reason: string }
  | {
      kind: 'moved';
      date: LocalDate;
      toDate: LocalDate;
      toStartTime: LocalTime;
      /** Omitted: the series' duration. */
      durationMinutes?: number | undefined;
      /** Omitted: the series' room / clinician. `null` room: telehealth only. */
      roomId?: string | null | undefined;
      clinicianId?: string | undefined;
    };

/**
 * A recurring session (e.g. Relapse Prevention, Mon/Wed/Fri 09:00 for 90 minutes, room A, capacity
 * 12). Times are wall-clock times at the site: a 09:00 group is at 09:00 in winter and in summer.
 */
export interface SessionSeries {
  id: string;
  siteId: string;
  /** The site's IANA time zone, e.g. `America/New_York`. */
  timeZone: string;
  programId: string | null;
  trackId: string | null;
  kind: SessionKind;
  /** Staff-facing title ("Relapse prevention"); patients see it only if they allow naming the clinic (see calendarFeed/feedEvents). */
  title: string;
  clinicianId: string;
  /** `null`: telehealth only. */
  roomId: string | null;
  telehealthUrl: string | null;
  /** The series' own capacity; payer and program caps narrow it (see capacity.ts). */
  capacity: number;
  /**
   * Rolling groups take new members into future sessions at any time (SPEC §5); a closed cohort
   * takes them only before its first session (see membership.ts).
   */
  enrolment: 'rolling' | 'closed-cohort';
  weekdays: readonly IsoWeekday[];
  startTime: LocalTime;
  /**
   * Real elapsed minutes. A 09:00–10:30 group lasts 90 minutes; a session that spans a clock change
   * (only possible in the small hours) still lasts its minutes and ends at a different wall time.
   */
  durationMinutes: number;
  /** 1 = every week, 2 = every other week (family sessions' default); counted from `startsOn`'s week. */
  everyWeeks: number;
  startsOn: LocalDate;
  /** Inclusive; `null`: open-ended. */
  endsOn: LocalDate | null;
  exceptions: readonly SeriesException[];
}

/** One session on the calendar. */
export interface Occurrence {
  /** `<series id>@<scheduled date>`: stable when the occurrence is moved, so bookings and roll calls stay attached. */
  key: string;
  seriesId: string;
  siteId: string;
  timeZone: string;
  programId: string | null;
  trackId: string | null;
  kind: SessionKind;
  title: string;
  clinicianId: string;
  roomId: string | null;
  telehealthUrl: string | null;
  capacity: number;
  /** The date the pattern put it on. */
  scheduledDate: LocalDate;
  /** The date it happens (differs from `scheduledDate` when moved). */
  localDate: LocalDate;
  /** The wall-clock start at the site; later than asked for when the asked time fell in a spring-forward gap. */
  localStartTime: LocalTime;
  startMs: EpochMs;
  endMs: EpochMs;
  /** With the site's offset, e.g. `2026-03-09T09:00:00-04:00`. */
  startIso: string;
  endIso: string;
  durationMinutes: number;
  moved: boolean;
  /** The reason when this occurrence was cancelled on its own; closures are applied separately (closures.ts). */
  cancellation: string | null;
}

export const occurrenceKey = (seriesId: string, scheduledDate: LocalDate): string =>
  `${seriesId}@${scheduledDate}`;

/** The longest session the schedule accepts: a PHP day. */
export const MAX_SESSION_MINUTES = 12 * 60;

/** Whether the weekly pattern (weekdays, every-N-weeks, start and end) puts an occurrence on `date`. */
export const patternIncludes = (series: SessionSeries, date: LocalDate): boolean => {
  if (date < series.startsOn || (series.endsOn !== null && date > series.endsOn)) return false;
  if (!series.weekdays.includes(isoWeekdayOf(date))) return false;
  if (series.everyWeeks === 1) return true;
  const weeks = daysFrom(weekStartOf(series.startsOn), weekStartOf(date)) / 7;
  return weeks % series.everyWeeks === 0;
};

/** Field errors of a series; empty when it can be expanded. */
export const validateSeries = (series: SessionSeries): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field: `/${field}`, message });
  if (!isTimeZone(series.timeZone)) add('timeZone', 'must be an IANA time zone such as America/New_York');
  if (series.weekdays.length === 0) add('weekdays', 'must name at least one weekday');
  if (!series.weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7))
    add('weekdays', 'must be ISO weekdays, 1 (Monday) to 7 (Sunday)');
  if (new Set(series.weekdays).size !== series.weekdays.length) add('weekdays', 'must not repeat a day');
  if (!isLocalTime(series.startTime)) add('startTime', 'must be HH:MM');
  if (
    !Number.isInteger(series.durationMinutes) ||
    series.durationMinutes < 1 ||
    series.durationMinutes > MAX_SESSION_MINUTES
  )
    add('durationMinutes', `must be a whole number of minutes from 1 to ${MAX_SESSION_MINUTES}`);
  if (!Number.isInteger(series.everyWeeks) || series.everyWeeks < 1 || series.everyWeeks > 8)
    add('everyWeeks', 'must be a whole number from 1 to 8');
  if (!Number.isInteger(series.capacity) || series.capacity < 1) add('capacity', 'must be at least 1');
  else if (series.kind !== 'group' && series.capacity !== 1)
    add('capacity', `must be 1 for ${series.kind} sessions`);
  if (series.telehealthUrl !== null && !/^https:\/\/\S+$/.test(series.telehealthUrl))
    add('telehealthUrl', 'must be an https link');
  if (series.roomId === null && series.telehealthUrl === null)
    add('roomId', 'is required unless the session has a telehealth link');
  const startsOk = isLocalDate(series.startsOn);
  if (!startsOk) add('startsOn', 'must be a date, YYYY-MM-DD');
  if (series.endsOn !== null && !isLocalDate(series.endsOn)) add('endsOn', 'must be a date, YYYY-MM-DD');
  else if (series.endsOn !== null && startsOk && series.endsOn < series.startsOn)
    add('endsOn', 'must be on or after startsOn');
  if (errors.length > 0) return errors;

  const seen = new Set<string>();
  series.exceptions.forEach((exception, index) => {
    const at = `exceptions/${index}`;
    if (!isLocalDate(exception.date) || !patternIncludes(series, exception.date))
      add(`${at}/date`, 'must be a date on which the series has a session');
    if (seen.has(exception.date)) add(`${at}/date`, 'has another exception on the same date');
    seen.add(exception.date);
    if (exception.kind === 'cancelled') {
      if (!exception.reason.trim()) add(`${at}/reason`, 'is required');
      return;
    }
    if (!isLocalDate(exception.toDate)) add(`${at}/toDate`, 'must be a date, YYYY-MM-DD');
    if (!isLocalTime(exception.toStartTime)) add(`${at}/toStartTime`, 'must be HH:MM');
    const minutes = exception.durationMinutes;
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SESSION_MINUTES))
      add(`${at}/durationMinutes`, `must be a whole number of minutes from 1 to ${MAX_SESSION_MINUTES}`);
  });
  return errors;
};

const build = (
  series: SessionSeries,
  scheduledDate: LocalDate,
  date: LocalDate,
  time: LocalTime,
  changes: {
    durationMinutes?: number | undefined;
    roomId?: string | null | undefined;
    clinicianId?: string | undefined;
    moved: boolean;
    cancellation: string | null;
  },
): Occurrence => {
  const durationMinutes = changes.durationMinutes ?? series.durationMinutes;
  const start = zonedStart(date, time, series.timeZone);
  // Minutes are exact time in Temporal: adding them to a zoned time counts real elapsed minutes.
  const end = start.add({ minutes: durationMinutes });
  const from = zonedParts(start);
  const to = zonedParts(end);
  return {
    key: occurrenceKey(series.id, scheduledDate),
    seriesId: series.id,
    siteId: series.siteId,
    timeZone: series.timeZone,
    programId: series.programId,
    trackId: series.trackId,
    kind: series.kind,
    title: series.title,
    clinicianId: changes.clinicianId ?? series.clinicianId,
    roomId: changes.roomId === undefined ? series.roomId : changes.roomId,
    telehealthUrl: series.telehealthUrl,
    capacity: series.capacity,
    scheduledDate,
    localDate: from.localDate,
    localStartTime: from.localTime,
    startMs: from.instant,
    endMs: to.instant,
    startIso: from.iso,
    endIso: to.iso,
    durationMinutes,
    moved: changes.moved,
    cancellation: changes.cancellation,
  };
};

/**
 * The occurrences of a series that start in `[fromMs, toMs)`, in start order. A session belongs to
 * the window it starts in, so consecutive windows never show one session twice. Cancelled
 * occurrences are included with their reason (calendars strike them through); moved occurrences
 * appear where they were moved to. Each scheduled date yields at most one occurrence, so a fall-back
 * change cannot double a session and a spring-forward change cannot drop one (see `instantOf`).
 */
export const expandOccurrences = (series: SessionSeries, fromMs: EpochMs, toMs: EpochMs): Occurrence[] => {
  if (toMs <= fromMs) return [];
  const exceptions = new Map(series.exceptions.map((e) => [e.date, e]));
  const found: Occurrence[] = [];
  // One day of slack each side: the site's date at the window's edges is all we need, and no
  // zone's offset exceeds a day.
  let day = addDays(localDateAt(fromMs, series.timeZone), -1);
  if (day < series.startsOn) day = series.startsOn;
  let last = addDays(localDateAt(toMs, series.timeZone), 1);
  if (series.endsOn !== null && series.endsOn < last) last = series.endsOn;
  for (; day <= last; day = addDays(day, 1)) {
    if (!patternIncludes(series, day)) continue;
    const exception = exceptions.get(day);
    if (exception?.kind === 'moved') continue;
    found.push(
      build(series, day, day, series.startTime, {
        moved: false,
        cancellation: exception?.kind === 'cancelled' ? exception.reason : null,
      }),
    );
  }
  for (const exception of series.exceptions) {
    if (exception.kind !== 'moved' || !patternIncludes(series, exception.date)) continue;
    found.push(
      build(series, exception.date, exception.toDate, exception.toStartTime, {
        durationMinutes: exception.durationMinutes,
        roomId: exception.roomId,
        clinicianId: exception.clinicianId,
        moved: true,
        cancellation: null,
      }),
    );
  }
  return found
    .filter((o) => o.startMs >= fromMs && o.startMs < toMs)
    .sort((a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/** Occurrences of many series in one window, merged in start order. */
export const expandAll = (series: readonly SessionSeries[], fromMs: EpochMs, toMs: EpochMs): Occurrence[] =>
  series
    .flatMap((s) => expandOccurrences(s, fromMs, toMs))
    .sort((a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** A one-off session (an extra group, a first individual session) is a series of one date. */
export const oneOffSession = (
  session: Omit<SessionSeries, 'weekdays' | 'everyWeeks' | 'startsOn' | 'endsOn' | 'exceptions'> & {
    date: LocalDate;
  },
): SessionSeries => {
  const { date, ...rest } = session;
  return {
    ...rest,
    weekdays: [isoWeekdayOf(date)],
    everyWeeks: 1,
    startsOn: date,
    endsOn: date,
    exceptions: [],
  };
};
