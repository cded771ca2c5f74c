import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, IsoInstant, Nullable, StringEnum, Version } from './common.js';
import { LocalTimeSchema } from './schedule.js';

/**
 * Request and response schemas of the weekly scheduler (SPEC §5): patients' availability, staff
 * bookings of one occurrence (adds, skips, pins), and scheduler runs with their diff.
 */

// --- Availability --------------------------------------------------------------------------------

export const AvailabilityWindow = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
    start: LocalTimeSchema,
    end: Type.String({
      pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
      description: 'Wall-clock end at the site, HH:MM; 24:00 is the end of the day',
    }),
  },
  { additionalProperties: false },
);
export type AvailabilityWindow = Static<typeof AvailabilityWindow>;

export const Availability = Type.Object({
  patientId: Id,
  /** False: nothing recorded, the patient counts as available during the site's programme hours. */
  recorded: Type.Boolean(),
  windows: Type.Array(AvailabilityWindow),
  version: Type.Integer({ description: '0 when nothing is recorded yet' }),
});
export type Availability = Static<typeof Availability>;

export const PutAvailabilityBody = Type.Object(
  {
    windows: Type.Array(AvailabilityWindow, { maxItems: 50 }),
    version: Type.Optional(
      Type.Integer({ minimum: 0, description: 'The version read; 0 when none was recorded' }),
    ),
  },
  { additionalProperties: false },
);
export type PutAvailabilityBody = Static<typeof PutAvailabilityBody>;

// --- Bookings of one occurrence ------------------------------------------------------------------

export const BookingKindSchema = StringEnum(['add', 'skip'] as const, {
  description: '`add`: book the patient into this session; `skip`: take them out of it',
});

export const BookOccurrenceBody = Type.Object(
  {
    patientId: Id,
    kind: BookingKindSchema,
    pinned: Type.Boolean({ description: 'Kept by later scheduler runs' }),
  },
  { additionalProperties: false },
);
export type BookOccurrenceBody = Static<typeof BookOccurrenceBody>;

export const OccurrenceBooking = Type.Object({
  occurrenceKey: Type.String(),
  patientId: Id,
  booked: Type.Boolean(),
  pinned: Type.Boolean(),
  bookedCount: Type.Integer(),
});
export type OccurrenceBooking = Static<typeof OccurrenceBooking>;

// --- Runs ----------------------------------------------------------------------------------------

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'applied', 'superseded'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const CreateRunBody = Type.Object(
  {
    siteId: Id,
    trackId: Type.Optional(Id),
    weekStart: Type.String({ ...IsoDate, description: 'The Monday the week starts on, YYYY-MM-DD' }),
    timeLimitMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000, default: 5_000 })),
  },
  { additionalProperties: false },
);
export type CreateRunBody = Static<typeof CreateRunBody>;

export const RunSession = Type.Object({
  occurrenceKey: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  localDate: IsoDate,
  localStartTime: Type.String(),
  durationMinutes: Type.Integer(),
});
export type RunSession = Static<typeof RunSession>;

export const RunPatientDiff = Type.Object({
  patientId: Id,
  name: Type.String(),
  added: Type.Array(RunSession),
  removed: Type.Array(RunSession),
  unchanged: Type.Integer(),
});
export type RunPatientDiff = Static<typeof RunPatientDiff>;

export const RunUnplaced = Type.Object({
  patientId: Id,
  name: Type.String(),
  reasons: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      minutesShort: Type.Optional(Type.Integer()),
    }),
  ),
});
export type RunUnplaced = Static<typeof RunUnplaced>;

export const RunScore = Type.Object({
  satisfied: Type.Integer(),
  patients: Type.Integer(),
  shortfallMinutes: Type.Integer(),
  continuity: Type.Integer(),
  balance: Type.Integer(),
});
export type RunScore = Static<typeof RunScore>;

export const ScheduleRun = Type.Object({
  id: Id,
  siteId: Id,
  trackId: Nullable(Id),
  weekStart: IsoDate,
  status: StringEnum(RUN_STATUSES),
  createdAt: IsoInstant,
  finishedAt: Nullable(IsoInstant),
  appliedAt: Nullable(IsoInstant),
  error: Nullable(Type.String()),
  sessionCount: Type.Integer(),
  patientCount: Type.Integer(),
  score: Nullable(RunScore),
  diff: Type.Array(RunPatientDiff),
  unplaced: Type.Array(RunUnplaced),
  version: Type.Integer(),
});
export type ScheduleRun = Static<typeof ScheduleRun>;

export const ApplyRunBody = Type.Object(
  { expectedVersion: Type.Optional(Version) },
  { additionalProperties: false },
);
export type ApplyRunBody = Static<typeof ApplyRunBody>;

export const AppliedRun = Type.Object({
  run: ScheduleRun,
  added: Type.Integer({ description: 'Seats booked' }),
  removed: Type.Integer({ description: 'Seats taken away' }),
});
export type AppliedRun = Static<typeof AppliedRun>;
