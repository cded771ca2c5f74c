import { type Static, Type } from '@sinclair/typebox';
import { AlertSeverity } from './alerts.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum } from './common.js';
import { StaffRef } from './patients.js';

/** Request and response schemas of measurement-based care (SPEC §4): instruments, responses, schedules, safety. */

// --- Instruments ---------------------------------------------------------------------------------

export const SexSchema = StringEnum(['male', 'female'] as const, {
  description: 'Only instruments with a sex-specific cut-off (AUDIT-C) use it',
});

const InstrumentOption = Type.Object({
  value: Type.Integer({ description: 'The published point value of the option (yes = 1, no = 0)' }),
  label: Type.String(),
});

const InstrumentItem = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  key: Type.String(),
  text: Type.String(),
  options: Type.Array(InstrumentOption),
  reverseScored: Type.Boolean(),
});
export type InstrumentItem = Static<typeof InstrumentItem>;

export const ScoreBand = Type.Object({
  key: Type.String(),
  label: Type.String(),
  min: Type.Integer(),
  max: Type.Integer(),
});
export type ScoreBand = Static<typeof ScoreBand>;

export const Instrument = Type.Object({
  code: Type.String(),
  version: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  description: Type.String(),
  lookbackPeriod: Type.String(),
  loincTotal: Nullable(Type.String()),
  /** True when scoring needs the patient's sex (AUDIT-C). */
  needsSex: Type.Boolean(),
  /** Lowest and highest total; null for instruments read item by item (the BAM). */
  totalRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer() })),
  bands: Type.Array(ScoreBand),
  subscales: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), items: Type.Array(Type.Integer()) }),
  ),
  flags: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), severity: AlertSeverity })),
  items: Type.Array(InstrumentItem),
});
export type Instrument = Static<typeof Instrument>;

export const InstrumentCodeParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40, description: 'Instrument code, e.g. phq9, audit-c' }),
});

/**
 * Answers are plain numbers here, not integers or enums: the scorer names the item and the values it
 * allows, which a schema error by array index would not.
 */
const Answers = Type.Array(Type.Number(), {
  maxItems: 100,
  description: 'One answer per item, in item order: the published point value of the chosen option',
});

export const ScoreBody = Type.Object(
  { answers: Answers, sex: Type.Optional(SexSchema) },
  { additionalProperties: false },
);
export type ScoreBody = Static<typeof ScoreBody>;

export const RaisedFlag = Type.Object({ key: Type.String(), label: Type.String(), severity: AlertSeverity });
export type RaisedFlag = Static<typeof RaisedFlag>;

const BandRef = Type.Object({ key: Type.String(), label: Type.String() });

export const ScoreResult = Type.Object({
  total: Type.Optional(Type.Integer()),
  band: Type.Optional(BandRef),
  subscales: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  flags: Type.Array(RaisedFlag),
});
export type ScoreResult = Static<typeof ScoreResult>;

// --- Responses -----------------------------------------------------------------------------------

export const MeasureResponse = Type.Object({
  id: Id,
  patientId: Id,
  instrument: Type.String(),
  shortName: Type.String(),
  instrumentVersion: Type.String(),
  total: Nullable(Type.Integer()),
  band: Nullable(BandRef),
  subscales: Nullable(Type.Record(Type.String(), Type.Integer())),
  flags: Type.Array(RaisedFlag),
  sex: Nullable(SexSchema),
  source: StringEnum(['staff', 'portal'] as const),
  administeredAt: IsoInstant,
  administeredBy: Nullable(StaffRef),
  createdAt: IsoInstant,
  /** Item by item: the answer given and its score after reverse scoring. */
  items: Type.Array(Type.Object({ number: Type.Integer(), answer: Type.Integer(), score: Type.Integer() })),
});
export type MeasureResponse = Static<typeof MeasureResponse>;

export const MeasureListQuery = Type.Object(
  {
    instrument: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type MeasureListQuery = Static<typeof MeasureListQuery>;

export const AdministerMeasureBody = Type.Object(
  {
    instrument: Type.String({ minLength: 1, maxLength: 40, description: 'Instrument code, e.g. phq9' }),
    answers: Answers,
    sex: Type.Optional(SexSchema),
    administeredAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When it was given; defaults to now' }),
    ),
  },
  { additionalProperties: false },
);
export type AdministerMeasureBody = Static<typeof AdministerMeasureBody>;

/** What storing a response set in motion, so the form can say who was told. */
export const AdministeredMeasure = Type.Object({
  response: MeasureResponse,
  alertsRaised: Type.Array(
    Type.Object({
      id: Id,
      kind: Type.String(),
      severity: AlertSeverity,
      title: Type.String(),
      recipient: StaffRef,
    }),
  ),
  tasksCreated: Type.Array(Type.Object({ id: Id, title: Type.String(), owner: StaffRef })),
});
export type AdministeredMeasure = Static<typeof AdministeredMeasure>;

export const TrendQuery = Type.Object(
  { instrument: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const MeasureTrend = Type.Object({
  instrument: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  totalRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer() })),
  /** Band ranges of the total, for shading a chart; empty for sex-specific screens and the BAM. */
  bands: Type.Array(ScoreBand),
  /** Oldest first. */
  points: Type.Array(
    Type.Object({
      responseId: Id,
      administeredAt: IsoInstant,
      total: Nullable(Type.Integer()),
      band: Nullable(BandRef),
      subscales: Nullable(Type.Record(Type.String(), Type.Integer())),
      flagged: Type.Boolean(),
    }),
  ),
});
export type MeasureTrend = Static<typeof MeasureTrend>;

// --- Schedules -----------------------------------------------------------------------------------

export const DueStatusSchema = StringEnum(['overdue', 'due', 'upcoming', 'done'] as const);

export const MeasuresDue = Type.Object({
  patientId: Id,
  /** The program of the current enrolment segment; null without an open episode. */
  program: Nullable(Type.Object({ id: Id, name: Type.String() })),
  /** Start of the current segment: "at admission" measures are due then. */
  segmentStartOn: Nullable(IsoDate),
  today: IsoDate,
  items: Type.Array(
    Type.Object({
      instrument: Type.String(),
      shortName: Type.String(),
      name: Type.String(),
      atAdmission: Type.Boolean(),
      everyDays: Nullable(Type.Integer()),
      status: DueStatusSchema,
      dueOn: Nullable(IsoDate),
      lastGivenOn: Nullable(IsoDate),
    }),
  ),
});
export type MeasuresDue = Static<typeof MeasuresDue>;

const ScheduleEntry = Type.Object(
  {
    instrument: Type.String({ minLength: 1, maxLength: 40 }),
    atAdmission: Type.Boolean(),
    everyDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);

export const MeasureSchedule = Type.Object({
  programId: Id,
  programName: Type.String(),
  entries: Type.Array(ScheduleEntry),
  /** Send it back with a change: a schedule changed by someone else in between is refused (409). */
  revision: Type.String(),
});
export type MeasureSchedule = Static<typeof MeasureSchedule>;

export const UpdateMeasureScheduleBody = Type.Object(
  {
    revision: Type.String({ minLength: 1, maxLength: 40 }),
    entries: Type.Array(ScheduleEntry, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type UpdateMeasureScheduleBody = Static<typeof UpdateMeasureScheduleBody>;

// --- Safety assessments --------------------------------------------------------------------------

export const SAFETY_OUTCOMES = ['safety_plan', 'emergency_action'] as const;
export type SafetyOutcome = (typeof SAFETY_OUTCOMES)[number];
export const SAFETY_OUTCOME_LABELS: Readonly<Record<SafetyOutcome, string>> = {
  safety_plan: 'Risk assessed; safety plan made',
  emergency_action: 'Emergency action taken',
};

export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent',
};

export const CreateSafetyAssessmentBody = Type.Object(
  {
    alertId: Type.Optional(Id),
    outcome: StringEnum(SAFETY_OUTCOMES),
    riskLevel: Type.Optional(StringEnum(RISK_LEVELS)),
    assessment: NonEmpty(4000, 'The suicide-risk assessment: what was asked, what was found'),
    safetyPlan: Type.Optional(Type.String({ maxLength: 4000 })),
    emergencyAction: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateSafetyAssessmentBody = Static<typeof CreateSafetyAssessmentBody>;

export const SafetyAssessment = Type.Object({
  id: Id,
  patientId: Id,
  alertId: Nullable(Id),
  outcome: StringEnum(SAFETY_OUTCOMES),
  riskLevel: Nullable(StringEnum(RISK_LEVELS)),
  assessment: Type.String(),
  safetyPlan: Nullable(Type.String()),
  emergencyAction: Nullable(Type.String()),
  documentedBy: StaffRef,
  documentedAt: IsoInstant,
});
export type SafetyAssessment = Static<typeof SafetyAssessment>;
