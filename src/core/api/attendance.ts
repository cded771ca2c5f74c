import { type Static, Type } from '@sinclair/typebox';
import { AlertSeverity } from './alerts.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/**
 * Request and response schemas of attendance (SPEC §6): the roll call of one session, a patient's
 * weekly hours, the compliance report and step-down tapers. Minutes attended per patient per session
 * is the atomic fact; everything else here is derived from it.
 */

// --- Roll call -----------------------------------------------------------------------------------

/**
 * Named `id` like every other record's param (the cross-cutting bad-input suite corrupts `:id`); the
 * value is the occurrence key.
 */
export const OccurrenceKeyParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 60,
    description: '`<series id>@<scheduled date>`, as the calendar gives it',
  }),
});
export type OccurrenceKeyParams = Static<typeof OccurrenceKeyParams>;

const ModeSchema = StringEnum(['in-person', 'video', 'audio-only'] as const);

const Via = Type.Object(
  {
    mode: ModeSchema,
    patientLocation: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 200,
          description: 'Where the patient was (city and state at least): required for telehealth',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

const PresentMark = Type.Object(
  {
    kind: Type.Literal('present'),
    lateMinutes: Type.Integer({
      minimum: 0,
      maximum: 720,
      description: 'Minutes after the actual start the patient arrived; 0 = on time',
    }),
    leftEarlyAt: Type.Optional(Nullable(IsoInstant)),
    via: Via,
  },
  { additionalProperties: false },
);

const AbsentMark = Type.Object(
  {
    kind: Type.Literal('absent'),
    excused: Type.Boolean(),
    reason: Type.Optional(
      Nullable(Type.String({ maxLength: 500, description: 'Required when the absence is excused' })),
    ),
  },
  { additionalProperties: false },
);

export const RollCallMarkSchema = Type.Union([PresentMark, AbsentMark]);
export type RollCallMarkBody = Static<typeof RollCallMarkSchema>;

export const UnbookedSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('make-up'),
      forOccurrenceKey: Type.String({ minLength: 1, maxLength: 60 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('unscheduled') }, { additionalProperties: false }),
]);

const RollCallEntryBody = Type.Object(
  {
    patientId: Id,
    mark: RollCallMarkSchema,
    unbooked: Type.Optional(Nullable(UnbookedSchema)),
  },
  { additionalProperties: false },
);

export const SaveRollCallBody = Type.Object(
  {
    version: Type.Optional(Version),
    status: StringEnum(['held', 'cancelled'] as const),
    cancellationReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    actualStart: Type.Optional(Nullable(IsoInstant)),
    actualEnd: Type.Optional(Nullable(IsoInstant)),
    leaderId: Id,
    entries: Type.Array(RollCallEntryBody, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type SaveRollCallBody = Static<typeof SaveRollCallBody>;

export const SessionOccurrence = Type.Object({
  key: Type.String(),
  seriesId: Id,
  siteId: Id,
  kind: Type.String(),
  title: Type.String(),
  localDate: IsoDate,
  /** With the site's offset. */
  start: Type.String(),
  end: Type.String(),
  durationMinutes: Type.Integer(),
  leader: StaffRef,
  hasRoom: Type.Boolean(),
  telehealth: Type.Boolean(),
  /** Why the occurrence was cancelled (on its own or by a closure); null when it runs. */
  cancellation: Nullable(Type.String()),
  started: Type.Boolean(),
});
export type SessionOccurrence = Static<typeof SessionOccurrence>;

export const RosterPatient = Type.Object({
  patientId: Id,
  mrn: Type.String(),
  name: Type.String({ description: 'Last, First' }),
  preferredName: Nullable(Type.String()),
});
export type RosterPatient = Static<typeof RosterPatient>;

export const RollCallEntry = Type.Object({
  patientId: Id,
  name: Type.String(),
  mark: RollCallMarkSchema,
  unbooked: Nullable(UnbookedSchema),
  status: StringEnum(['attended', 'absent-excused', 'absent-unexcused'] as const),
  minutes: Type.Integer(),
});
export type RollCallEntry = Static<typeof RollCallEntry>;

export const StoredRollCall = Type.Object({
  id: Id,
  status: StringEnum(['held', 'cancelled'] as const),
  cancellationReason: Nullable(Type.String()),
  actualStart: IsoInstant,
  actualEnd: IsoInstant,
  leader: StaffRef,
  recordedBy: StaffRef,
  recordedAt: IsoInstant,
  entries: Type.Array(RollCallEntry),
  version: Type.Integer(),
});
export type StoredRollCall = Static<typeof StoredRollCall>;

export const RollCallView = Type.Object({
  occurrence: SessionOccurrence,
  /** The patients booked for the session by their group memberships. */
  roster: Type.Array(RosterPatient),
  rollCall: Nullable(StoredRollCall),
});
export type RollCallView = Static<typeof RollCallView>;

/** What saving set in motion, so the form can say who was told. */
export const SavedRollCall = Type.Object({
  occurrence: SessionOccurrence,
  roster: Type.Array(RosterPatient),
  rollCall: StoredRollCall,
  alertsRaised: Type.Array(
    Type.Object({
      id: Id,
      patientId: Id,
      kind: Type.String(),
      severity: AlertSeverity,
      title: Type.String(),
      recipient: StaffRef,
    }),
  ),
  tasksCreated: Type.Array(Type.Object({ id: Id, patientId: Id, title: Type.String(), owner: StaffRef })),
});
export type SavedRollCall = Static<typeof SavedRollCall>;

// --- Weekly hours --------------------------------------------------------------------------------

export const WeeklyHoursQuery = Type.Object(
  { weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52, default: 8 })) },
  { additionalProperties: false },
);
export type WeeklyHoursQuery = Static<typeof WeeklyHoursQuery>;

const WeeklyStatusSchema = StringEnum(['below', 'within', 'above'] as const);

export const WeekOfHours = Type.Object({
  weekStart: IsoDate,
  minutes: Type.Integer(),
  hours: Type.Number(),
  /** The level's range that week; null when the patient was in no program all week. */
  minimumMinutes: Nullable(Type.Integer()),
  maximumMinutes: Nullable(Type.Integer()),
  levelOfCare: Nullable(Type.String()),
  status: Nullable(WeeklyStatusSchema),
  /** The week's Sunday has passed at the site: only complete weeks are judged. */
  complete: Type.Boolean(),
  /** Enrolled every day of the week (a partial first week is not a deficit). */
  enrolledAllWeek: Type.Boolean(),
  tapering: Type.Boolean(),
});
export type WeekOfHours = Static<typeof WeekOfHours>;

export const WeeklyHours = Type.Object({
  patientId: Id,
  timeZone: Type.String(),
  /** Oldest first; the last one is this week. */
  weeks: Type.Array(WeekOfHours),
  thisWeek: Type.Object({
    /** Booked sessions of this week that have not started yet (cancelled ones left out). */
    upcomingSessions: Type.Integer(),
    upcomingMinutes: Type.Integer(),
    /** Sessions of this week that have started or ended with no roll call yet. */
    awaitingRollCall: Type.Integer(),
  }),
});
export type WeeklyHours = Static<typeof WeeklyHours>;

// --- Compliance report ---------------------------------------------------------------------------

export const ComplianceReportQuery = Type.Object(
  {
    siteId: Id,
    trackId: Type.Optional(Id),
    week: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ComplianceReportQuery = Static<typeof ComplianceReportQuery>;

export const ComplianceReport = Type.Object({
  siteId: Id,
  weekStart: IsoDate,
  complete: Type.Boolean(),
  groups: Type.Array(
    Type.Object({
      /** null: patients in no track. */
      trackId: Nullable(Id),
      trackName: Nullable(Type.String()),
      counts: Type.Object({
        total: Type.Integer(),
        below: Type.Integer(),
        within: Type.Integer(),
        above: Type.Integer(),
        tapering: Type.Integer(),
      }),
      patients: Type.Array(
        Type.Object({
          patientId: Id,
          mrn: Type.String(),
          name: Type.String(),
          minutes: Type.Integer(),
          hours: Type.Number(),
          minimumMinutes: Type.Integer(),
          maximumMinutes: Nullable(Type.Integer()),
          status: WeeklyStatusSchema,
          tapering: Type.Boolean(),
        }),
      ),
    }),
  ),
});
export type ComplianceReport = Static<typeof ComplianceReport>;

// --- Tapers --------------------------------------------------------------------------------------

export const CreateTaperBody = Type.Object(
  {
    startsOn: IsoDate,
    weeks: Type.Integer({ minimum: 1, maximum: 4, description: 'At most the clinic’s setting (default 2)' }),
    reason: NonEmpty(500),
  },
  { additionalProperties: false },
);
export type CreateTaperBody = Static<typeof CreateTaperBody>;

export const AttendanceTaper = Type.Object({
  id: Id,
  patientId: Id,
  startsOn: IsoDate,
  weeks: Type.Integer(),
  /** The Mondays of the weeks whose deficit the taper excuses. */
  weekStarts: Type.Array(IsoDate),
  reason: Type.String(),
  createdBy: StaffRef,
  createdAt: IsoInstant,
});
export type AttendanceTaper = Static<typeof AttendanceTaper>;
