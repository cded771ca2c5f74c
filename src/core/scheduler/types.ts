import type { WallClockSpan } from './time.js';

export type {
  Audience,
  PatientInput,
  ScheduleResult,
  ScheduleScore,
  SessionInput,
  UnplacedReason,
  UnplacedReasonCode,
  WeekInput,
} from './schema.js';

/**
 * A validated week in the form the solver works on: sessions and patients by index, times in epoch
 * minutes, modalities as small integers, and for each patient the sessions they may attend at all.
 * Built once by `compileWeek`; never mutated.
 */
export interface WeekInstance {
  readonly sessionIds: readonly string[];
  readonly patientIds: readonly string[];
  /** Epoch milliseconds; two sessions overlap when each starts before the other ends. */
  readonly sessionStart: Float64Array;
  readonly sessionEnd: Float64Array;
  readonly sessionMinutes: Int32Array;
  readonly sessionSpan: readonly WallClockSpan[];
  readonly capacity: Int32Array;
  /** Capacity ≥ 2: the sessions whose sizes the balance part of the score evens out. */
  readonly isGroup: Uint8Array;
  readonly sessionModality: Int32Array;
  readonly modalities: readonly string[];
  readonly minMinutes: Int32Array;
  readonly maxMinutes: Int32Array;
  /** Required modality indices per patient (distinct). */
  readonly requiredModalities: readonly Int32Array[];
  /** Sessions each patient may attend (availability, audience, gender), sorted by end then start. */
  readonly eligible: readonly Int32Array[];
  readonly pinned: readonly Int32Array[];
  /** `previous` restricted to eligible sessions: only those can count towards continuity. */
  readonly previous: readonly Int32Array[];
  /** Greatest common divisor of session lengths in minutes: the step of the solver's minute grid. */
  readonly minuteStep: number;
  /** Availability windows per patient (merged), for messages. */
  readonly availability: readonly (readonly WallClockSpan[])[];
}

/** One patient in one session, by index into a WeekInstance. */
export interface Seat {
  readonly patient: number;
  readonly session: number;
}

export interface ScoreParts {
  satisfied: number;
  shortfallMinutes: number;
  continuity: number;
  /** −Σ over group sessions of size²; higher (closer to 0) is better. */
  balance: number;
}
