import { type Static, Type } from '@sinclair/typebox';
import { DIMENSION_IDS } from '../placement/ruleTable.js';
import { SESSION_KINDS } from '../schedule/recurrence.js';
import { Id, IsoDate, IsoInstant, Nullable, Problem, StringEnum, Version } from './common.js';
import { SignatureProof, SignatureView } from './signing.js';

/**
 * Treatment plans (SPEC §8): problems linked to placement dimensions and diagnoses → goals in the
 * patient's own words → measurable objectives with target dates → interventions. A draft may be
 * incomplete while it is written; what signing needs is checked by `planSignProblems`.
 */

/** Interventions use the scheduler's session kinds, so a signed plan can tell it what to book. */
export const PLAN_MODALITIES = SESSION_KINDS;
export const PlanModality = StringEnum(PLAN_MODALITIES, {
  description: 'Kind of session, as the schedule names it',
});
export type PlanModality = Static<typeof PlanModality>;

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });

export const PlanIntervention = Type.Object(
  {
    id: Id,
    description: Text(500, 'What staff will do, e.g. "Relapse prevention group"'),
    modality: PlanModality,
    frequency: Text(100, 'How often, e.g. "3 times a week"'),
    responsibleUserId: Nullable(Id),
  },
  { additionalProperties: false },
);
export type PlanIntervention = Static<typeof PlanIntervention>;

export const PlanObjective = Type.Object(
  {
    id: Id,
    statement: Text(1000, 'Measurable: what the patient will do, how much, by when'),
    targetDate: Nullable(IsoDate),
    interventions: Type.Array(PlanIntervention, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type PlanObjective = Static<typeof PlanObjective>;

export const PlanGoal = Type.Object(
  {
    id: Id,
    statement: Text(1000, "In the patient's own words"),
    /** A template's question that helps the patient put the goal in words; not part of the goal. */
    prompt: Type.Optional(Text(300)),
    objectives: Type.Array(PlanObjective, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type PlanGoal = Static<typeof PlanGoal>;

export const PlanProblem = Type.Object(
  {
    id: Id,
    statement: Text(1000),
    dimensions: Type.Array(StringEnum(DIMENSION_IDS), { maxItems: 6 }),
    diagnosisIds: Type.Array(Id, { maxItems: 12 }),
    goals: Type.Array(PlanGoal, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type PlanProblem = Static<typeof PlanProblem>;

export const PlanContent = Type.Object(
  { problems: Type.Array(PlanProblem, { maxItems: 30 }) },
  { additionalProperties: false },
);
export type PlanContent = Static<typeof PlanContent>;

export const PROGRESS_STATUSES = ['met', 'progressing', 'not_met', 'revised'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** A review's judgement of one objective of the version it reviews. */
export const ObjectiveProgress = Type.Object(
  {
    objectiveId: Id,
    status: Nullable(StringEnum(PROGRESS_STATUSES)),
    comment: Text(2000),
  },
  { additionalProperties: false },
);
export type ObjectiveProgress = Static<typeof ObjectiveProgress>;

/** A signed note that addressed an objective (SPEC §7: "plan reviews show them"). */
export const AddressingNote = Type.Object({
  noteId: Id,
  serviceDate: IsoDate,
  title: Type.String(),
  noteType: Type.String(),
  authorName: Type.String(),
});
export type AddressingNote = Static<typeof AddressingNote>;

/** An objective of the reviewed version with its goal and problem, and the notes since it was signed. */
export const ReviewedObjective = Type.Object({
  objectiveId: Id,
  statement: Type.String(),
  targetDate: Nullable(IsoDate),
  goal: Type.String(),
  problem: Type.String(),
  /** Null when the caller's role may not read notes. */
  notes: Nullable(Type.Array(AddressingNote)),
});
export type ReviewedObjective = Static<typeof ReviewedObjective>;

export const PLAN_VERSION_KINDS = ['initial', 'review'] as const;
export type PlanVersionKind = (typeof PLAN_VERSION_KINDS)[number];

export const PlanVersion = Type.Object({
  id: Id,
  planId: Id,
  number: Type.Integer({ minimum: 1 }),
  kind: StringEnum(PLAN_VERSION_KINDS),
  status: StringEnum(['draft', 'signed'] as const),
  content: PlanContent,
  progress: Type.Array(ObjectiveProgress),
  /** For a review: the signed version it reviews, its objectives and the notes that addressed them. */
  reviewOf: Nullable(
    Type.Object({
      versionId: Id,
      number: Type.Integer(),
      signedAt: IsoInstant,
      objectives: Type.Array(ReviewedObjective),
    }),
  ),
  authorName: Type.String(),
  updatedByName: Type.String(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  signedAt: Nullable(IsoInstant),
  needsCosignature: Type.Boolean(),
  cosignerName: Nullable(Type.String()),
  cosignedAt: Nullable(IsoInstant),
  patientSignedAt: Nullable(IsoInstant),
  signatures: Type.Array(SignatureView),
  /** Names of the staff the interventions name as responsible, by user id. */
  staffNames: Type.Record(Type.String(), Type.String()),
  version: Version,
});
export type PlanVersion = Static<typeof PlanVersion>;

export const PlanVersionSummary = Type.Object({
  id: Id,
  number: Type.Integer(),
  kind: StringEnum(PLAN_VERSION_KINDS),
  status: StringEnum(['draft', 'signed'] as const),
  authorName: Type.String(),
  updatedAt: IsoInstant,
  signedAt: Nullable(IsoInstant),
  needsCosignature: Type.Boolean(),
  cosignedAt: Nullable(IsoInstant),
  patientSignedAt: Nullable(IsoInstant),
});
export type PlanVersionSummary = Static<typeof PlanVersionSummary>;

export const PLAN_DUE_KINDS = ['initial', 'review', 'segment_change'] as const;
export const PLAN_DUE_STATUSES = ['overdue', 'due', 'upcoming'] as const;

export const PlanDueView = Type.Object({
  kind: StringEnum(PLAN_DUE_KINDS),
  dueOn: IsoDate,
  status: StringEnum(PLAN_DUE_STATUSES),
  reason: Type.String(),
});
export type PlanDueView = Static<typeof PlanDueView>;

/** The chart's treatment-plan tab: the current signed version, the draft, the history. */
export const TreatmentPlanOverview = Type.Object({
  planId: Nullable(Id),
  episodeId: Nullable(Id),
  current: Nullable(PlanVersion),
  draft: Nullable(PlanVersion),
  versions: Type.Array(PlanVersionSummary),
  due: Nullable(PlanDueView),
  mayWrite: Type.Boolean(),
  /** Why the caller could not sign a plan today (role, licence), or null when they may. */
  maySignReason: Nullable(Type.String()),
  /** The caller is the supervisor who co-signs the current version. */
  mayCosign: Type.Boolean(),
  patientName: Type.String(),
});
export type TreatmentPlanOverview = Static<typeof TreatmentPlanOverview>;

export const PLAN_STARTS = ['blank', 'placement', 'review'] as const;
export const StartPlanBody = Type.Object(
  {
    startFrom: StringEnum(PLAN_STARTS, {
      description:
        'An empty plan, problems from the latest signed placement, or a review of the current version',
    }),
  },
  { additionalProperties: false },
);
export type StartPlanBody = Static<typeof StartPlanBody>;

export const SaveDraftBody = Type.Object(
  {
    version: Version,
    content: PlanContent,
    progress: Type.Optional(Type.Array(ObjectiveProgress, { maxItems: 400 })),
  },
  { additionalProperties: false },
);
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const PlanVersionParams = Type.Object({ id: Id, versionId: Id });

export const SignPlanBody = Type.Object(
  { version: Version, proof: SignatureProof },
  { additionalProperties: false },
);
export type SignPlanBody = Static<typeof SignPlanBody>;

export const CosignPlanBody = Type.Object({ proof: SignatureProof }, { additionalProperties: false });
export type CosignPlanBody = Static<typeof CosignPlanBody>;

export const PatientSignatureBody = Type.Object(
  {
    typedName: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The patient types their name on the device',
    }),
    agreed: Type.Literal(true, { description: 'The patient has read the plan and agrees to it' }),
  },
  { additionalProperties: false },
);
export type PatientSignatureBody = Static<typeof PatientSignatureBody>;

/** A stale save: the problem, plus the version now stored, so the editor can show both. */
export const StalePlanProblem = Type.Object({ ...Problem.properties, current: Type.Optional(PlanVersion) });

/** Problems suggested from the latest signed placement assessment, for the editor to add. */
export const PlacementSuggestions = Type.Object({
  assessmentId: Nullable(Id),
  signedAt: Nullable(IsoInstant),
  problems: Type.Array(PlanProblem),
  note: Type.String(),
});
export type PlacementSuggestions = Static<typeof PlacementSuggestions>;

export const CurrentObjective = Type.Object({
  objectiveId: Id,
  statement: Type.String(),
  targetDate: Nullable(IsoDate),
  goal: Type.String(),
  problem: Type.String(),
});
export type CurrentObjective = Static<typeof CurrentObjective>;

export const CurrentObjectives = Type.Object({
  planVersionId: Nullable(Id),
  items: Type.Array(CurrentObjective),
  /** Objectives a review has since removed, in their last wording: a draft may still link one. */
  removed: Type.Array(CurrentObjective),
});
export type CurrentObjectives = Static<typeof CurrentObjectives>;

export const PlanDueItem = Type.Object({
  patientId: Id,
  patientName: Type.String(),
  mrn: Type.String(),
  clinicianName: Type.String(),
  kind: StringEnum(PLAN_DUE_KINDS),
  dueOn: IsoDate,
  status: StringEnum(PLAN_DUE_STATUSES),
  reason: Type.String(),
  draftInProgress: Type.Boolean(),
});
export type PlanDueItem = Static<typeof PlanDueItem>;

export const PlanDueList = Type.Object({ items: Type.Array(PlanDueItem) });
export type PlanDueList = Static<typeof PlanDueList>;

// --- Template library ---------------------------------------------------------------------------

export const TemplateIntervention = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    modality: PlanModality,
    frequency: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export const TemplateObjective = Type.Object(
  {
    statement: Type.String({ minLength: 1, maxLength: 1000 }),
    targetDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Target date: this many days after the plan is started',
    }),
    interventions: Type.Array(TemplateIntervention, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export const TemplateGoal = Type.Object(
  {
    prompt: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'A question that helps the patient put the goal in their own words',
    }),
    objectives: Type.Array(TemplateObjective, { maxItems: 12 }),
  },
  { additionalProperties: false },
);
export const PlanTemplateContent = Type.Object(
  {
    problem: Type.String({ minLength: 1, maxLength: 1000 }),
    goals: Type.Array(TemplateGoal, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type PlanTemplateContent = Static<typeof PlanTemplateContent>;

export const PlanTemplate = Type.Object({
  id: Id,
  key: Type.String(),
  name: Type.String(),
  dimension: StringEnum(DIMENSION_IDS),
  content: PlanTemplateContent,
  active: Type.Boolean(),
  updatedAt: IsoInstant,
  version: Version,
});
export type PlanTemplate = Static<typeof PlanTemplate>;

export const PlanTemplateList = Type.Object({ items: Type.Array(PlanTemplate), mayEdit: Type.Boolean() });
export type PlanTemplateList = Static<typeof PlanTemplateList>;

export const CreatePlanTemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    dimension: StringEnum(DIMENSION_IDS),
    content: PlanTemplateContent,
  },
  { additionalProperties: false },
);
export type CreatePlanTemplateBody = Static<typeof CreatePlanTemplateBody>;

export const UpdatePlanTemplateBody = Type.Object(
  {
    version: Version,
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    dimension: StringEnum(DIMENSION_IDS),
    content: PlanTemplateContent,
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type UpdatePlanTemplateBody = Static<typeof UpdatePlanTemplateBody>;
