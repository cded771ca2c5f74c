import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, Problem, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/**
 * Request and response schemas of the schedule (SPEC §5): rooms, session series and their
 * occurrences, rolling-group memberships, clinic closures and the calendar. Dates and times are
 * site-local (`YYYY-MM-DD`, `HH:MM`); instants carry the site's offset.
 */

const SESSION_KIND_VALUES = ['group', 'individual', 'family', 'medication', 'case-management'] as const;
export const SessionKindSchema = StringEnum(SESSION_KIND_VALUES);
export const EnrolmentSchema = StringEnum(['rolling', 'closed-cohort'] as const, {
  description: 'Rolling groups take new members at any time; a closed cohort only before its first session',
});
export const AudienceSchema = StringEnum(['adult', 'adolescent'] as const);
export const GenderSchema = StringEnum(['women', 'men'] as const, {
  description: 'A gender-specific group; omitted or null: open to everyone',
});
export const LocalTimeSchema = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Wall-clock time at the site, HH:MM (24-hour)',
});
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' });
const Minutes = Type.Integer({ minimum: 1, maximum: 720, description: 'Real elapsed minutes' });
const Seats = Type.Integer({ minimum: 1, maximum: 500 });
const Capacity = Type.Integer({ minimum: 1, maximum: 500 });
const TelehealthUrl = Type.String({ minLength: 9, maxLength: 500, description: 'An https link' });
const Reason = NonEmpty(500);

// --- Rooms ---------------------------------------------------------------------------------------

export const Room = Type.Object({
  id: Id,
  siteId: Id,
  name: Type.String(),
  seats: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type Room = Static<typeof Room>;

export const RoomListQuery = Type.Object({ siteId: Id }, { additionalProperties: false });
export type RoomListQuery = Static<typeof RoomListQuery>;

export const CreateRoomBody = Type.Object(
  { siteId: Id, name: NonEmpty(80), seats: Seats },
  { additionalProperties: false },
);
export type CreateRoomBody = Static<typeof CreateRoomBody>;

export const UpdateRoomBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(NonEmpty(80)),
    seats: Type.Optional(Seats),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateRoomBody = Static<typeof UpdateRoomBody>;

// --- Series --------------------------------------------------------------------------------------

export const Series = Type.Object({
  id: Id,
  siteId: Id,
  timeZone: Type.String(),
  programId: Nullable(Id),
  trackId: Nullable(Id),
  kind: SessionKindSchema,
  title: Type.String(),
  clinicianId: Id,
  roomId: Nullable(Id),
  telehealthUrl: Nullable(Type.String()),
  capacity: Type.Integer(),
  enrolment: EnrolmentSchema,
  audience: AudienceSchema,
  gender: Nullable(GenderSchema),
  weekdays: Type.Array(Type.Integer()),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
  everyWeeks: Type.Integer(),
  startsOn: IsoDate,
  endsOn: Nullable(IsoDate),
  archived: Type.Boolean(),
  version: Type.Integer(),
});
export type Series = Static<typeof Series>;

export const SeriesListQuery = Type.Object(
  {
    siteId: Type.Optional(Id),
    trackId: Type.Optional(Id),
    clinicianId: Type.Optional(Id),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type SeriesListQuery = Static<typeof SeriesListQuery>;

export const CreateSeriesBody = Type.Object(
  {
    siteId: Id,
    programId: Type.Optional(Nullable(Id)),
    trackId: Type.Optional(Nullable(Id)),
    kind: SessionKindSchema,
    title: NonEmpty(120),
    clinicianId: Id,
    roomId: Type.Optional(Nullable(Id)),
    telehealthUrl: Type.Optional(Nullable(TelehealthUrl)),
    capacity: Type.Optional(Capacity),
    enrolment: Type.Optional(EnrolmentSchema),
    audience: Type.Optional(AudienceSchema),
    gender: Type.Optional(Nullable(GenderSchema)),
    weekdays: Type.Array(Weekday, { minItems: 1, maxItems: 7 }),
    startTime: LocalTimeSchema,
    durationMinutes: Minutes,
    everyWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
    startsOn: IsoDate,
    endsOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type CreateSeriesBody = Static<typeof CreateSeriesBody>;

export const UpdateSeriesBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(NonEmpty(120)),
    clinicianId: Type.Optional(Id),
    roomId: Type.Optional(Nullable(Id)),
    telehealthUrl: Type.Optional(Nullable(TelehealthUrl)),
    capacity: Type.Optional(Capacity),
    enrolment: Type.Optional(EnrolmentSchema),
    audience: Type.Optional(AudienceSchema),
    gender: Type.Optional(Nullable(GenderSchema)),
    weekdays: Type.Optional(Type.Array(Weekday, { minItems: 1, maxItems: 7 })),
    startTime: Type.Optional(LocalTimeSchema),
    durationMinutes: Type.Optional(Minutes),
    everyWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
    endsOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type UpdateSeriesBody = Static<typeof UpdateSeriesBody>;

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export type VersionBody = Static<typeof VersionBody>;

// --- One occurrence ------------------------------------------------------------------------------

export const OccurrenceParams = Type.Object({ id: Id, date: IsoDate });
export type OccurrenceParams = Static<typeof OccurrenceParams>;

export const CancelOccurrenceBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type CancelOccurrenceBody = Static<typeof CancelOccurrenceBody>;

export const MoveOccurrenceBody = Type.Object(
  {
    toDate: IsoDate,
    toStartTime: LocalTimeSchema,
    durationMinutes: Type.Optional(Minutes),
    roomId: Type.Optional(Nullable(Id)),
    clinicianId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type MoveOccurrenceBody = Static<typeof MoveOccurrenceBody>;

/** One occurrence as the series now puts it. */
export const OccurrenceSummary = Type.Object({
  key: Type.String({ description: '<series id>@<scheduled date>; stable when moved' }),
  seriesId: Id,
  scheduledDate: IsoDate,
  localDate: IsoDate,
  localStartTime: Type.String(),
  start: Type.String({ description: 'ISO 8601 with the site’s offset' }),
  end: Type.String(),
  durationMinutes: Type.Integer(),
  clinicianId: Id,
  roomId: Nullable(Id),
  moved: Type.Boolean(),
  cancelled: Type.Boolean(),
  cancellationReason: Nullable(Type.String()),
});
export type OccurrenceSummary = Static<typeof OccurrenceSummary>;

export const ConflictSchema = Type.Object({
  code: StringEnum([
    'CLINICIAN_DOUBLE_BOOKED',
    'ROOM_DOUBLE_BOOKED',
    'PATIENT_DOUBLE_BOOKED',
    'OUTSIDE_SITE_HOURS',
    'SITE_CLOSED',
  ] as const),
  message: Type.String(),
  withOccurrenceKey: Nullable(Type.String()),
  patientId: Nullable(Id),
  closureId: Nullable(Id),
});

/**
 * A refusal with its reason code and, for a move, every conflict; for a join, the full sessions; for
 * a capacity below those booked, the most booked into one session and the first sessions overbooked.
 */
export const ScheduleProblem = Type.Composite([
  Problem,
  Type.Object({
    reason: Type.Optional(Type.String()),
    conflicts: Type.Optional(Type.Array(ConflictSchema)),
    mostBooked: Type.Optional(Type.Integer({ description: 'The most patients booked into one session' })),
    fullOccurrences: Type.Optional(
      Type.Array(
        Type.Object({
          occurrenceKey: Type.String(),
          localDate: IsoDate,
          booked: Type.Integer(),
          capacity: Type.Integer(),
        }),
      ),
    ),
  }),
]);

// --- Memberships ---------------------------------------------------------------------------------

export const JoinSeriesBody = Type.Object(
  { patientId: Id, joinOn: IsoDate },
  { additionalProperties: false },
);
export type JoinSeriesBody = Static<typeof JoinSeriesBody>;

export const LeaveSeriesBody = Type.Object({ leaveOn: IsoDate }, { additionalProperties: false });
export type LeaveSeriesBody = Static<typeof LeaveSeriesBody>;

export const MemberParams = Type.Object({ id: Id, patientId: Id });
export type MemberParams = Static<typeof MemberParams>;

export const Membership = Type.Object({
  seriesId: Id,
  patientId: Id,
  joinedOn: IsoDate,
  leftOn: Nullable(IsoDate),
  version: Type.Integer(),
});
export type Membership = Static<typeof Membership>;

export const Roster = Type.Object({
  seriesId: Id,
  /** Current and future members (not yet left today). */
  memberCount: Type.Integer(),
  /** Members the caller may not see by name: counted, not listed. */
  hiddenCount: Type.Integer(),
  members: Type.Array(
    Type.Object({
      patientId: Id,
      name: Type.String({ description: 'Last, First (Preferred)' }),
      joinedOn: IsoDate,
      leftOn: Nullable(IsoDate),
    }),
  ),
});
export type Roster = Static<typeof Roster>;

// --- Closures ------------------------------------------------------------------------------------

export const Closure = Type.Object({
  id: Id,
  siteId: Id,
  reason: Type.String(),
  fromDate: Nullable(IsoDate),
  toDate: Nullable(IsoDate),
  startsAt: Nullable(IsoInstant),
  endsAt: Nullable(IsoInstant),
  withdrawn: Type.Boolean(),
  createdAt: IsoInstant,
});
export type Closure = Static<typeof Closure>;

export const ClosureListQuery = Type.Object(
  {
    siteId: Type.Optional(Id),
    includeWithdrawn: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type ClosureListQuery = Static<typeof ClosureListQuery>;

export const CreateClosureBody = Type.Object(
  {
    siteId: Id,
    reason: NonEmpty(200),
    fromDate: Type.Optional(IsoDate),
    toDate: Type.Optional(IsoDate),
    startsAt: Type.Optional(IsoInstant),
    endsAt: Type.Optional(IsoInstant),
  },
  { additionalProperties: false, description: 'Either fromDate..toDate (whole days) or startsAt..endsAt' },
);
export type CreateClosureBody = Static<typeof CreateClosureBody>;

export const ClosurePreviewQuery = Type.Object(
  {
    siteId: Id,
    fromDate: Type.Optional(IsoDate),
    toDate: Type.Optional(IsoDate),
    startsAt: Type.Optional(IsoInstant),
    endsAt: Type.Optional(IsoInstant),
  },
  { additionalProperties: false, description: 'Either fromDate..toDate (whole days) or startsAt..endsAt' },
);
export type ClosurePreviewQuery = Static<typeof ClosurePreviewQuery>;

/** What a closure would cancel, before it is made: counts, and the sessions without their patients. */
export const ClosurePreview = Type.Object({
  sessionCount: Type.Integer(),
  /** Different patients booked into those sessions: each is told once per session. */
  patientCount: Type.Integer(),
  sessions: Type.Array(
    Type.Object({
      key: Type.String(),
      seriesId: Id,
      title: Type.String(),
      localDate: IsoDate,
      localStartTime: Type.String(),
      bookedCount: Type.Integer(),
    }),
  ),
});
export type ClosurePreview = Static<typeof ClosurePreview>;

export const CreatedClosure = Type.Object({
  closure: Closure,
  cancelled: Type.Array(OccurrenceSummary),
  /** One task per clinician whose sessions it cancels. */
  tasks: Type.Array(Type.Object({ id: Id, ownerUserId: Id })),
  /** What the reminders sender is to tell patients; also kept in the closure's audit event. */
  patientNotices: Type.Array(
    Type.Object({
      patientId: Id,
      occurrenceKey: Type.String(),
      localDate: IsoDate,
      start: Type.String(),
      reason: Type.String(),
      dedupeKey: Type.String(),
    }),
  ),
});
export type CreatedClosure = Static<typeof CreatedClosure>;

// --- Calendar ------------------------------------------------------------------------------------

export const CalendarQuery = Type.Object(
  {
    from: IsoDate,
    to: Type.Optional(IsoDate),
    siteId: Type.Optional(Id),
    clinicianId: Type.Optional(Id),
    roomId: Type.Optional(Id),
    trackId: Type.Optional(Id),
    patientId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CalendarQuery = Static<typeof CalendarQuery>;

export const CalendarOccurrence = Type.Object({
  key: Type.String(),
  seriesId: Id,
  scheduledDate: IsoDate,
  siteId: Id,
  timeZone: Type.String(),
  programId: Nullable(Id),
  trackId: Nullable(Id),
  kind: SessionKindSchema,
  title: Type.String(),
  start: Type.String({ description: 'ISO 8601 with the site’s offset' }),
  end: Type.String(),
  localDate: IsoDate,
  localStartTime: Type.String(),
  durationMinutes: Type.Integer(),
  clinician: StaffRef,
  room: Nullable(Type.Object({ id: Id, name: Type.String() })),
  telehealth: Type.Boolean(),
  capacity: Type.Integer({ description: 'Effective: the smallest of series, room seats and caps' }),
  bookedCount: Type.Integer(),
  moved: Type.Boolean(),
  cancelled: Type.Boolean(),
  cancellationReason: Nullable(Type.String()),
  closureReason: Nullable(Type.String()),
  canManage: Type.Boolean(),
});
export type CalendarOccurrence = Static<typeof CalendarOccurrence>;

export const Calendar = Type.Object({
  from: IsoDate,
  to: IsoDate,
  occurrences: Type.Array(CalendarOccurrence),
});
export type Calendar = Static<typeof Calendar>;
