import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { decideInquiryAccess } from '../../core/access/inquiryPolicy.js';
import { decidePatientAccess, type PatientAccessFacts, roleMay } from '../../core/access/patientPolicy.js';
import type {
  ApplyAssessmentBody,
  CreateAssessmentBody,
  OverrideReport,
  OverrideReportQuery,
  PlacementAssessment,
  PlacementSubject,
  SignAssessmentBody,
  UpdateAssessmentBody,
} from '../../core/api/placement.js';
import type { Episode } from '../../core/api/patients.js';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../core/care/levels.js';
import { continuingCareSpecifier } from '../../core/diagnoses/continuingCare.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import {
  findQuestion,
  type RatingSuggestion,
  suggestRating,
  type SupportingMeasures,
} from '../../core/placement/dimensionQuestions.js';
import { placeLevelOfCare } from '../../core/placement/placeLevelOfCare.js';
import type {
  DiagnosisSpecifier,
  PlacementFactors,
  PlacementFlags,
  PlacementLevel,
  PlacementResult,
} from '../../core/placement/placementTypes.js';
import { DIMENSION_IDS, type Dimension, isRating, type Rating } from '../../core/placement/ruleTable.js';
import { severityFromCriteria } from '../../core/placement/severity.js';
import {
  checkSignatureChoice,
  maySignPlacement,
  missingRatings,
  NO_SIGNING_CREDENTIALS,
  OVERRIDE_REPORT_ROLES,
  ROLE_DOES_NOT_SIGN,
  type PartialRatings,
  type RatingNotes,
  ratingNoteProblems,
} from '../../core/placement/signing.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database, PlacementAssessmentsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, denyAndAudit } from './access.js';
import { changeSegment } from './episodes.js';
import { authorizeInquiry, type InquiryRow } from './inquiries.js';
import { ruleTableForSigning } from './placementRules.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Placement assessments (SPEC §3) live under a patient or an inquiry. Intake coordinators screen and
 * draft; a clinician whose credentials allow it signs the ratings and the acceptance or override.
 *
 * An assessment drafted on an inquiry follows the person when the inquiry becomes a patient: the
 * patient's list includes assessments of inquiries converted to that patient (inquiries.patient_id),
 * and the first write through the chart stamps the assessment's own patient_id. Conversion may also
 * call `movePlacementToPatient` inside its transaction to stamp them at once. After conversion the
 * inquiry's routes still read them, but writes go through the chart.
 */
export type Subject = { kind: 'patient'; patientId: string } | { kind: 'inquiry'; inquiryId: string };

// ---------------------------------------------------------------------------------------------
// Stored JSON
// ---------------------------------------------------------------------------------------------

type Answers = Record<string, boolean | string>;

const parseObject = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
};

const dimensionOf = (questionId: string): Dimension | null => {
  const prefix = questionId.slice(0, 2);
  return (DIMENSION_IDS as readonly string[]).includes(prefix) &&
    findQuestion(prefix as Dimension, questionId)
    ? (prefix as Dimension)
    : null;
};

/** Answers grouped by dimension, keeping only those the question bank still knows (for display). */
const answersByDimension = (
  answers: Answers,
  strict: boolean,
): Record<Dimension, Record<string, boolean | string>> => {
  const grouped = Object.fromEntries(DIMENSION_IDS.map((d) => [d, {}])) as Record<
    Dimension,
    Record<string, boolean | string>
  >;
  for (const [id, value] of Object.entries(answers)) {
    const dimension = dimensionOf(id);
    if (!dimension) continue;
    if (!strict) {
      const question = findQuestion(dimension, id);
      const spec = question?.answer;
      const valid =
        spec?.type === 'yes_no'
          ? typeof value === 'boolean'
          : spec?.type === 'choice' && spec.options.some((o) => o.id === value);
      if (!valid) continue;
    }
    grouped[dimension][id] = value;
  }
  return grouped;
};

/** Suggested ratings from answers and intake measures; the clinician decides. */
const suggestionsFor = (
  answers: Answers,
  measures: SupportingMeasures,
): Record<Dimension, RatingSuggestion> => {
  const grouped = answersByDimension(answers, false);
  const out = {} as Record<Dimension, RatingSuggestion>;
  for (const dimension of DIMENSION_IDS) {
    try {
      out[dimension] = suggestRating(dimension, grouped[dimension], measures);
    } catch {
      out[dimension] = suggestRating(dimension, grouped[dimension]);
    }
  }
  return out;
};

/** Validates answers and measures as a write would store them; 400 naming each field. */
const checkAnswers = (
  answers: Answers,
  measures: SupportingMeasures,
): Record<Dimension, RatingSuggestion> => {
  const fields: FieldError[] = [];
  for (const id of Object.keys(answers)) {
    if (!dimensionOf(id)) fields.push({ field: `/answers/${id}`, message: 'is not a known question' });
  }
  const grouped = answersByDimension(answers, true);
  const out = {} as Record<Dimension, RatingSuggestion>;
  for (const dimension of DIMENSION_IDS) {
    try {
      out[dimension] = suggestRating(dimension, grouped[dimension], measures);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const f of error.fields) if (!fields.some((x) => x.field === f.field)) fields.push(f);
    }
  }
  if (fields.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'Some answers or measures are not valid.', { fields });
  return out;
};

const suggestedRatings = (suggestions: Record<Dimension, RatingSuggestion>): Record<Dimension, Rating> =>
  Object.fromEntries(DIMENSION_IDS.map((d) => [d, suggestions[d].rating])) as Record<Dimension, Rating>;

const cleanRatings = (value: Record<string, unknown>): PartialRatings => {
  const out: PartialRatings = {};
  for (const d of DIMENSION_IDS) {
    const r = value[d];
    if (isRating(r)) out[d] = r;
  }
  return out;
};

const cleanNotes = (value: Record<string, unknown>): RatingNotes => {
  const out: RatingNotes = {};
  for (const d of DIMENSION_IDS) {
    const note = value[d];
    if (typeof note === 'string' && note.trim() !== '') out[d] = note.trim();
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Presenting
// ---------------------------------------------------------------------------------------------

const ASSESSMENT_COLUMNS = [
  'a.id',
  'a.inquiry_id',
  'a.patient_id',
  'a.episode_id',
  'a.kind',
  'a.status',
  'a.answers',
  'a.ratings',
  'a.rating_notes',
  'a.flags',
  'a.dsm5_criteria',
  'a.factors',
  'a.measures',
  'a.result',
  'a.table_version',
  'a.recommended_level',
  'a.decision',
  'a.final_level',
  'a.override_reason',
  'a.drafted_by',
  'a.signed_by',
  'a.signed_at',
  'a.applied_segment_id',
  'a.created_at',
  'a.updated_at',
  'a.version',
  'd.display_name as drafted_by_name',
  's.display_name as signed_by_name',
  'i.patient_id as inquiry_patient_id',
] as const;

const selectAssessments = (db: Executor) =>
  db
    .selectFrom('placement_assessments as a')
    .innerJoin('users as d', 'd.id', 'a.drafted_by')
    .leftJoin('users as s', 's.id', 'a.signed_by')
    .leftJoin('inquiries as i', 'i.id', 'a.inquiry_id')
    .select(ASSESSMENT_COLUMNS);

type AssessmentRow = PlacementAssessmentsTable & {
  drafted_by_name: string;
  signed_by_name: string | null;
  inquiry_patient_id: string | null;
};

const subjectOf = (
  row: Pick<AssessmentRow, 'inquiry_id' | 'patient_id' | 'inquiry_patient_id'>,
): PlacementSubject => ({
  kind: row.inquiry_id !== null ? 'inquiry' : 'patient',
  patientId: row.patient_id ?? row.inquiry_patient_id,
  inquiryId: row.inquiry_id,
});

/** Whether the caller could sign (shown beside the form; the sign route decides again and audits a refusal). */
interface Outlook {
  maySign: boolean;
  maySignReason: string | null;
}

const presentAssessment = (
  row: AssessmentRow,
  currentLevel: LevelOfCare | null,
  outlook: Outlook,
): PlacementAssessment => {
  const answers = parseObject<Answers>(row.answers, {});
  const measures = parseObject<SupportingMeasures>(row.measures, {});
  return {
    id: row.id,
    subject: subjectOf(row),
    episodeId: row.episode_id,
    kind: row.kind as PlacementAssessment['kind'],
    status: row.status as PlacementAssessment['status'],
    answers,
    measures,
    suggestions: suggestionsFor(answers, measures),
    ratings: cleanRatings(parseObject<Record<string, unknown>>(row.ratings, {})),
    ratingNotes: cleanNotes(parseObject<Record<string, unknown>>(row.rating_notes, {})),
    flags: parseObject<PlacementFlags>(row.flags, {}),
    dsm5Criteria: row.dsm5_criteria,
    severity: row.dsm5_criteria !== null ? severityFromCriteria(row.dsm5_criteria) : null,
    factors: parseObject<PlacementFactors>(row.factors, {}) as PlacementAssessment['factors'],
    result: row.result !== null ? parseObject<PlacementResult | null>(row.result, null) : null,
    tableVersion: row.table_version,
    recommendedLevel: row.recommended_level as PlacementLevel | null,
    decision: row.decision as PlacementAssessment['decision'],
    finalLevel: row.final_level as PlacementLevel | null,
    overrideReason: row.override_reason,
    draftedBy: { id: row.drafted_by, displayName: row.drafted_by_name },
    signedBy:
      row.signed_by !== null
        ? { id: row.signed_by, displayName: row.signed_by_name ?? 'Unknown user' }
        : null,
    signedAt: row.signed_at,
    appliedSegmentId: row.applied_segment_id,
    currentLevel,
    maySign: outlook.maySign && row.status === 'draft',
    maySignReason: row.status === 'draft' ? outlook.maySignReason : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
};

/** The level of each open episode's current segment. */
const currentLevels = async (
  db: Executor,
  episodeIds: readonly string[],
): Promise<Map<string, LevelOfCare>> => {
  if (episodeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('enrolment_segments as s')
    .innerJoin('episodes as e', 'e.id', 's.episode_id')
    .select(['s.episode_id', 's.level_of_care'])
    .where('s.episode_id', 'in', [...new Set(episodeIds)])
    .where('s.end_on', 'is', null)
    .where('e.status', '=', 'open')
    .execute();
  return new Map(rows.map((r) => [r.episode_id, r.level_of_care as LevelOfCare]));
};

const presentRows = async (
  db: Executor,
  rows: AssessmentRow[],
  outlook: Outlook,
): Promise<PlacementAssessment[]> => {
  const levels = await currentLevels(
    db,
    rows.flatMap((r) => (r.episode_id !== null ? [r.episode_id] : [])),
  );
  return rows.map((r) =>
    presentAssessment(r, r.episode_id !== null ? (levels.get(r.episode_id) ?? null) : null, outlook),
  );
};

/** Rows of a subject: a patient's own and those of inquiries converted to the patient. */
const whereSubject = (db: Executor, subject: Subject) => {
  const query = selectAssessments(db);
  if (subject.kind === 'inquiry') return query.where('a.inquiry_id', '=', subject.inquiryId);
  return query.where((eb) =>
    eb.or([
      eb('a.patient_id', '=', subject.patientId),
      eb.and([eb('a.patient_id', 'is', null), eb('i.patient_id', '=', subject.patientId)]),
    ]),
  );
};

const loadRow = async (db: Executor, subject: Subject, assessmentId: string): Promise<AssessmentRow> => {
  const row = await whereSubject(db, subject).where('a.id', '=', assessmentId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such placement assessment.');
  return row;
};

const loadPresented = async (db: Executor, subject: Subject, assessmentId: string, outlook: Outlook) =>
  (await presentRows(db, [await loadRow(db, subject, assessmentId)], outlook))[0] as PlacementAssessment;

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

type Need = 'read' | 'draft' | 'sign';

interface Access {
  /** Patients the audit event names. */
  patientIds: string[];
  siteId: string;
  inquiry: InquiryRow | null;
  /** The policy's facts, for a patient. */
  facts: PatientAccessFacts | null;
}

const PATIENT_ACTION = { read: 'placement.read', draft: 'placement.draft', sign: 'placement.sign' } as const;

const authorizeSubject = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  need: Need,
): Promise<Access> => {
  if (subject.kind === 'patient') {
    const { facts } = await authorizePatient(deps, ctx, subject.patientId, PATIENT_ACTION[need]);
    return { patientIds: [subject.patientId], siteId: facts.siteId, inquiry: null, facts };
  }
  const inquiry = await authorizeInquiry(
    deps,
    ctx,
    subject.inquiryId,
    need === 'read' ? 'inquiry.read' : 'inquiry.write',
  );
  return {
    patientIds: inquiry.patient_id !== null ? [inquiry.patient_id] : [],
    siteId: inquiry.site_id,
    inquiry,
    facts: null,
  };
};

/** Inquiries are written until they become a patient; the chart carries on from there. */
const requireOpenInquiry = (access: Access): void => {
  if (access.inquiry?.patient_id)
    throw new DomainError(
      'INVALID_STATE',
      "This inquiry became a patient record; continue the placement on the patient's chart.",
    );
};

const siteToday = async (db: Executor, siteId: string, now: Date): Promise<string> => {
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  return calendarDateIn(now, site.time_zone);
};

const denyCredentials = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  patientIds: string[],
  reason: string,
): Promise<void> => {
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds,
      recordType: subject.kind,
      recordId: subject.kind === 'patient' ? subject.patientId : subject.inquiryId,
      detail: { attempted: 'placement.sign', reason },
    },
    deps.clock.now(),
  );
};

/**
 * The credential half of signing (the policy half is 'placement.sign' or, on an inquiry, the role's
 * grant of it). A caller whose role or credentials never allow signing is refused before the record
 * is looked up, so the refusal says nothing about whether the record exists.
 */
const authorizeSigning = async (deps: AppDeps, ctx: RequestContext, subject: Subject): Promise<Access> => {
  const { actor } = ctx;
  if (subject.kind === 'inquiry') {
    const roleSigns = roleMay(actor.role, 'placement.sign');
    if (!roleSigns || !actor.credentials?.maySignPlacements) {
      await denyCredentials(
        deps,
        ctx,
        subject,
        [],
        roleSigns
          ? 'credentials do not allow signing placements'
          : `role ${actor.role} may not placement.sign`,
      );
      throw new DomainError('FORBIDDEN', roleSigns ? NO_SIGNING_CREDENTIALS : ROLE_DOES_NOT_SIGN);
    }
  }
  const access = await authorizeSubject(deps, ctx, subject, 'sign');
  const today = await siteToday(deps.db.kysely, access.siteId, deps.clock.now());
  const decision = maySignPlacement(actor.credentials, today);
  if (!decision.allowed) {
    await denyCredentials(
      deps,
      ctx,
      subject,
      access.patientIds,
      decision.code === 'CREDENTIAL_EXPIRED'
        ? 'licence expired'
        : 'credentials do not allow signing placements',
    );
    throw new DomainError(decision.code, decision.reason);
  }
  return access;
};

const outlookOf = async (deps: AppDeps, ctx: RequestContext, access: Access): Promise<Outlook> => {
  const { actor } = ctx;
  const roleSigns = access.facts
    ? decidePatientAccess(actor, access.facts, 'placement.sign').allowed
    : roleMay(actor.role, 'placement.sign') &&
      decideInquiryAccess(actor, access.siteId, 'inquiry.write').allowed;
  if (!roleSigns) return { maySign: false, maySignReason: ROLE_DOES_NOT_SIGN };
  const decision = maySignPlacement(
    actor.credentials,
    await siteToday(deps.db.kysely, access.siteId, deps.clock.now()),
  );
  return decision.allowed
    ? { maySign: true, maySignReason: null }
    : { maySign: false, maySignReason: decision.reason };
};

const SIGNER: Outlook = { maySign: true, maySignReason: null };

const stale = (currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    'Someone else changed this assessment since you opened it. Reload to see their changes.',
    { extra: { currentVersion } },
  );

// ---------------------------------------------------------------------------------------------
// Prefill from what is already on file
// ---------------------------------------------------------------------------------------------

const MEASURE_LOOKBACK_DAYS = 30;

/** The newest CIWA-Ar, COWS, PHQ-9 and GAD-7 of the past 30 days, which feed dimensions 1 and 3. */
const recentMeasures = async (db: Executor, patientId: string, now: Date): Promise<SupportingMeasures> => {
  const since = new Date(now.getTime() - MEASURE_LOOKBACK_DAYS * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('measure_responses')
    .select(['id', 'instrument_code', 'total', 'administered_at'])
    .where('patient_id', '=', patientId)
    .where('instrument_code', 'in', ['ciwa-ar', 'cows', 'phq9', 'gad7'])
    .where('administered_at', '>=', since)
    .orderBy('administered_at', 'desc')
    .execute();
  const newest = (code: string) => rows.find((r) => r.instrument_code === code && r.total !== null);
  const measures: SupportingMeasures = {};
  const ciwa = newest('ciwa-ar');
  const cows = newest('cows');
  const gad = newest('gad7');
  const phq = newest('phq9');
  if (ciwa?.total != null) measures.ciwaAr = ciwa.total;
  if (cows?.total != null) measures.cows = cows.total;
  if (gad?.total != null) measures.gad7 = gad.total;
  if (phq?.total != null) {
    const item = await db
      .selectFrom('measure_response_items')
      .select('answer')
      .where('response_id', '=', phq.id)
      .where('item_number', '=', 9)
      .executeTakeFirst();
    measures.phq9 = { total: phq.total, item9: Math.min(item?.answer ?? 0, phq.total) };
  }
  return measures;
};

const coverageFactor = async (db: Executor, subject: Subject): Promise<PlacementFactors['coverage']> => {
  const rows = await db
    .selectFrom('coverages')
    .select('verified')
    .where(
      subject.kind === 'patient' ? 'patient_id' : 'inquiry_id',
      '=',
      subject.kind === 'patient' ? subject.patientId : subject.inquiryId,
    )
    .execute();
  if (rows.length === 0) return undefined;
  return rows.some((r) => r.verified === 1) ? 'verified' : 'unverified';
};

const scheduleFactor = (text: string | null): PlacementFactors['preferredSchedule'] => {
  if (!text) return undefined;
  if (/evening|night|after work/i.test(text)) return 'evening';
  if (/\b(day|daytime|morning)\b/i.test(text)) return 'day';
  return undefined;
};

interface DiagnosisFacts {
  dsm5Criteria: number | null;
  specifier: DiagnosisSpecifier | undefined;
}

/** Active diagnoses: the highest criteria count, and a continuing-care course specifier if any. */
const diagnosisFacts = async (db: Executor, patientId: string | null): Promise<DiagnosisFacts> => {
  if (patientId === null) return { dsm5Criteria: null, specifier: undefined };
  const rows = await db
    .selectFrom('diagnoses')
    .select(['dsm5_criteria', 'specifiers', 'status'])
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .execute();
  const courses = rows.map((r) => ({ status: r.status, specifiers: parseList(r.specifiers) }));
  const specifier = continuingCareSpecifier(courses)
    ? courses.some((c) => c.specifiers.includes('in_early_remission'))
      ? 'in_early_remission'
      : 'in_controlled_environment'
    : undefined;
  return {
    dsm5Criteria: rows.length > 0 ? Math.max(...rows.map((r) => r.dsm5_criteria)) : null,
    specifier,
  };
};

const parseList = (text: string): string[] => {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const auditRead = (
  deps: AppDeps,
  ctx: RequestContext,
  access: Access,
  action: string,
  recordId: string | null,
) =>
  recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action,
      patientIds: access.patientIds,
      recordType: 'placement_assessment',
      recordId,
      ...(access.inquiry ? { detail: { inquiryId: access.inquiry.id } } : {}),
    },
    deps.clock.now(),
  );

export const listAssessments = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
): Promise<PlacementAssessment[]> => {
  const access = await authorizeSubject(deps, ctx, subject, 'read');
  const rows = await whereSubject(deps.db.kysely, subject)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(200)
    .execute();
  const presented = await presentRows(deps.db.kysely, rows, await outlookOf(deps, ctx, access));
  await auditRead(deps, ctx, access, 'placement.list', null);
  return presented;
};

export const getAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  assessmentId: string,
): Promise<PlacementAssessment> => {
  const access = await authorizeSubject(deps, ctx, subject, 'read');
  const assessment = await loadPresented(
    deps.db.kysely,
    subject,
    assessmentId,
    await outlookOf(deps, ctx, access),
  );
  await auditRead(deps, ctx, access, 'placement.read', assessmentId);
  return assessment;
};

// ---------------------------------------------------------------------------------------------
// Writing drafts
// ---------------------------------------------------------------------------------------------

const definedFactors = (factors: PlacementAssessment['factors']): PlacementAssessment['factors'] =>
  Object.fromEntries(Object.entries(factors).filter(([, v]) => v !== undefined));

export const createAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  body: CreateAssessmentBody,
): Promise<PlacementAssessment> => {
  const access = await authorizeSubject(deps, ctx, subject, 'draft');
  requireOpenInquiry(access);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const db = deps.db.kysely;
  const patientId = subject.kind === 'patient' ? subject.patientId : null;
  const [episode, measuresOnFile, diagnoses, coverage] = await Promise.all([
    patientId !== null
      ? db
          .selectFrom('episodes')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('status', '=', 'open')
          .executeTakeFirst()
      : Promise.resolve(undefined),
    patientId !== null ? recentMeasures(db, patientId, now) : Promise.resolve({}),
    diagnosisFacts(db, patientId),
    coverageFactor(db, subject),
  ]);
  const answers = body.answers ?? {};
  const measures: SupportingMeasures = body.measures ?? measuresOnFile;
  checkAnswers(answers, measures);
  const factors = definedFactors({
    coverage,
    preferredSchedule: scheduleFactor(access.inquiry?.preferred_schedule ?? null),
    ...body.factors,
  });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('placement_assessments')
      .values({
        id,
        inquiry_id: subject.kind === 'inquiry' ? subject.inquiryId : null,
        patient_id: patientId,
        episode_id: episode?.id ?? null,
        // A reassessment inside an open episode is continuing care (SPEC §3).
        kind: episode ? 'continuing_care' : 'initial',
        status: 'draft',
        answers: JSON.stringify(answers),
        ratings: JSON.stringify({}),
        rating_notes: JSON.stringify({}),
        flags: JSON.stringify({}),
        dsm5_criteria: body.dsm5Criteria !== undefined ? body.dsm5Criteria : diagnoses.dsm5Criteria,
        factors: JSON.stringify(factors),
        measures: JSON.stringify(measures),
        result: null,
        table_version: null,
        recommended_level: null,
        decision: null,
        final_level: null,
        override_reason: null,
        drafted_by: ctx.actor.userId,
        signed_by: null,
        signed_at: null,
        applied_segment_id: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'placement.create',
        patientIds: access.patientIds,
        recordType: 'placement_assessment',
        recordId: id,
        detail: {
          kind: episode ? 'continuing_care' : 'initial',
          ...(access.inquiry ? { inquiryId: access.inquiry.id } : {}),
        },
      },
      now,
    );
  });
  return loadPresented(db, subject, id, await outlookOf(deps, ctx, access));
};

export const updateAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  assessmentId: string,
  body: UpdateAssessmentBody,
): Promise<PlacementAssessment> => {
  const access = await authorizeSubject(deps, ctx, subject, 'draft');
  requireOpenInquiry(access);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await loadRow(trx, subject, assessmentId);
    if (row.version !== body.version) throw stale(row.version);
    if (row.status !== 'draft')
      throw new DomainError(
        'INVALID_STATE',
        'This assessment is signed; start a new assessment to reassess.',
      );
    const answers = body.answers ?? parseObject<Answers>(row.answers, {});
    const measures = body.measures ?? parseObject<SupportingMeasures>(row.measures, {});
    const suggestions = checkAnswers(answers, measures);
    const ratings = body.ratings ? cleanRatings(body.ratings) : cleanRatings(parseObject(row.ratings, {}));
    const notes = body.ratingNotes
      ? cleanNotes(body.ratingNotes)
      : cleanNotes(parseObject(row.rating_notes, {}));
    // Only the ratings given now must explain a difference: answers keep changing while a draft is
    // filled in, and signing checks every dimension.
    const problems = ratingNoteProblems(
      ratings,
      notes,
      suggestedRatings(suggestions),
      DIMENSION_IDS.filter((d) => body.ratings?.[d] !== undefined),
    );
    if (problems.length > 0)
      throw new DomainError('VALIDATION_FAILED', 'A rating differs from the suggestion without a note.', {
        fields: problems,
      });
    const changes: Partial<PlacementAssessmentsTable> = {
      updated_at: nowIso,
      version: row.version + 1,
    };
    if (body.answers) changes.answers = JSON.stringify(answers);
    if (body.measures) changes.measures = JSON.stringify(measures);
    if (body.ratings) changes.ratings = JSON.stringify(ratings);
    if (body.ratingNotes) changes.rating_notes = JSON.stringify(notes);
    if (body.flags) changes.flags = JSON.stringify(body.flags);
    if (body.dsm5Criteria !== undefined) changes.dsm5_criteria = body.dsm5Criteria;
    if (body.factors) changes.factors = JSON.stringify(definedFactors(body.factors));
    // Written through the chart, an assessment drafted on a converted inquiry becomes the patient's.
    if (subject.kind === 'patient' && row.patient_id === null) changes.patient_id = subject.patientId;
    const updated = await trx
      .updateTable('placement_assessments')
      .set(changes)
      .where('id', '=', assessmentId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw stale(row.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'placement.draft',
        patientIds: access.patientIds,
        recordType: 'placement_assessment',
        recordId: assessmentId,
        detail: { fields: Object.keys(body).filter((k) => k !== 'version') },
      },
      now,
    );
  });
  return loadPresented(deps.db.kysely, subject, assessmentId, await outlookOf(deps, ctx, access));
};

// ---------------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------------

export const signAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  subject: Subject,
  assessmentId: string,
  body: SignAssessmentBody,
): Promise<PlacementAssessment> => {
  const access = await authorizeSigning(deps, ctx, subject);
  requireOpenInquiry(access);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await loadRow(trx, subject, assessmentId);
    if (row.version !== body.version) throw stale(row.version);
    if (row.status !== 'draft') throw new DomainError('INVALID_STATE', 'This assessment is already signed.');
    const answers = parseObject<Answers>(row.answers, {});
    const measures = parseObject<SupportingMeasures>(row.measures, {});
    const suggestions = checkAnswers(answers, measures);
    const ratings = cleanRatings(parseObject(row.ratings, {}));
    const notes = cleanNotes(parseObject(row.rating_notes, {}));
    const problems = [
      ...missingRatings(ratings),
      ...ratingNoteProblems(ratings, notes, suggestedRatings(suggestions)),
    ];
    if (problems.length > 0)
      throw new DomainError('VALIDATION_FAILED', 'The assessment is not ready to sign.', {
        fields: problems,
      });
    const patientId = row.patient_id ?? row.inquiry_patient_id;
    const [table, diagnoses] = await Promise.all([ruleTableForSigning(trx), diagnosisFacts(trx, patientId)]);
    const flags = parseObject<PlacementFlags>(row.flags, {});
    const result = placeLevelOfCare(
      {
        ratings: ratings as Record<Dimension, Rating>,
        flags,
        ...(row.dsm5_criteria !== null ? { dsm5Criteria: row.dsm5_criteria } : {}),
        continuingCare: row.kind === 'continuing_care',
        ...(diagnoses.specifier ? { diagnosisSpecifier: diagnoses.specifier } : {}),
        factors: parseObject<PlacementFactors>(row.factors, {}),
      },
      table,
    );
    const choice = checkSignatureChoice(body, result.level, table.version);
    if (!choice.ok)
      throw new DomainError('VALIDATION_FAILED', 'The decision is not complete.', { fields: choice.fields });
    const updated = await trx
      .updateTable('placement_assessments')
      .set({
        status: 'signed',
        result: JSON.stringify(result),
        table_version: table.version,
        recommended_level: result.level,
        decision: body.decision,
        final_level: choice.finalLevel,
        override_reason: choice.overrideReason,
        signed_by: ctx.actor.userId,
        signed_at: nowIso,
        ...(subject.kind === 'patient' && row.patient_id === null ? { patient_id: subject.patientId } : {}),
        updated_at: nowIso,
        version: row.version + 1,
      })
      .where('id', '=', assessmentId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw stale(row.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: body.decision === 'overridden' ? 'placement.override' : 'placement.sign',
        patientIds: access.patientIds,
        recordType: 'placement_assessment',
        recordId: assessmentId,
        detail: {
          decision: body.decision,
          recommendedLevel: result.level,
          finalLevel: choice.finalLevel,
          tableVersion: table.version,
        },
      },
      now,
    );
  });
  return loadPresented(deps.db.kysely, subject, assessmentId, SIGNER);
};

// ---------------------------------------------------------------------------------------------
// Applying a continuing-care decision to the episode
// ---------------------------------------------------------------------------------------------

const isCareLevel = (level: string | null): level is LevelOfCare =>
  level !== null && (LEVELS_OF_CARE as readonly string[]).includes(level);

/**
 * A signed continuing-care assessment whose decided level differs from the current segment changes
 * the enrolment segment through the episodes service, the assessment linked to the new segment, in
 * one transaction.
 */
export const applyAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  assessmentId: string,
  body: ApplyAssessmentBody,
): Promise<{ assessment: PlacementAssessment; episode: Episode }> => {
  await authorizePatient(deps, ctx, patientId, 'episode.changeSegment');
  const db = deps.db.kysely;
  const subject: Subject = { kind: 'patient', patientId };
  const row = await loadRow(db, subject, assessmentId);
  if (row.version !== body.version) throw stale(row.version);
  if (row.kind !== 'continuing_care' || row.episode_id === null)
    throw new DomainError(
      'INVALID_STATE',
      'Only a reassessment inside an episode of care changes its level; admit the patient for an initial assessment.',
    );
  if (row.status !== 'signed' || row.final_level === null)
    throw new DomainError('INVALID_STATE', 'Sign the assessment before applying it.');
  if (row.applied_segment_id !== null)
    throw new DomainError('INVALID_STATE', 'This assessment has already changed the level of care.');
  const finalLevel = row.final_level;
  if (!isCareLevel(finalLevel))
    throw new DomainError(
      'INVALID_STATE',
      finalLevel === 'EMERGENCY'
        ? 'The decision is emergency care: refer to emergency services; it does not change the program level.'
        : 'The decision is no SUD level of care: discharge or refer instead of changing the level.',
    );
  const [episode, program] = await Promise.all([
    db
      .selectFrom('episodes')
      .select(['id', 'status', 'version'])
      .where('id', '=', row.episode_id)
      .executeTakeFirst(),
    db
      .selectFrom('programs')
      .select(['level_of_care', 'name'])
      .where('id', '=', body.programId)
      .executeTakeFirst(),
  ]);
  if (!episode || episode.status !== 'open')
    throw new DomainError('INVALID_STATE', 'The episode this reassessment belongs to is closed.');
  const current = (await currentLevels(db, [episode.id])).get(episode.id);
  if (current === finalLevel)
    throw new DomainError(
      'INVALID_STATE',
      `The patient is already at ${finalLevel}; there is no level to change.`,
    );
  if (program && program.level_of_care !== finalLevel)
    throw new DomainError('VALIDATION_FAILED', `${program.name} is a ${program.level_of_care} program.`, {
      fields: [
        {
          field: '/programId',
          message: `offers ${program.level_of_care}, not ${finalLevel}; choose a ${finalLevel} program or refer out`,
        },
      ],
    });
  const decided =
    row.decision === 'overridden'
      ? `overridden from ${row.recommended_level ?? 'the recommendation'} to ${finalLevel}: ${row.override_reason ?? ''}`
      : `recommended and accepted: ${finalLevel}`;
  const updatedEpisode = await changeSegment(
    deps,
    ctx,
    patientId,
    episode.id,
    {
      version: episode.version,
      programId: body.programId,
      ...(body.trackId !== undefined ? { trackId: body.trackId } : {}),
      levelOfCare: finalLevel,
      startOn: body.startOn,
      reason:
        `Continuing-care placement assessment signed ${(row.signed_at ?? '').slice(0, 10)}, ${decided}`.slice(
          0,
          1000,
        ),
      ...(body.backdateReason !== undefined ? { backdateReason: body.backdateReason } : {}),
      assessmentId,
    },
    async (trx, segmentId) => {
      const linked = await trx
        .updateTable('placement_assessments')
        .set({
          applied_segment_id: segmentId,
          updated_at: deps.clock.now().toISOString(),
          version: row.version + 1,
        })
        .where('id', '=', assessmentId)
        .where('version', '=', body.version)
        .where('applied_segment_id', 'is', null)
        .executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== 1) throw stale(row.version + 1);
      await recordAudit(
        trx,
        {
          ...auditFor(ctx),
          action: 'placement.apply',
          patientIds: [patientId],
          recordType: 'placement_assessment',
          recordId: assessmentId,
          detail: { segmentId, from: current ?? null, to: finalLevel },
        },
        deps.clock.now(),
      );
    },
  );
  return { assessment: await loadPresented(db, subject, assessmentId, SIGNER), episode: updatedEpisode };
};

/**
 * For inquiry conversion: stamps the new patient on the inquiry's placement records, inside the
 * conversion's transaction. Reads already follow the inquiry's patient_id without it.
 */
export const movePlacementToPatient = async (
  trx: Transaction<Database>,
  inquiryId: string,
  patientId: string,
  nowIso: string,
): Promise<number> => {
  const moved = await trx
    .updateTable('placement_assessments')
    .set({ patient_id: patientId, updated_at: nowIso })
    .where('inquiry_id', '=', inquiryId)
    .where('patient_id', 'is', null)
    .executeTakeFirst();
  await trx
    .updateTable('referrals_out')
    .set({ patient_id: patientId, updated_at: nowIso })
    .where('inquiry_id', '=', inquiryId)
    .where('patient_id', 'is', null)
    .execute();
  return Number(moved.numUpdatedRows);
};

/** For referrals: checks an assessment belongs to the subject (any status). */
export const assessmentBelongs = async (
  db: Executor,
  subject: Subject,
  assessmentId: string,
): Promise<boolean> =>
  (await whereSubject(db, subject).where('a.id', '=', assessmentId).executeTakeFirst()) !== undefined;

// ---------------------------------------------------------------------------------------------
// Overrides report
// ---------------------------------------------------------------------------------------------

/** The overrides report (SPEC §3), for the roles of OVERRIDE_REPORT_ROLES. */

export const overridesReport = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: OverrideReportQuery,
): Promise<OverrideReport> => {
  const { actor } = ctx;
  if (!OVERRIDE_REPORT_ROLES.includes(actor.role))
    return denyAndAudit(
      deps,
      ctx,
      'placement.overrides.report',
      'Only program directors and clinical supervisors see the placement overrides report.',
    );
  const db = deps.db.kysely;
  const base = () => {
    let q = db
      .selectFrom('placement_assessments as a')
      .leftJoin('inquiries as i', 'i.id', 'a.inquiry_id')
      .leftJoin('patients as p', (join) =>
        join.on((eb) =>
          eb.or([
            eb('p.id', '=', eb.ref('a.patient_id')),
            eb.and([eb('a.patient_id', 'is', null), eb('p.id', '=', eb.ref('i.patient_id'))]),
          ]),
        ),
      )
      .where('a.status', '=', 'signed');
    if (query.from) q = q.where('a.signed_at', '>=', `${query.from}T00:00:00.000Z`);
    if (query.to) q = q.where('a.signed_at', '<', `${nextDay(query.to)}T00:00:00.000Z`);
    if (actor.role === 'program_director') {
      const sites = actor.siteIds.length > 0 ? [...actor.siteIds] : [''];
      q = q.where((eb) =>
        eb.or([eb('p.site_id', 'in', sites), eb.and([eb('p.id', 'is', null), eb('i.site_id', 'in', sites)])]),
      );
    } else {
      q = q.where('a.signed_by', 'in', [actor.userId, ...actor.superviseeIds]);
    }
    return q;
  };
  const [rows, counts] = await Promise.all([
    base()
      .innerJoin('users as s', 's.id', 'a.signed_by')
      .where('a.decision', '=', 'overridden')
      .select([
        'a.id',
        'a.inquiry_id',
        'a.patient_id',
        'i.patient_id as inquiry_patient_id',
        'a.kind',
        'a.recommended_level',
        'a.final_level',
        'a.override_reason',
        'a.table_version',
        'a.signed_by',
        's.display_name as signer_name',
        'a.signed_at',
        'p.first_name as p_first',
        'p.last_name as p_last',
        'p.site_id as p_site',
        'i.first_name as i_first',
        'i.last_name as i_last',
        'i.site_id as i_site',
      ])
      .orderBy('a.signed_at', 'desc')
      .orderBy('a.id')
      .limit(query.limit ?? 200)
      .execute(),
    base()
      .select((eb) => [
        eb.fn.countAll<number | string>().as('signed'),
        eb.fn
          .sum<number | string | null>(eb.case().when('a.decision', '=', 'overridden').then(1).else(0).end())
          .as('overridden'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    assessmentId: r.id,
    subject: subjectOf(r),
    name:
      r.p_first !== null
        ? `${r.p_first} ${r.p_last ?? ''}`.trim()
        : `${r.i_first ?? ''} ${r.i_last ?? ''}`.trim(),
    siteId: r.p_site ?? r.i_site ?? '',
    kind: r.kind as PlacementAssessment['kind'],
    recommendedLevel: (r.recommended_level ?? 'NONE') as PlacementLevel,
    finalLevel: (r.final_level ?? 'NONE') as PlacementLevel,
    overrideReason: r.override_reason ?? '',
    tableVersion: r.table_version ?? '',
    signedBy: { id: r.signed_by ?? '', displayName: r.signer_name },
    signedAt: r.signed_at ?? '',
  }));
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'placement.overrides.report',
      patientIds: items.flatMap((i) => (i.subject.patientId !== null ? [i.subject.patientId] : [])),
      recordType: 'placement_assessment',
      detail: { shown: items.length, inquiries: items.filter((i) => i.subject.patientId === null).length },
    },
    deps.clock.now(),
  );
  return { items, total: Number(counts.overridden ?? 0), signedTotal: Number(counts.signed) };
};

const nextDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
