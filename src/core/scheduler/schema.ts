import { type Static, Type } from '@sinclair/typebox';

/**
 * The week file's shape as JSON Schema (TypeBox): one source for validation, for the published
 * docs/schedule-input.schema.json and docs/schedule-result.schema.json, and for the types.
 */

const Id = Type.String({ minLength: 1, maxLength: 200 });

const IsoDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 date-time with an offset, e.g. 2025-03-03T18:00:00-05:00 (the site wall clock).',
});

const Audience = Type.Union([Type.Literal('adult'), Type.Literal('adolescent')], {
  description: 'Adolescent patients attend adolescent sessions only, adults adult sessions only.',
});

const Modality = Type.String({
  minLength: 1,
  maxLength: 100,
  description: "Kind of service, e.g. 'group', 'individual', 'family'. Compared exactly.",
});

const Gender = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'On a session: only patients of this gender may attend. Compared exactly.',
});

const Hours = Type.Number({ minimum: 0, maximum: 168 });

export const SessionInputSchema = Type.Object(
  {
    id: Id,
    start: IsoDateTime,
    end: IsoDateTime,
    clinicianId: Id,
    roomId: Type.String({
      ...Id,
      description: 'Room or telehealth link; two sessions at overlapping times may not share one.',
    }),
    capacity: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      description:
        'Seats after payer caps are applied (e.g. 8 under a Medicaid group cap; 1 for individual).',
    }),
    modality: Modality,
    audience: Audience,
    gender: Type.Optional(Gender),
  },
  { additionalProperties: false },
);

export const AvailabilityWindowSchema = Type.Object(
  { start: IsoDateTime, end: IsoDateTime },
  { additionalProperties: false, description: 'A time the patient can attend (not at work or school).' },
);

export const PatientInputSchema = Type.Object(
  {
    id: Id,
    minHours: Type.Number({ ...Hours, description: 'Minimum weekly hours of the level of care.' }),
    maxHours: Type.Number({ ...Hours, description: 'Maximum weekly hours of the level of care.' }),
    availability: Type.Array(AvailabilityWindowSchema, { maxItems: 200 }),
    requiredModalities: Type.Array(Modality, {
      maxItems: 30,
      description: 'Each at least once this week (from the treatment plan).',
    }),
    audience: Audience,
    gender: Type.Optional(Gender),
    pinned: Type.Optional(
      Type.Array(Id, { description: 'Sessions staff assigned by hand: always kept.', maxItems: 200 }),
    ),
    previous: Type.Optional(
      Type.Array(Id, {
        description: "This week's sessions that continue last week's for this patient (same cohort).",
        maxItems: 200,
      }),
    ),
  },
  { additionalProperties: false },
);

export const WeekInputSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    sessions: Type.Array(SessionInputSchema, { maxItems: 20_000 }),
    patients: Type.Array(PatientInputSchema, { maxItems: 100_000 }),
  },
  {
    additionalProperties: false,
    title: 'OpenIOP week to schedule',
    description: 'Input of `openiop schedule --input week.json`.',
  },
);

const ReasonCode = Type.Union(
  [
    Type.Literal('NO_AVAILABLE_SESSIONS'),
    Type.Literal('NO_SESSIONS_FOR_AUDIENCE'),
    Type.Literal('NO_SESSIONS_FOR_GENDER'),
    Type.Literal('MODALITY_NOT_OFFERED_IN_AVAILABILITY'),
    Type.Literal('NOT_ENOUGH_HOURS_IN_AVAILABILITY'),
    Type.Literal('MAX_HOURS_TOO_LOW'),
    Type.Literal('MODALITIES_CLASH'),
    Type.Literal('PIN_CONFLICT'),
    Type.Literal('SESSIONS_FULL'),
    Type.Literal('MODALITY_SESSIONS_FULL'),
  ],
  { description: 'Stable code; see the README for what each means.' },
);

export const UnplacedReasonSchema = Type.Object(
  {
    code: ReasonCode,
    sessionIds: Type.Optional(Type.Array(Id)),
    minutesShort: Type.Optional(Type.Integer({ minimum: 0 })),
    message: Type.String({ description: 'What a coordinator can act on.' }),
  },
  { additionalProperties: false },
);

export const ScheduleScoreSchema = Type.Object(
  {
    satisfied: Type.Integer({
      minimum: 0,
      description: 'Patients at or above their minimum, at or below their maximum, every modality met.',
    }),
    shortfallMinutes: Type.Integer({
      minimum: 0,
      description: 'Sum over patients of the minutes still missing to their minimum.',
    }),
    continuity: Type.Integer({
      minimum: 0,
      description: "Assignments to a session listed in the patient's `previous`.",
    }),
    balance: Type.Integer({
      maximum: 0,
      description:
        'Minus the sum over group sessions (capacity ≥ 2) of the squared number of patients: closer to 0 is better.',
    }),
  },
  { additionalProperties: false },
);

export const ScheduleResultSchema = Type.Object(
  {
    assignments: Type.Array(Type.Object({ patientId: Id, sessionId: Id }, { additionalProperties: false })),
    unplaced: Type.Array(
      Type.Object(
        { patientId: Id, reasons: Type.Array(UnplacedReasonSchema, { minItems: 1 }) },
        { additionalProperties: false },
      ),
    ),
    score: ScheduleScoreSchema,
    stats: Type.Optional(
      Type.Object(
        {
          elapsedMs: Type.Number(),
          iterations: Type.Integer(),
          stoppedBy: Type.Union([
            Type.Literal('no-improvement'),
            Type.Literal('time-limit'),
            Type.Literal('iteration-limit'),
          ]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    title: 'OpenIOP schedule for a week',
    description: 'Output of `openiop schedule`.',
  },
);

export type SessionInput = Static<typeof SessionInputSchema>;
export type PatientInput = Static<typeof PatientInputSchema>;
export type WeekInput = Static<typeof WeekInputSchema>;
export type UnplacedReason = Static<typeof UnplacedReasonSchema>;
export type UnplacedReasonCode = UnplacedReason['code'];
export type ScheduleScore = Static<typeof ScheduleScoreSchema>;
export type ScheduleResult = Static<typeof ScheduleResultSchema>;
export type Audience = SessionInput['audience'];

/** The published JSON Schema documents (docs/schedule-*.schema.json), kept equal by a test. */
export const publishedSchema = (schema: typeof WeekInputSchema | typeof ScheduleResultSchema): object => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...(JSON.parse(JSON.stringify(schema)) as object),
});
