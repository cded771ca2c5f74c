import { addDays, type EpochMs, type LocalDate, localDateAt, weekStartOf } from '../schedule/localTime.js';
import type { Occurrence, SessionKind } from '../schedule/recurrence.js';
import type { AttendanceRecord } from './rollCall.js';
import { hoursOf, type WeeklyMinutesRange } from './weeklyHours.js';

/**
 * The patient portal's "this week": the patient's sessions and hours, and nothing else. Titles are
 * generic ("Group session", never "Relapse prevention") because a phone's lock screen or a shared
 * screen must not reveal SUD treatment (42 CFR Part 2); clinician, room, other patients, absence
 * reasons and cancellation reasons stay with staff. Every field is named here, as presenters do.
 */

export const PATIENT_TITLES: Readonly<Record<SessionKind, string>> = Object.freeze({
  group: 'Group session',
  individual: 'Individual session',
  family: 'Family session',
  medication: 'Medication appointment',
  'case-management': 'Case management appointment',
});

export type PortalSessionStatus = 'upcoming' | 'attended' | 'missed' | 'cancelled' | 'awaiting-record';

export interface PortalSession {
  title: string;
  date: LocalDate;
  startIso: string;
  endIso: string;
  where: 'in-person' | 'telehealth' | 'in-person-or-telehealth';
  /** Only for a telehealth session still to come. */
  joinLink: string | null;
  status: PortalSessionStatus;
  /** Minutes attended, once recorded. */
  minutesAttended: number | null;
}

export interface PortalWeek {
  weekStart: LocalDate;
  weekEnd: LocalDate;
  sessions: PortalSession[];
  hours: {
    attended: number;
    stillScheduled: number;
    minimum: number;
    maximum: number | null;
    /** Attended plus still scheduled reaches the minimum. */
    onTrack: boolean;
  };
}

export interface ThisWeekInput {
  nowMs: EpochMs;
  timeZone: string;
  /** The patient's booked occurrences (any window; those outside this week are dropped). */
  occurrences: readonly Occurrence[];
  /** Keys of occurrences a closure cancelled. */
  closedKeys: ReadonlySet<string>;
  /** The patient's attendance records (make-up and unscheduled visits count towards the hours). */
  records: readonly AttendanceRecord[];
  range: WeeklyMinutesRange;
}

export const thisWeek = (input: ThisWeekInput): PortalWeek => {
  const weekStart = weekStartOf(localDateAt(input.nowMs, input.timeZone));
  const nextWeek = addDays(weekStart, 7);
  const inWeek = (date: LocalDate) => date >= weekStart && date < nextWeek;
  const recordOf = new Map(input.records.map((r) => [r.occurrenceKey, r]));
  let stillScheduled = 0;

  const sessions = input.occurrences
    .filter((o) => inWeek(o.localDate))
    .sort((a, b) => a.startMs - b.startMs)
    .map((o): PortalSession => {
      const record = recordOf.get(o.key);
      const cancelled = o.cancellation !== null || input.closedKeys.has(o.key);
      const upcoming = !cancelled && !record && o.endMs > input.nowMs;
      if (upcoming)
        stillScheduled += Math.max(0, Math.round((o.endMs - Math.max(o.startMs, input.nowMs)) / 60_000));
      const status: PortalSessionStatus = cancelled
        ? 'cancelled'
        : record
          ? record.status === 'attended'
            ? 'attended'
            : 'missed'
          : upcoming
            ? 'upcoming'
            : 'awaiting-record';
      const where =
        o.roomId === null ? 'telehealth' : o.telehealthUrl === null ? 'in-person' : 'in-person-or-telehealth';
      return {
        title: PATIENT_TITLES[o.kind],
        date: o.localDate,
        startIso: o.startIso,
        endIso: o.endIso,
        where,
        joinLink: upcoming ? o.telehealthUrl : null,
        status,
        minutesAttended: cancelled || !record ? null : record.minutes,
      };
    });

  const attended = input.records.filter((r) => inWeek(r.localDate)).reduce((t, r) => t + r.minutes, 0);
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    sessions,
    hours: {
      attended: hoursOf(attended),
      stillScheduled: hoursOf(stillScheduled),
      minimum: hoursOf(input.range.minimum),
      maximum: input.range.maximum === null ? null : hoursOf(input.range.maximum),
      onTrack: attended + stillScheduled >= input.range.minimum,
    },
  };
};
