import type { FieldError } from '../errors/domainError.js';
import { type EpochMs, type LocalDate, MS_PER_MINUTE } from '../schedule/localTime.js';

/**
 * Roll call (SPEC §6): one tap marks everyone present, then staff record the exceptions. What it
 * produces — minutes attended per patient per session — is the atomic fact that weekly hours,
 * service counts, per-diem charges and level-of-care compliance all derive from.
 */

/** How a present patient took part. Telehealth needs the patient's location (the visit is billed and licensed where the patient is). */
export type AttendedVia = { mode: 'in-person' } | { mode: 'video' | 'audio-only'; patientLocation: string };

export type RollCallMark =
  | {
      kind: 'present';
      /** Minutes after the actual start the patient arrived; 0 = on time. */
      lateMinutes: number;
      /** When the patient left before the end; `null` = stayed to the end. */
      leftEarlyAtMs: EpochMs | null;
      via: AttendedVia;
    }
  | {
      kind: 'absent';
      excused: boolean;
      /** Required when excused (what made it excused); optional otherwise. */
      reason: string;
    };

/** Why someone not booked for the session is on its roll call. */
export type Unbooked = { kind: 'make-up'; forOccurrenceKey: string } | { kind: 'unscheduled' };

export interface RollCallEntry {
  patientId: string;
  mark: RollCallMark;
  /** `null` for patients booked for this session. */
  unbooked: Unbooked | null;
}

/** What a roll-call form submits. Flat, like the request it comes from; `validateRollCall` checks how the fields fit together. */
export interface RollCallSubmission {
  occurrenceKey: string;
  status: 'held' | 'cancelled';
  /** Required when cancelled. */
  cancellationReason: string | null;
  /** `null` = as scheduled. */
  actualStartMs: EpochMs | null;
  actualEndMs: EpochMs | null;
  /** Who ran it: the scheduled clinician or a substitute. */
  leaderId: string;
  entries: readonly RollCallEntry[];
}

/** The scheduled session a roll call belongs to, as the server finds it. */
export interface RollCallSession {
  occurrenceKey: string;
  /** The site's calendar date of the session: it decides the week its minutes count in. */
  localDate: LocalDate;
  scheduledStartMs: EpochMs;
  scheduledEndMs: EpochMs;
  clinicianId: string;
  bookedPatientIds: readonly string[];
  /** A room is booked (in-person attendance possible). */
  hasRoom: boolean;
}

export type AttendanceStatus = 'attended' | 'absent-excused' | 'absent-unexcused';

/** One patient's attendance at one session: what everything downstream reads. */
export interface AttendanceRecord {
  occurrenceKey: string;
  patientId: string;
  localDate: LocalDate;
  /** The session's actual start, for ordering a patient's history. */
  startMs: EpochMs;
  status: AttendanceStatus;
  minutes: number;
  late: boolean;
  leftEarly: boolean;
  mode: AttendedVia['mode'] | null;
  /** Booked for this session (false for make-up and unscheduled attendees). */
  booked: boolean;
  /** The session was led by someone other than the scheduled clinician. */
  substituteLeader: boolean;
}

/** A recorded session longer than a PHP day is a typing mistake, not a session. */
const MAX_ACTUAL_MINUTES = 12 * 60;

/** The one-tap start: every booked patient present, on time, in person when a room is booked. */
export const everyonePresent = (session: RollCallSession): RollCallSubmission => ({
  occurrenceKey: session.occurrenceKey,
  status: 'held',
  cancellationReason: null,
  actualStartMs: null,
  actualEndMs: null,
  leaderId: session.clinicianId,
  entries: session.bookedPatientIds.map((patientId) => ({
    patientId,
    unbooked: null,
    mark: {
      kind: 'present',
      lateMinutes: 0,
      leftEarlyAtMs: null,
      via: session.hasRoom ? { mode: 'in-person' } : { mode: 'video', patientLocation: '' },
    },
  })),
});

/** Records one exception (late, absent …) on a draft, leaving everyone else as they were. */
export const markException = (
  draft: RollCallSubmission,
  patientId: string,
  mark: RollCallMark,
  unbooked: Unbooked | null = null,
): RollCallSubmission => {
  const exists = draft.entries.some((e) => e.patientId === patientId);
  return {
    ...draft,
    entries: exists
      ? draft.entries.map((e) => (e.patientId === patientId ? { ...e, mark } : e))
      : [...draft.entries, { patientId, mark, unbooked }],
  };
};

/** The session's actual start and end: as recorded, else as scheduled. */
export const actualTimes = (
  submission: RollCallSubmission,
  session: RollCallSession,
): { startMs: EpochMs; endMs: EpochMs } => ({
  startMs: submission.actualStartMs ?? session.scheduledStartMs,
  endMs: submission.actualEndMs ?? session.scheduledEndMs,
});

/**
 * Whole minutes a patient attended: from arrival (actual start + late minutes) to leaving (the
 * early-leave time, else the actual end). Part minutes are dropped — a billed minute must be a
 * minute attended.
 */
export const minutesAttended = (mark: RollCallMark, actual: { startMs: EpochMs; endMs: EpochMs }): number => {
  if (mark.kind === 'absent') return 0;
  const arrived = actual.startMs + mark.lateMinutes * MS_PER_MINUTE;
  const left = mark.leftEarlyAtMs === null ? actual.endMs : Math.min(mark.leftEarlyAtMs, actual.endMs);
  return Math.max(0, Math.floor((left - arrived) / MS_PER_MINUTE));
};

/** Field errors of a roll call; empty when it may be saved. */
export const validateRollCall = (submission: RollCallSubmission, session: RollCallSession): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (submission.occurrenceKey !== session.occurrenceKey) add('/occurrenceKey', 'is not this session');
  if (!submission.leaderId.trim()) add('/leaderId', 'is required');

  if (submission.status === 'cancelled') {
    if (!submission.cancellationReason?.trim()) add('/cancellationReason', 'is required to cancel a session');
    if (submission.entries.length > 0)
      add('/entries', 'must be empty: a cancelled session has no attendance');
    if (submission.actualStartMs !== null || submission.actualEndMs !== null)
      add('/actualStartMs', 'must be empty: a cancelled session did not take place');
    return errors;
  }
  if (submission.cancellationReason !== null && submission.cancellationReason.trim())
    add('/cancellationReason', 'must be empty for a session that was held');

  const { startMs, endMs } = actualTimes(submission, session);
  const length = (endMs - startMs) / MS_PER_MINUTE;
  if (length <= 0) add('/actualEndMs', 'must be after the actual start');
  else if (length > MAX_ACTUAL_MINUTES)
    add('/actualEndMs', `must be within ${MAX_ACTUAL_MINUTES / 60} hours of the start`);

  const booked = new Set(session.bookedPatientIds);
  const seen = new Set<string>();
  submission.entries.forEach((entry, index) => {
    const at = `/entries/${index}`;
    if (seen.has(entry.patientId)) add(`${at}/patientId`, 'appears twice on the roll call');
    seen.add(entry.patientId);
    const isBooked = booked.has(entry.patientId);
    if (isBooked && entry.unbooked !== null) add(`${at}/unbooked`, 'must be empty for a booked patient');
    if (!isBooked && entry.unbooked === null)
      add(`${at}/unbooked`, 'is required: the patient is not booked (make-up or unscheduled?)');
    if (entry.unbooked?.kind === 'make-up' && entry.unbooked.forOccurrenceKey === session.occurrenceKey)
      add(`${at}/unbooked/forOccurrenceKey`, 'must name another session');

    const mark = entry.mark;
    if (mark.kind === 'absent') {
      if (!isBooked) add(`${at}/mark`, 'only booked patients can be absent');
      if (mark.excused && !mark.reason.trim()) add(`${at}/mark/reason`, 'is required for an excused absence');
      return;
    }
    if (!Number.isInteger(mark.lateMinutes) || mark.lateMinutes < 0)
      add(`${at}/mark/lateMinutes`, 'must be a whole number of minutes, 0 or more');
    else if (length > 0 && mark.lateMinutes >= length)
      add(`${at}/mark/lateMinutes`, `must be less than the session's ${length} minutes`);
    if (mark.leftEarlyAtMs !== null) {
      const arrived = startMs + mark.lateMinutes * MS_PER_MINUTE;
      if (mark.leftEarlyAtMs <= arrived) add(`${at}/mark/leftEarlyAtMs`, 'must be after the patient arrived');
      else if (mark.leftEarlyAtMs >= endMs)
        add(`${at}/mark/leftEarlyAtMs`, 'must be before the session ended');
    }
    if (mark.via.mode === 'in-person') {
      if (!session.hasRoom)
        add(`${at}/mark/via/mode`, 'must be video or audio-only: the session has no room');
    } else if (!mark.via.patientLocation.trim()) {
      add(`${at}/mark/via/patientLocation`, 'is required for telehealth');
    }
  });
  for (const patientId of session.bookedPatientIds) {
    if (!seen.has(patientId)) add('/entries', `has no mark for booked patient ${patientId}`);
  }
  return errors;
};

/** The attendance facts of a valid roll call; none for a cancelled session. */
export const attendanceRecords = (
  submission: RollCallSubmission,
  session: RollCallSession,
): AttendanceRecord[] => {
  if (submission.status === 'cancelled') return [];
  const actual = actualTimes(submission, session);
  const booked = new Set(session.bookedPatientIds);
  return submission.entries.map((entry) => {
    const mark = entry.mark;
    return {
      occurrenceKey: session.occurrenceKey,
      patientId: entry.patientId,
      localDate: session.localDate,
      startMs: actual.startMs,
      status: mark.kind === 'present' ? 'attended' : mark.excused ? 'absent-excused' : 'absent-unexcused',
      minutes: minutesAttended(mark, actual),
      late: mark.kind === 'present' && mark.lateMinutes > 0,
      leftEarly: mark.kind === 'present' && mark.leftEarlyAtMs !== null && mark.leftEarlyAtMs < actual.endMs,
      mode: mark.kind === 'present' ? mark.via.mode : null,
      booked: booked.has(entry.patientId),
      substituteLeader: submission.leaderId !== session.clinicianId,
    };
  });
};
