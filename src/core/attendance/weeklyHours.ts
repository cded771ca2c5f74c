import { type Audience, DEFAULT_WEEKLY_HOURS, type LevelOfCare } from '../care/levels.js';
import { addDays, type LocalDate, weekStartOf } from '../schedule/localTime.js';

/**
 * Weekly hours attended against the patient's level of care (SPEC §6). Weeks are the site's
 * calendar weeks starting on Monday: a session counts in the week of its local date, so an evening
 * group at 18:00 in Los Angeles never slips into the next UTC day's week.
 */

/** Whatever carries minutes attended on a site-local date (an `AttendanceRecord` does). */
export interface MinutesOnDate {
  patientId: string;
  localDate: LocalDate;
  minutes: number;
}

export interface WeeklyMinutes {
  patientId: string;
  /** The Monday of the week. */
  weekStart: LocalDate;
  minutes: number;
}

/** Minutes attended per patient per week, sorted by patient then week. Weeks with no minutes are absent. */
export const weeklyHoursAttended = (records: readonly MinutesOnDate[]): WeeklyMinutes[] => {
  const totals = new Map<string, WeeklyMinutes>();
  for (const record of records) {
    if (record.minutes <= 0) continue;
    const weekStart = weekStartOf(record.localDate);
    const key = `${record.patientId}\u0000${weekStart}`;
    const row = totals.get(key);
    if (row) row.minutes += record.minutes;
    else totals.set(key, { patientId: record.patientId, weekStart, minutes: record.minutes });
  }
  return [...totals.values()].sort((a, b) =>
    a.patientId === b.patientId ? a.weekStart.localeCompare(b.weekStart) : a.patientId < b.patientId ? -1 : 1,
  );
};

/** A weekly range in minutes; `maximum` null = no upper bound. */
export interface WeeklyMinutesRange {
  minimum: number;
  maximum: number | null;
}

/**
 * The weekly range of a level for an audience, in minutes: the program's own range when it narrows
 * the level's default (SPEC §5: a program has a weekly hour range), else the default of SPEC §3.
 */
export const weeklyMinutesRange = (
  level: LevelOfCare,
  audience: Audience,
  programHours: { min: number; max: number | null } | null = null,
): WeeklyMinutesRange => {
  const hours = programHours ?? DEFAULT_WEEKLY_HOURS[level][audience];
  return {
    minimum: Math.round(hours.min * 60),
    maximum: hours.max === null ? null : Math.round(hours.max * 60),
  };
};

export type WeeklyStatus = 'below' | 'within' | 'above';

export interface WeeklyCompliance {
  status: WeeklyStatus;
  minutes: number;
  /** Minutes still needed to reach the minimum; 0 when reached. */
  shortfall: number;
}

export const weeklyCompliance = (minutes: number, range: WeeklyMinutesRange): WeeklyCompliance => ({
  status:
    minutes < range.minimum
      ? 'below'
      : range.maximum !== null && minutes > range.maximum
        ? 'above'
        : 'within',
  minutes,
  shortfall: Math.max(0, range.minimum - minutes),
});

/** A week is over (and judged) once its Sunday has passed at the site. */
export const isWeekComplete = (weekStart: LocalDate, today: LocalDate): boolean =>
  addDays(weekStart, 7) <= today;

/** Hours for display, to one decimal (7 h 30 min → 7.5). Sums stay in integer minutes. */
export const hoursOf = (minutes: number): number => Math.round(minutes / 6) / 10;
