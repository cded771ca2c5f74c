import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { LEVELS_OF_CARE } from '../care/levels.js';
import { CONSIDERATION_CODES, DIAGNOSIS_SPECIFIERS, PLACEMENT_LEVELS } from '../placement/placementTypes.js';
import { WITHDRAWAL_MANAGEMENT_LEVELS } from '../placement/ruleTable.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum, Version } from './common.js';
import { StaffRef } from './patients.js';

/**
 * Request and response schemas of placement (SPEC §3): evaluating ratings, the guided assessment
 * stored under a patient or an inquiry, the versioned rule table, referrals out and the overrides report.
 */

// --- Vocabulary ----------------------------------------------------------------------------------

export const PlacementLevelSchema = StringEnum(PLACEMENT_LEVELS, {
  description: 'NONE (no SUD level) < OP < IOP < PHP < RES < INP < EMERGENCY',
});
export const CareLevelSchema = StringEnum(LEVELS_OF_CARE);
export const WithdrawalSchema = StringEnum(WITHDRAWAL_MANAGEMENT_LEVELS);
const SeveritySchema = StringEnum(['none', 'mild', 'moderate', 'severe'] as const);
const RatingSchema = Type.Integer({ minimum: 0, maximum: 4, description: '0 none … 4 severe/imminent' });

const perDimension = <T extends TSchema>(schema: T) =>
  Type.Object({ d1: schema, d2: schema, d3: schema, d4: schema, d5: schema, d6: schema });
const perDimensionOptional = <T extends TSchema>(schema: T) =>
  Type.Object(
    {
      d1: Type.Optional(schema),
      d2: Type.Optional(schema),
      d3: Type.Optional(schema),
      d4: Type.Optional(schema),
      d5: Type.Optional(schema),
      d6: Type.Optional(schema),
    },
    { additionalProperties: false },
  );

export const Ratings = Type.Object(
  {
    d1: RatingSchema,
    d2: RatingSchema,
    d3: RatingSchema,
    d4: RatingSchema,
    d5: RatingSchema,
    d6: RatingSchema,
  },
  { additionalProperties: false, description: 'One rating per dimension' },
);
export type Ratings = Static<typeof Ratings>;

export const PlacementFlagsSchema = Type.Object(
  {
    needs24HourSupervision: Type.Optional(Type.Boolean()),
    imminentDanger: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PlacementFlagsBody = Static<typeof PlacementFlagsSchema>;

export const PreferredScheduleSchema = StringEnum(['day', 'evening', 'either'] as const);
export const CoverageSchema = StringEnum(['verified', 'unverified', 'none', 'self_pay'] as const);
export const ResponsibilitySchema = StringEnum(['work', 'school', 'caregiving'] as const);

/** The seeds' decision factors; they shape the plan (considerations), never the level. */
export const PlacementFactorsSchema = Type.Object(
  {
    preferredSchedule: Type.Optional(PreferredScheduleSchema),
    homeSafe: Type.Optional(Type.Boolean()),
    supportPresent: Type.Optional(Type.Boolean()),
    coverage: Type.Optional(CoverageSchema),
    relapseAfterTreatment: Type.Optional(Type.Boolean()),
    responsibilities: Type.Optional(Type.Array(ResponsibilitySchema, { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type PlacementFactorsBody = Static<typeof PlacementFactorsSchema>;

const Dsm5Criteria = Type.Integer({
  minimum: 0,
  maximum: 11,
  description: 'DSM-5 SUD criteria met in the past 12 months: 2–3 mild, 4–5 moderate, 6+ severe',
});

// --- Evaluate ------------------------------------------------------------------------------------

export const EvaluateBody = Type.Object(
  {
    ratings: Ratings,
    flags: Type.Optional(PlacementFlagsSchema),
    dsm5Criteria: Type.Optional(Dsm5Criteria),
    continuingCare: Type.Optional(
      Type.Boolean({ description: 'A reassessment inside an open episode of care' }),
    ),
    diagnosisSpecifier: Type.Optional(StringEnum(DIAGNOSIS_SPECIFIERS)),
    factors: Type.Optional(PlacementFactorsSchema),
  },
  { additionalProperties: false },
);
export type EvaluateBody = Static<typeof EvaluateBody>;

/**
 * One reason the level is what it is. The kinds of the core's discriminated union share one flat
 * object here: a response serializer picks a branch of an `anyOf` by validating each, which the
 * evaluate route cannot afford.
 */
const PlacementDriverSchema = Type.Object({
  kind: StringEnum(['dimension', 'flag', 'criteria'] as const),
  dimension: Type.Optional(StringEnum(['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const)),
  rating: Type.Optional(Type.Integer()),
  flag: Type.Optional(StringEnum(['needs24HourSupervision', 'imminentDanger'] as const)),
  minimumLevel: Type.Optional(PlacementLevelSchema),
  withdrawalManagement: Type.Optional(WithdrawalSchema),
  dsm5Criteria: Type.Optional(Type.Integer()),
  reason: Type.String(),
});

const DimensionMinimumSchema = Type.Object({
  rating: Type.Integer(),
  minimumLevel: CareLevelSchema,
  withdrawalManagement: WithdrawalSchema,
});

export const PlacementResultSchema = Type.Object({
  level: PlacementLevelSchema,
  withdrawalManagement: WithdrawalSchema,
  severity: Nullable(SeveritySchema),
  drivers: Type.Array(PlacementDriverSchema),
  notLower: Type.Array(Type.String(), { description: 'Why a lower level is not enough' }),
  notHigher: Type.Array(Type.String(), { description: 'Why a higher level is not needed' }),
  considerations: Type.Array(Type.Object({ code: StringEnum(CONSIDERATION_CODES), text: Type.String() })),
  dimensions: perDimension(DimensionMinimumSchema),
  tableVersion: Type.String(),
});
export type PlacementResultView = Static<typeof PlacementResultSchema>;

// --- Rule table ----------------------------------------------------------------------------------

const RuleCellSchema = Type.Object(
  { level: CareLevelSchema, withdrawalManagement: Type.Optional(WithdrawalSchema) },
  { additionalProperties: false },
);
// Exactly five cells: checked by validateRuleTable, which names the row ('/rows/d2 must list exactly 5 cells').
const RuleRowSchema = Type.Array(RuleCellSchema, {
  maxItems: 5,
  description: 'The minimum level (and WM need) for ratings 0 to 4, five cells; may not decrease',
});
const RuleRowsSchema = Type.Object(
  {
    d1: RuleRowSchema,
    d2: RuleRowSchema,
    d3: RuleRowSchema,
    d4: RuleRowSchema,
    d5: RuleRowSchema,
    d6: RuleRowSchema,
  },
  { additionalProperties: false },
);

export const RuleTableSchema = Type.Object({
  version: Type.String(),
  rows: RuleRowsSchema,
  /** Null for the built-in default table. */
  createdAt: Nullable(IsoInstant),
  createdBy: Nullable(StaffRef),
  isDefault: Type.Boolean(),
});
export type RuleTable = Static<typeof RuleTableSchema>;

export const PutRuleTableBody = Type.Object(
  {
    basedOn: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'The version you edited; refused with 409 when another edit came first',
    }),
    version: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
        description: 'A name for the new version; generated when left out',
      }),
    ),
    rows: RuleRowsSchema,
  },
  { additionalProperties: false },
);
export type PutRuleTableBody = Static<typeof PutRuleTableBody>;

// --- Questions -----------------------------------------------------------------------------------

const QuestionSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  answer: Type.Object({
    type: StringEnum(['yes_no', 'choice'] as const),
    /** yes_no: the least rating a "yes" points to. */
    yes: Type.Optional(Type.Integer()),
    no: Type.Optional(Type.Integer()),
    options: Type.Optional(
      Type.Array(Type.Object({ id: Type.String(), text: Type.String(), suggests: Type.Integer() })),
    ),
  }),
});

export const PlacementQuestions = Type.Object({
  dimensions: Type.Array(
    Type.Object({
      id: StringEnum(['d1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const),
      number: Type.Integer(),
      label: Type.String(),
      questions: Type.Array(QuestionSchema),
      anchors: Type.Array(Type.String(), { description: 'What ratings 0 to 4 mean, by index' }),
      measures: Type.Array(Type.String(), { description: 'Intake measures that feed the suggestion' }),
    }),
  ),
  table: RuleTableSchema,
});
export type PlacementQuestions = Static<typeof PlacementQuestions>;

// --- Assessments ---------------------------------------------------------------------------------

export const AnswersSchema = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.Boolean(), Type.String({ maxLength: 80 })]),
  {
    maxProperties: 200,
    description: 'Question id → true/false (yes/no questions) or an option id (choice questions)',
  },
);

export const SupportingMeasuresSchema = Type.Object(
  {
    ciwaAr: Type.Optional(Type.Integer({ minimum: 0, maximum: 67, description: 'CIWA-Ar total (feeds d1)' })),
    cows: Type.Optional(Type.Integer({ minimum: 0, maximum: 48, description: 'COWS total (feeds d1)' })),
    phq9: Type.Optional(
      Type.Object(
        {
          total: Type.Integer({ minimum: 0, maximum: 27 }),
          item9: Type.Integer({ minimum: 0, maximum: 3 }),
        },
        { additionalProperties: false, description: 'PHQ-9 total and item 9 (feed d3)' },
      ),
    ),
    gad7: Type.Optional(Type.Integer({ minimum: 0, maximum: 21, description: 'GAD-7 total (feeds d3)' })),
  },
  { additionalProperties: false },
);
export type SupportingMeasuresBody = Static<typeof SupportingMeasuresSchema>;

export const PartialRatings = perDimensionOptional(RatingSchema);
export const RatingNotes = perDimensionOptional(Type.String({ maxLength: 2000 }));

const Suggestion = Type.Object({ rating: Type.Integer(), because: Type.Array(Type.String()) });

export const AssessmentKindSchema = StringEnum(['initial', 'continuing_care'] as const);
export const AssessmentStatusSchema = StringEnum(['draft', 'signed'] as const);
export const DecisionSchema = StringEnum(['accepted', 'overridden'] as const);

export const PlacementSubject = Type.Object({
  kind: StringEnum(['patient', 'inquiry'] as const),
  patientId: Nullable(Id),
  inquiryId: Nullable(Id),
});
export type PlacementSubject = Static<typeof PlacementSubject>;

export const PlacementAssessment = Type.Object({
  id: Id,
  subject: PlacementSubject,
  episodeId: Nullable(Id),
  kind: AssessmentKindSchema,
  status: AssessmentStatusSchema,
  answers: AnswersSchema,
  measures: SupportingMeasuresSchema,
  suggestions: perDimension(Suggestion),
  ratings: PartialRatings,
  ratingNotes: RatingNotes,
  flags: PlacementFlagsSchema,
  dsm5Criteria: Nullable(Type.Integer()),
  severity: Nullable(SeveritySchema),
  factors: PlacementFactorsSchema,
  result: Nullable(PlacementResultSchema),
  tableVersion: Nullable(Type.String()),
  recommendedLevel: Nullable(PlacementLevelSchema),
  decision: Nullable(DecisionSchema),
  finalLevel: Nullable(PlacementLevelSchema),
  overrideReason: Nullable(Type.String()),
  draftedBy: StaffRef,
  signedBy: Nullable(StaffRef),
  signedAt: Nullable(IsoInstant),
  appliedSegmentId: Nullable(Type.String()),
  /** Continuing care: the level of the open episode's current segment, to compare with the decision. */
  currentLevel: Nullable(CareLevelSchema),
  /** Whether the caller may sign this draft now (role, credentials, licence); the sign route decides again. */
  maySign: Type.Boolean(),
  maySignReason: Nullable(Type.String()),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type PlacementAssessment = Static<typeof PlacementAssessment>;

export const AssessmentParams = Type.Object({ id: Id, assessmentId: Id });

export const CreateAssessmentBody = Type.Object(
  {
    answers: Type.Optional(AnswersSchema),
    measures: Type.Optional(SupportingMeasuresSchema),
    factors: Type.Optional(PlacementFactorsSchema),
    dsm5Criteria: Type.Optional(Nullable(Dsm5Criteria)),
  },
  { additionalProperties: false },
);
export type CreateAssessmentBody = Static<typeof CreateAssessmentBody>;

/** Each field given replaces the stored one whole; fields left out are kept. */
export const UpdateAssessmentBody = Type.Object(
  {
    version: Version,
    answers: Type.Optional(AnswersSchema),
    measures: Type.Optional(SupportingMeasuresSchema),
    ratings: Type.Optional(PartialRatings),
    ratingNotes: Type.Optional(RatingNotes),
    flags: Type.Optional(PlacementFlagsSchema),
    dsm5Criteria: Type.Optional(Nullable(Dsm5Criteria)),
    factors: Type.Optional(PlacementFactorsSchema),
  },
  { additionalProperties: false },
);
export type UpdateAssessmentBody = Static<typeof UpdateAssessmentBody>;

export const SignAssessmentBody = Type.Object(
  {
    version: Version,
    decision: DecisionSchema,
    finalLevel: Type.Optional(PlacementLevelSchema),
    overrideReason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type SignAssessmentBody = Static<typeof SignAssessmentBody>;

export const ApplyAssessmentBody = Type.Object(
  {
    version: Version,
    programId: Id,
    trackId: Type.Optional(Nullable(Id)),
    startOn: IsoDate,
    backdateReason: Type.Optional(NonEmpty(500)),
  },
  { additionalProperties: false },
);
export type ApplyAssessmentBody = Static<typeof ApplyAssessmentBody>;

// --- Referrals out -------------------------------------------------------------------------------

export const ReferralStatusSchema = StringEnum(['draft', 'blocked_no_consent', 'sent'] as const);

export const ReferralOut = Type.Object({
  id: Id,
  subject: PlacementSubject,
  assessmentId: Nullable(Id),
  toOrganization: Type.String(),
  level: CareLevelSchema,
  status: ReferralStatusSchema,
  statusReason: Nullable(Type.String()),
  createdBy: StaffRef,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Type.Integer(),
});
export type ReferralOut = Static<typeof ReferralOut>;

export const ReferralParams = Type.Object({ id: Id, referralId: Id });

export const CreateReferralBody = Type.Object(
  {
    toOrganization: NonEmpty(200, 'The program or provider the person is referred to'),
    level: CareLevelSchema,
    assessmentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type CreateReferralBody = Static<typeof CreateReferralBody>;

export const SendReferralBody = Type.Object({ version: Version }, { additionalProperties: false });
export type SendReferralBody = Static<typeof SendReferralBody>;

// --- Overrides report ----------------------------------------------------------------------------

export const OverrideReportQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type OverrideReportQuery = Static<typeof OverrideReportQuery>;

export const OverrideReportRow = Type.Object({
  assessmentId: Id,
  subject: PlacementSubject,
  name: Type.String({ description: "The patient's or inquirer's name" }),
  siteId: Id,
  kind: AssessmentKindSchema,
  recommendedLevel: PlacementLevelSchema,
  finalLevel: PlacementLevelSchema,
  overrideReason: Type.String(),
  tableVersion: Type.String(),
  signedBy: StaffRef,
  signedAt: IsoInstant,
});
export type OverrideReportRow = Static<typeof OverrideReportRow>;

export const OverrideReport = Type.Object({
  items: Type.Array(OverrideReportRow),
  total: Type.Integer({ description: 'Overrides matching the filters, shown or not' }),
  signedTotal: Type.Integer({
    description: 'Signed assessments matching the filters: the override rate base',
  }),
});
export type OverrideReport = Static<typeof OverrideReport>;
