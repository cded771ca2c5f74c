import { hoursOf } from '../attendance/weeklyHours.js';
import { patientSessionWording } from '../calendarFeed/feedEvents.js';
import {
  addDays,
  type EpochMs,
  isoWithOffset,
  type LocalDate,
  localDateAt,
  type LocalTime,
  localTimeAt,
  MS_PER_MINUTE,
} from './localTime.js';

/**
 * The patient's "this week" (SPEC §5–§6: the portal shows the week's schedule and hours): the days
 * with sessions, each session as the patient may see it, the hours attended and still scheduled
 * against the level's minimum, and one plain sentence. What a session is called and where it is
 * follows the calendar feed's rule (`patientSessionWording`), since this too ends up on a phone.
 * Clinician, other patients, absence reasons and staff-written cancellation reasons stay with
 * staff; a cancellation says only whether the clinic was closed. Every field is named here, as
 * presenters do.
 */

/** Why a booked session did not run, in words safe for the patient: never the staff's free text. */
export type CancellationCause = 'clinic-closed' | 'session-cancelled';

/** What happened to one booked session, as far as the patient is concerned. */
export type BookedSessionState =
  | { kind: 'upcoming' }
  | { kind: 'attended'; minutes: number }
  | { kind: 'absent' }
  | { kind: 'cancelled'; cause: CancellationCause }
  /** Has ended, and its roll call does not name the patient yet. */
  | { kind: 'awaiting-record' };

export interface BookedSession {
  /** Staff-facing title ("Relapse prevention"): shown only if the patient allows naming the clinic. */
  title: string;
  startMs: EpochMs;
  endMs: EpochMs;
  siteName: string | null;
  roomName: string | null;
  telehealthUrl: string | null;
  state: BookedSessionState;
}

export interface ThisWeekInput {
  /** The Monday of the week, at the site. */
  weekStart: LocalDate;
  timeZone: string;
  nowMs: EpochMs;
  /** The patient's booked sessions; those starting outside the week are left out. */
  sessions: readonly BookedSession[];
  /** Everything attended that week, make-up and unscheduled visits included. */
  minutesAttended: number;
  /** The level's weekly range that week; null when the patient was in no program. */
  range: { minimumMinutes: number; maximumMinutes: number | null } | null;
  /** The patient's contact preference: may the clinic and the session be named? */
  nameClinicOk: boolean;
}

export interface PatientWeekSession {
  title: string;
  /** "In person", "Telehealth", or the site and room when the patient allows naming them. */
  place: string | null;
  /** With the site's offset, e.g. `2026-03-09T09:00:00-04:00`. */
  startIso: string;
  endIso: string;
  /** Wall-clock times at the site, `HH:MM`. */
  startTime: LocalTime;
  endTime: LocalTime;
  status: BookedSessionState['kind'];
  /** Once recorded: the minutes attended (0 when absent). */
  minutesAttended: number | null;
  cancelledBecause: CancellationCause | null;
  /** The video link, only while the session is still to come. */
  telehealthLink: string | null;
}

export interface PatientWeekDay {
  date: LocalDate;
  sessions: PatientWeekSession[];
}

export interface PatientWeek {
  weekStart: LocalDate;
  weekEnd: LocalDate;
  timeZone: string;
  /** Only days with sessions, in order. */
  days: PatientWeekDay[];
  hours: {
    attended: number;
    /** Upcoming sessions' time still ahead (the rest of one under way included). */
    stillScheduled: number;
    minimum: number | null;
    maximum: number | null;
  };
  /** Upcoming sessions, one under way included. */
  sessionsLeft: number;
  /** E.g. "You have attended 4.5 of your 9 hours this week; 3 sessions left." */
  summary: string;
}

/**
 * The state of a booked session from what staff recorded: a cancellation (the session's own, a
 * clinic closure, or a roll call saying it did not run) wins over anything else; then the patient's
 * attendance record; else it is upcoming until it ends and awaits its record after.
 */
export const bookedSessionState = (facts: {
  endMs: EpochMs;
  nowMs: EpochMs;
  cancelled: CancellationCause | null;
  record: { status: 'attended' | 'absent-excused' | 'absent-unexcused'; minutes: number } | null;
}): BookedSessionState => {
  if (facts.cancelled !== null) return { kind: 'cancelled', cause: facts.cancelled };
  if (facts.record !== null)
    return facts.record.status === 'attended'
      ? { kind: 'attended', minutes: facts.record.minutes }
      : { kind: 'absent' };
  return facts.endMs > facts.nowMs ? { kind: 'upcoming' } : { kind: 'awaiting-record' };
};

const hoursText = (hours: number): string => `${hours} ${hours === 1 ? 'hour' : 'hours'}`;

const sessionsText = (count: number): string =>
  count === 0 ? 'no sessions' : count === 1 ? '1 session' : `${count} sessions`;

type Tense = 'past' | 'current' | 'future';

const sentence = (
  tense: Tense,
  attended: number,
  stillScheduled: number,
  minimum: number | null,
  sessionsLeft: number,
): string => {
  const goal = minimum !== null && minimum > 0 ? minimum : null;
  switch (tense) {
    case 'past':
      return goal === null
        ? `You attended ${hoursText(attended)} that week.`
        : `You attended ${attended} of your ${hoursText(goal)} that week.`;
    case 'future': {
      const planned = `You have ${sessionsText(sessionsLeft)} scheduled that week`;
      if (sessionsLeft === 0) return `${planned}.`;
      return goal === null
        ? `${planned}, ${hoursText(stillScheduled)} in all.`
        : `${planned}, ${stillScheduled} of your ${hoursText(goal)}.`;
    }
    case 'current': {
      const left = `${sessionsText(sessionsLeft)} left`;
      if (goal === null) return `You have attended ${hoursText(attended)} this week; ${left}.`;
      if (attended >= goal)
        return `You have attended ${hoursText(attended)} this week, reaching your ${goal}-hour minimum; ${left}.`;
      return `You have attended ${attended} of your ${hoursText(goal)} this week; ${left}.`;
    }
  }
};

export const thisWeek = (input: ThisWeekInput): PatientWeek => {
  const { weekStart, timeZone, nowMs } = input;
  const nextWeek = addDays(weekStart, 7);
  const today = localDateAt(nowMs, timeZone);
  const tense: Tense = today < weekStart ? 'future' : today >= nextWeek ? 'past' : 'current';

  // The site's calendar decides the day, not a count of 24-hour days: a week with a clock change
  // is an hour shorter or longer.
  const dated = input.sessions
    .map((s) => ({ session: s, date: localDateAt(s.startMs, timeZone) }))
    .filter(({ date }) => date >= weekStart && date < nextWeek)
    .sort((a, b) => a.session.startMs - b.session.startMs || a.session.endMs - b.session.endMs);

  let stillScheduledMinutes = 0;
  let sessionsLeft = 0;
  const days: PatientWeekDay[] = [];
  for (const { session: s, date } of dated) {
    const upcoming = s.state.kind === 'upcoming';
    if (upcoming) {
      sessionsLeft += 1;
      stillScheduledMinutes += Math.max(0, s.endMs - Math.max(s.startMs, nowMs)) / MS_PER_MINUTE;
    }
    const { title, location } = patientSessionWording(
      {
        title: s.title,
        siteName: s.siteName,
        roomName: s.roomName,
        telehealth: s.telehealthUrl !== null,
      },
      { nameClinicOk: input.nameClinicOk },
    );
    const shown: PatientWeekSession = {
      title,
      place: location,
      startIso: isoWithOffset(s.startMs, timeZone),
      endIso: isoWithOffset(s.endMs, timeZone),
      startTime: localTimeAt(s.startMs, timeZone),
      endTime: localTimeAt(s.endMs, timeZone),
      status: s.state.kind,
      minutesAttended: s.state.kind === 'attended' ? s.state.minutes : s.state.kind === 'absent' ? 0 : null,
      cancelledBecause: s.state.kind === 'cancelled' ? s.state.cause : null,
      telehealthLink: upcoming ? s.telehealthUrl : null,
    };
    const day = days.at(-1);
    if (day?.date === date) day.sessions.push(shown);
    else days.push({ date, sessions: [shown] });
  }

  const attended = hoursOf(input.minutesAttended);
  const stillScheduled = hoursOf(Math.round(stillScheduledMinutes));
  const minimum = input.range === null ? null : hoursOf(input.range.minimumMinutes);
  const maximum =
    input.range === null || input.range.maximumMinutes === null ? null : hoursOf(input.range.maximumMinutes);
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    timeZone,
    days,
    hours: { attended, stillScheduled, minimum, maximum },
    sessionsLeft,
    summary: sentence(tense, attended, stillScheduled, minimum, sessionsLeft),
  };
};
