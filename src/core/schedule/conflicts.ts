import type { OpeningHours } from '../alerts/escalation.js';
import { type Booking, type ClinicClosure, closureCovers } from './closures.js';
import {
  type EpochMs,
  instantOf,
  isoWeekdayOf,
  type LocalDate,
  type LocalTime,
  MS_PER_MINUTE,
  overlaps,
} from './localTime.js';
import type { Occurrence } from './recurrence.js';

/**
 * Whether a session may be put at a time (drag-to-move on the calendar, or a new one-off session):
 * refused, with every reason at once, when its clinician, room or a booked patient is already busy,
 * when it falls outside the site's hours, or on a closure. Back-to-back sessions do not conflict.
 */
export type ConflictCode =
  | 'CLINICIAN_DOUBLE_BOOKED'
  | 'ROOM_DOUBLE_BOOKED'
  | 'PATIENT_DOUBLE_BOOKED'
  | 'OUTSIDE_SITE_HOURS'
  | 'SITE_CLOSED';

export interface Conflict {
  code: ConflictCode;
  /** Plain words for the person dragging the session. */
  message: string;
  /** The other occurrence involved, if any. */
  withOccurrenceKey: string | null;
  patientId: string | null;
  closureId: string | null;
}

/** The session where it is to go. */
export interface Placement {
  /** `null` for a session not yet created; otherwise its own key, so it never conflicts with itself. */
  occurrenceKey: string | null;
  siteId: string;
  timeZone: string;
  localDate: LocalDate;
  startMs: EpochMs;
  endMs: EpochMs;
  clinicianId: string;
  roomId: string | null;
  patientIds: readonly string[];
}

export interface ScheduleAround {
  /** Occurrences near the placement (any site: a clinician or patient may be busy elsewhere). */
  occurrences: readonly Occurrence[];
  bookings: readonly Booking[];
  closures: readonly ClinicClosure[];
  /** The site's hours; `null` = no limit. */
  siteHours: OpeningHours | null;
}

/** An occurrence moved to a new local date and time, keeping its length, people and room. */
export const movedPlacement = (
  occurrence: Occurrence,
  toDate: LocalDate,
  toStartTime: LocalTime,
  patientIds: readonly string[],
): Placement => {
  const startMs = instantOf(toDate, toStartTime, occurrence.timeZone);
  return {
    occurrenceKey: occurrence.key,
    siteId: occurrence.siteId,
    timeZone: occurrence.timeZone,
    localDate: toDate,
    startMs,
    endMs: startMs + occurrence.durationMinutes * MS_PER_MINUTE,
    clinicianId: occurrence.clinicianId,
    roomId: occurrence.roomId,
    patientIds,
  };
};

const hhmm = (o: Occurrence) => `${o.localDate} ${o.localStartTime}`;

export const placementConflicts = (placement: Placement, around: ScheduleAround): Conflict[] => {
  const conflicts: Conflict[] = [];
  const none = { withOccurrenceKey: null, patientId: null, closureId: null };

  const hours = around.siteHours;
  if (hours !== null) {
    const opens = instantOf(placement.localDate, hours.opens, placement.timeZone);
    const closes = instantOf(placement.localDate, hours.closes, placement.timeZone);
    if (!hours.weekdays.includes(isoWeekdayOf(placement.localDate)))
      conflicts.push({ ...none, code: 'OUTSIDE_SITE_HOURS', message: 'The site is not open on that day.' });
    else if (placement.startMs < opens || placement.endMs > closes)
      conflicts.push({
        ...none,
        code: 'OUTSIDE_SITE_HOURS',
        message: `The site is open ${hours.opens}–${hours.closes}; the session would run outside those hours.`,
      });
  }

  for (const closure of around.closures) {
    if (closureCovers(closure, placement))
      conflicts.push({
        ...none,
        closureId: closure.id,
        code: 'SITE_CLOSED',
        message: `The site is closed: ${closure.reason}.`,
      });
  }

  const patients = new Set(placement.patientIds);
  const bookedIn = new Map<string, string[]>();
  for (const b of around.bookings) {
    if (!patients.has(b.patientId)) continue;
    bookedIn.set(b.occurrenceKey, [...(bookedIn.get(b.occurrenceKey) ?? []), b.patientId]);
  }
  for (const other of around.occurrences) {
    if (other.key === placement.occurrenceKey || other.cancellation !== null) continue;
    if (!overlaps(placement.startMs, placement.endMs, other.startMs, other.endMs)) continue;
    const withOther = { withOccurrenceKey: other.key, closureId: null };
    if (other.clinicianId === placement.clinicianId)
      conflicts.push({
        ...withOther,
        patientId: null,
        code: 'CLINICIAN_DOUBLE_BOOKED',
        message: `The clinician already leads “${other.title}” at ${hhmm(other)}.`,
      });
    if (placement.roomId !== null && other.roomId === placement.roomId)
      conflicts.push({
        ...withOther,
        patientId: null,
        code: 'ROOM_DOUBLE_BOOKED',
        message: `The room is taken by “${other.title}” at ${hhmm(other)}.`,
      });
    for (const patientId of bookedIn.get(other.key) ?? [])
      conflicts.push({
        ...withOther,
        patientId,
        code: 'PATIENT_DOUBLE_BOOKED',
        message: `A booked patient is already in “${other.title}” at ${hhmm(other)}.`,
      });
  }
  return conflicts;
};
