import { DomainError } from '../errors/domainError.js';
import { addDays, type EpochMs, type LocalDate, localDateAt, startOfLocalDay } from './localTime.js';
import type { Booking } from './closures.js';
import { expandOccurrences, type Occurrence, type SessionSeries } from './recurrence.js';

/**
 * Membership of a series (SPEC §5). Groups are rolling: a patient joins already-scheduled future
 * sessions from a date and leaves from a date, without the series being rebuilt. A closed cohort
 * takes members only until its first session starts. Bookings are derived from memberships, never
 * stored per occurrence, so moving or adding an occurrence books its members automatically.
 *
 * Refusals are DomainErrors whose `extra.reason` is one of `MembershipRefusal`, so the web can say
 * exactly what to change.
 */
export type MembershipRefusal =
  | 'JOIN_DATE_IN_PAST'
  | 'JOIN_AFTER_SERIES_END'
  | 'JOIN_TOO_FAR_AHEAD'
  | 'ALREADY_MEMBER'
  | 'COHORT_CLOSED'
  | 'COHORT_JOIN_AFTER_START'
  | 'LEAVE_DATE_IN_PAST'
  | 'LEAVE_BEFORE_JOIN'
  | 'ALREADY_LEFT';

export interface SeriesMembership {
  seriesId: string;
  patientId: string;
  /** First site-local date the patient is booked. */
  joinedOn: LocalDate;
  /** First site-local date the patient is no longer booked; `null` = still a member. */
  leftOn: LocalDate | null;
  /** When the join was recorded: a session that had already started then is not booked (no phantom absence). */
  recordedAtMs: EpochMs;
}

const refuse = (
  code: 'VALIDATION_FAILED' | 'CONFLICT' | 'INVALID_STATE',
  reason: MembershipRefusal,
  message: string,
  field?: string,
): never => {
  throw new DomainError(code, message, {
    fields: field ? [{ field, message }] : [],
    extra: { reason },
  });
};

/** The first occurrence of a series (even if cancelled): where a closed cohort starts. */
export const firstOccurrence = (series: SessionSeries): Occurrence | null => {
  const from = startOfLocalDay(addDays(series.startsOn, -7), series.timeZone);
  const to = startOfLocalDay(addDays(series.startsOn, 7 * series.everyWeeks + 7), series.timeZone);
  return expandOccurrences(series, from, to)[0] ?? null;
};

export interface JoinRequest {
  series: SessionSeries;
  /** The patient's memberships of this series, past and present. */
  memberships: readonly SeriesMembership[];
  patientId: string;
  joinOn: LocalDate;
  nowMs: EpochMs;
}

const MAX_JOIN_AHEAD_DAYS = 366;

/** A patient joins a series from a date: today or later at the site, within the year ahead. */
export const joinSeries = (request: JoinRequest): SeriesMembership => {
  const { series, joinOn, nowMs } = request;
  const today = localDateAt(nowMs, series.timeZone);
  if (joinOn < today)
    refuse(
      'VALIDATION_FAILED',
      'JOIN_DATE_IN_PAST',
      `A patient joins from today (${today}) or later.`,
      '/joinOn',
    );
  if (series.endsOn !== null && joinOn > series.endsOn)
    refuse('VALIDATION_FAILED', 'JOIN_AFTER_SERIES_END', `The series ends on ${series.endsOn}.`, '/joinOn');
  // A join is planned within the year ahead; a far-off date is a typo (and past the calendar's range).
  const latest = addDays(today, MAX_JOIN_AHEAD_DAYS);
  if (joinOn > latest)
    refuse(
      'VALIDATION_FAILED',
      'JOIN_TOO_FAR_AHEAD',
      `A patient joins within a year from today (by ${latest}).`,
      '/joinOn',
    );
  const current = request.memberships.find(
    (m) =>
      m.seriesId === series.id &&
      m.patientId === request.patientId &&
      (m.leftOn === null || m.leftOn > joinOn),
  );
  if (current)
    refuse('CONFLICT', 'ALREADY_MEMBER', `The patient is already a member from ${current.joinedOn}.`);
  if (series.enrolment === 'closed-cohort') {
    const first = firstOccurrence(series);
    if (first && nowMs >= first.startMs)
      refuse(
        'INVALID_STATE',
        'COHORT_CLOSED',
        `This closed cohort began on ${first.localDate}; it takes no new members.`,
      );
    if (first && joinOn > first.localDate)
      refuse(
        'VALIDATION_FAILED',
        'COHORT_JOIN_AFTER_START',
        `A closed cohort is joined from its first session (${first.localDate}).`,
        '/joinOn',
      );
  }
  return {
    seriesId: series.id,
    patientId: request.patientId,
    joinedOn: joinOn,
    leftOn: null,
    recordedAtMs: nowMs,
  };
};

/**
 * A patient leaves a series from a date (that date's session is no longer booked). Past sessions
 * keep their roll calls, so a leave date cannot be in the past; a future leave date may be changed.
 */
export const leaveSeries = (
  membership: SeriesMembership,
  leaveOn: LocalDate,
  nowMs: EpochMs,
  timeZone: string,
): SeriesMembership => {
  const today = localDateAt(nowMs, timeZone);
  if (membership.leftOn !== null && membership.leftOn <= today)
    refuse('INVALID_STATE', 'ALREADY_LEFT', `The patient left this series on ${membership.leftOn}.`);
  if (leaveOn < today)
    refuse(
      'VALIDATION_FAILED',
      'LEAVE_DATE_IN_PAST',
      `A patient leaves from today (${today}) or later.`,
      '/leaveOn',
    );
  if (leaveOn < membership.joinedOn)
    refuse(
      'VALIDATION_FAILED',
      'LEAVE_BEFORE_JOIN',
      `The patient joins on ${membership.joinedOn}.`,
      '/leaveOn',
    );
  return { ...membership, leftOn: leaveOn };
};

/**
 * Whether a membership books a patient into an occurrence: same series, on a local date from the
 * join up to (not including) the leave, and not already under way when the join was recorded.
 * Cancelled occurrences stay booked so their patients are told.
 */
export const isBooked = (membership: SeriesMembership, occurrence: Occurrence): boolean =>
  occurrence.seriesId === membership.seriesId &&
  occurrence.localDate >= membership.joinedOn &&
  (membership.leftOn === null || occurrence.localDate < membership.leftOn) &&
  occurrence.startMs >= membership.recordedAtMs;

/** Every booking memberships make in these occurrences, in occurrence order. */
export const bookingsFor = (
  memberships: readonly SeriesMembership[],
  occurrences: readonly Occurrence[],
): Booking[] =>
  occurrences.flatMap((o) =>
    memberships.filter((m) => isBooked(m, o)).map((m) => ({ occurrenceKey: o.key, patientId: m.patientId })),
  );
