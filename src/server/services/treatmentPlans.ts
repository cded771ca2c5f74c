import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { decidePatientAccess, type PatientAccessFacts } from '../../core/access/patientPolicy.js';
import type {
  CurrentObjectives,
  PlacementSuggestions,
  PlanContent,
  PlanVersion,
  SaveDraftBody,
  StartPlanBody,
  TreatmentPlanOverview,
} from '../../core/api/plans.js';
import type { PlacementResult } from '../../core/placement/placementTypes.js';
import { DIMENSIONS } from '../../core/placement/ruleTable.js';
import { DomainError } from '../../core/errors/domainError.js';
import { problemsFromPlacement } from '../../core/plans/prefill.js';
import {
  alignProgress,
  initialProgress,
  type ObjectiveInContext,
  objectivesOf,
} from '../../core/plans/review.js';
import { planStructureProblems, progressStructureProblems } from '../../core/plans/validate.js';
import { decideClinicalSignature } from '../../core/signing/clinicalSigning.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { activeTemplates } from './planTemplates.js';
import { siteTodayOf } from './diagnoses.js';
import { planDueOf } from './treatmentPlansDue.js';
import {
  currentPlanObjectives,
  latestSigned,
  loadVersion,
  parseContent,
  parseProgress,
  planEpisodeOf,
  planOfEpisode,
  presentVersion,
  summaries,
  type VersionRow,
  versionsOfPlan,
} from './treatmentPlanStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ChartFacts {
  facts: PatientAccessFacts;
  timeZone: string;
  today: string;
  patientName: string;
}

/** Authorizes and gathers what every plan service needs about the patient. */
export const planChart = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  action: 'plan.read' | 'plan.write',
): Promise<ChartFacts> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, action);
  const patient = await deps.db.kysely
    .selectFrom('patients as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['p.first_name', 'p.last_name', 's.time_zone'])
    .where('p.id', '=', patientId)
    .executeTakeFirstOrThrow();
  return {
    facts,
    timeZone: patient.time_zone,
    today: await siteTodayOf(deps.db.kysely, facts.siteId, deps.clock.now()),
    patientName: `${patient.first_name} ${patient.last_name}`,
  };
};

export const presentOptions = (ctx: RequestContext, chart: ChartFacts) => ({
  timeZone: chart.timeZone,
  mayReadNotes: decidePatientAccess(ctx.actor, chart.facts, 'note.read').allowed,
});

const diagnosisIdsOf = async (db: Executor, patientId: string): Promise<Set<string>> =>
  new Set(
    (await db.selectFrom('diagnoses').select('id').where('patient_id', '=', patientId).execute()).map(
      (r) => r.id,
    ),
  );

export const getTreatmentPlan = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<TreatmentPlanOverview> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.read');
  const db = deps.db.kysely;
  const episode = await planEpisodeOf(db, patientId);
  const plan = episode ? await planOfEpisode(db, episode.id) : undefined;
  const rows = plan ? await versionsOfPlan(db, plan.id) : [];
  const signed = latestSigned(rows);
  const draft = rows.find((r) => r.status === 'draft');
  const options = presentOptions(ctx, chart);
  const [current, draftView, versions, due] = await Promise.all([
    signed ? presentVersion(db, signed, options) : null,
    draft ? presentVersion(db, draft, options) : null,
    summaries(db, rows),
    episode?.status === 'open' ? planDueOf(db, episode, signed ?? null, chart) : null,
  ]);
  const mayWrite = decidePatientAccess(ctx.actor, chart.facts, 'plan.write').allowed;
  const signing = decideClinicalSignature(ctx.actor.role, ctx.actor.credentials, chart.today);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.read',
      patientIds: [patientId],
      recordType: 'treatment_plan',
      recordId: plan?.id ?? null,
    },
    deps.clock.now(),
  );
  return {
    planId: plan?.id ?? null,
    episodeId: episode?.id ?? null,
    current,
    draft: draftView,
    versions,
    due,
    mayWrite,
    maySignReason: !mayWrite
      ? 'Your role does not write treatment plans.'
      : signing.allowed
        ? null
        : signing.reason,
    mayCosign:
      signed !== undefined &&
      signed.needs_cosignature === 1 &&
      signed.cosigned_at === null &&
      signed.cosigner_user_id === ctx.actor.userId,
    patientName: chart.patientName,
  };
};

export const getPlanVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.read');
  const row = await loadVersion(deps.db.kysely, patientId, versionId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such version of the treatment plan.');
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.read',
      patientIds: [patientId],
      recordType: 'plan_version',
      recordId: versionId,
    },
    deps.clock.now(),
  );
  return presentVersion(deps.db.kysely, row, presentOptions(ctx, chart));
};

/** The latest signed placement assessment of the patient (their own or their inquiry's). */
const latestSignedPlacement = (db: Executor, patientId: string) =>
  db
    .selectFrom('placement_assessments as a')
    .leftJoin('inquiries as i', 'i.id', 'a.inquiry_id')
    .select(['a.id', 'a.result', 'a.signed_at'])
    .where('a.status', '=', 'signed')
    .where((eb) =>
      eb.or([
        eb('a.patient_id', '=', patientId),
        eb.and([eb('a.patient_id', 'is', null), eb('i.patient_id', '=', patientId)]),
      ]),
    )
    .orderBy('a.signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

const primaryClinicianOf = async (db: Executor, patientId: string): Promise<string | null> => {
  const row = await db
    .selectFrom('patients')
    .select('primary_clinician_id')
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row?.primary_clinician_id ?? null;
};

const activeDiagnosisIds = async (db: Executor, patientId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('diagnoses')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .orderBy('diagnosed_on')
      .execute()
  ).map((r) => r.id);

/** Problems from the latest signed placement's drivers, built from the clinic's templates. */
const suggestFromPlacement = async (
  deps: AppDeps,
  patientId: string,
  today: string,
  actorUserId: string,
): Promise<PlacementSuggestions> => {
  const db = deps.db.kysely;
  const assessment = await latestSignedPlacement(db, patientId);
  if (!assessment?.result)
    return {
      assessmentId: null,
      signedAt: null,
      problems: [],
      note: 'There is no signed placement assessment for this patient: add problems from the template library.',
    };
  let result: Partial<PlacementResult> = {};
  try {
    result = JSON.parse(assessment.result) as Partial<PlacementResult>;
  } catch {
    result = {};
  }
  const ratings = Object.fromEntries(
    Object.entries(result.dimensions ?? {}).map(([dimension, minimum]) => [dimension, minimum.rating]),
  );
  const [templates, diagnosisIds, primary] = await Promise.all([
    activeTemplates(db, deps.clock.now()),
    activeDiagnosisIds(db, patientId),
    primaryClinicianOf(db, patientId),
  ]);
  const { problems, withoutTemplate } = problemsFromPlacement(
    { drivers: result.drivers ?? [], ratings },
    templates,
    { newId: randomUUID, today, responsibleUserId: primary ?? actorUserId, diagnosisIds },
  );
  const missing = withoutTemplate.map((d) => DIMENSIONS[d].label.toLowerCase());
  return {
    assessmentId: assessment.id,
    signedAt: assessment.signed_at,
    problems,
    note:
      problems.length === 0 && missing.length === 0
        ? 'The placement found no dimension that needs a problem of its own.'
        : missing.length > 0
          ? `No active template for: ${missing.join(', ')}. Add those problems by hand.`
          : `${problems.length} problem${problems.length === 1 ? '' : 's'} from the placement's drivers and dimensions rated moderate or worse.`,
  };
};

export const placementSuggestions = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<PlacementSuggestions> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const suggestions = await suggestFromPlacement(deps, patientId, chart.today, ctx.actor.userId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.placementSuggestions',
      patientIds: [patientId],
      recordType: 'placement_assessment',
      recordId: suggestions.assessmentId,
    },
    deps.clock.now(),
  );
  return suggestions;
};

const openEpisodeOf = async (db: Executor, patientId: string) => {
  const episode = await planEpisodeOf(db, patientId);
  if (episode?.status !== 'open')
    throw new DomainError(
      'INVALID_STATE',
      'The patient has no open episode of care. A treatment plan belongs to an episode: admit the patient first.',
    );
  return episode;
};

const planFor = async (
  trx: Transaction<Database>,
  patientId: string,
  episodeId: string,
  userId: string,
  nowIso: string,
) => {
  await trx
    .insertInto('treatment_plans')
    .values({
      id: randomUUID(),
      patient_id: patientId,
      episode_id: episodeId,
      created_by: userId,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.column('episode_id').doNothing())
    .execute();
  const plan = await planOfEpisode(trx, episodeId);
  if (!plan) throw new Error('treatment plan row missing after insert');
  return plan;
};

const draftExists = (number: number) =>
  new DomainError(
    'CONFLICT',
    `A draft of this plan (version ${number}) is already open. Continue it, or discard it first.`,
  );

/** A plan has one draft at a time; once a version is signed, every new version is a review of it. */
const refuseStart = (rows: readonly VersionRow[], body: StartPlanBody): VersionRow | undefined => {
  const open = rows.find((r) => r.status === 'draft');
  if (open) throw draftExists(open.number);
  const signed = latestSigned(rows);
  if (body.startFrom === 'review' && !signed)
    throw new DomainError(
      'INVALID_STATE',
      'There is no signed plan to review yet: start the first plan instead.',
      {
        fields: [{ field: '/startFrom', message: 'needs a signed plan' }],
      },
    );
  if (body.startFrom !== 'review' && signed)
    throw new DomainError(
      'INVALID_STATE',
      `Version ${signed.number} is signed: a change to the plan is a review, which starts from it.`,
      { fields: [{ field: '/startFrom', message: 'must be review once a version is signed' }] },
    );
  return signed;
};

export const startDraft = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: StartPlanBody,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const db = deps.db.kysely;
  const episode = await openEpisodeOf(db, patientId);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  // Refusals first, so a refused start reads nothing more and writes nothing.
  const existing = await planOfEpisode(db, episode.id);
  refuseStart(existing ? await versionsOfPlan(db, existing.id) : [], body);
  const suggested =
    body.startFrom === 'placement'
      ? await suggestFromPlacement(deps, patientId, chart.today, ctx.actor.userId)
      : null;
  if (suggested && suggested.assessmentId === null)
    throw new DomainError('INVALID_STATE', suggested.note, {
      fields: [{ field: '/startFrom', message: suggested.note }],
    });
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      const plan = await planFor(trx, patientId, episode.id, ctx.actor.userId, nowIso);
      const rows = await versionsOfPlan(trx, plan.id);
      const signed = refuseStart(rows, body);
      const reviewed = body.startFrom === 'review' ? signed : undefined;
      const content: PlanContent = reviewed
        ? parseContent(reviewed.content)
        : { problems: suggested?.problems ?? [] };
      const number = (rows.at(-1)?.number ?? 0) + 1;
      await trx
        .insertInto('treatment_plan_versions')
        .values({
          id,
          plan_id: plan.id,
          patient_id: patientId,
          number,
          kind: reviewed ? 'review' : 'initial',
          status: 'draft',
          content: JSON.stringify(content),
          progress: JSON.stringify(reviewed ? initialProgress(content) : []),
          reviews_version_id: reviewed?.id ?? null,
          author_user_id: ctx.actor.userId,
          updated_by: ctx.actor.userId,
          signed_at: null,
          signed_by: null,
          content_hash: null,
          needs_cosignature: 0,
          cosigner_user_id: null,
          cosigned_at: null,
          cosigned_by: null,
          patient_signed_at: null,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await recordAudit(
        trx,
        {
          ...auditFor(ctx),
          action: reviewed ? 'plan.review.start' : 'plan.draft.create',
          patientIds: [patientId],
          recordType: 'plan_version',
          recordId: id,
          detail: {
            number,
            startFrom: body.startFrom,
            placementAssessmentId: suggested?.assessmentId ?? null,
          },
        },
        now,
      );
    });
  } catch (error) {
    // Two clinicians starting at once: the one-draft index lets only one insert through.
    if (!(error instanceof DomainError)) {
      const plan = await planOfEpisode(db, episode.id);
      const open = plan ? (await versionsOfPlan(db, plan.id)).find((r) => r.status === 'draft') : undefined;
      if (open) throw draftExists(open.number);
    }
    throw error;
  }
  const row = await loadVersion(db, patientId, id);
  if (!row) throw new Error('plan version missing after insert');
  return presentVersion(db, row, presentOptions(ctx, chart));
};

const stale = async (
  db: Executor,
  row: VersionRow,
  ctx: RequestContext,
  chart: ChartFacts,
): Promise<DomainError> =>
  new DomainError(
    'STALE_VERSION',
    `${row.updated_by === ctx.actor.userId ? 'You saved this draft elsewhere' : 'Someone else saved this draft'} since you opened it. Your text is kept: compare it with the saved version and save again.`,
    {
      extra: {
        currentVersion: row.version,
        current: await presentVersion(db, row, presentOptions(ctx, chart)),
      },
    },
  );

const signedRefusal = (row: VersionRow) =>
  new DomainError(
    'INVALID_STATE',
    `Version ${row.number} is signed and cannot be changed. Start a review to make a new version.`,
  );

/** Loads a version that must still be a draft at the version the caller last saw. */
export const loadDraftForWrite = async (
  db: Executor,
  ctx: RequestContext,
  chart: ChartFacts,
  patientId: string,
  versionId: string,
  version: number,
): Promise<VersionRow> => {
  const row = await loadVersion(db, patientId, versionId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such version of the treatment plan.');
  if (row.status !== 'draft') throw signedRefusal(row);
  if (row.version !== version) throw await stale(db, row, ctx, chart);
  return row;
};

/** The objectives of the version a review reviews. */
export const reviewedObjectives = async (db: Executor, row: VersionRow): Promise<ObjectiveInContext[]> => {
  if (row.reviews_version_id === null) return [];
  const reviewed = await db
    .selectFrom('treatment_plan_versions')
    .select('content')
    .where('id', '=', row.reviews_version_id)
    .executeTakeFirst();
  return reviewed ? objectivesOf(parseContent(reviewed.content)) : [];
};

/**
 * Saves a draft. Optimistic concurrency: the save names the version it was based on; if another
 * save came first, nothing is written and the caller gets 409 with the stored version, so the
 * editor can keep the user's text next to it (no lost update).
 */
export const saveDraft = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
  body: SaveDraftBody,
): Promise<PlanVersion> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const fields = planStructureProblems(body.content, await diagnosisIdsOf(db, patientId));
  await db.transaction().execute(async (trx) => {
    const row = await loadDraftForWrite(trx, ctx, chart, patientId, versionId, body.version);
    const reviewed = (await reviewedObjectives(trx, row)).map((o) => o.objectiveId);
    if (row.kind === 'review' && body.progress)
      fields.push(...progressStructureProblems(body.progress, new Set(reviewed)));
    if (row.kind !== 'review' && body.progress && body.progress.length > 0)
      fields.push({ field: '/progress', message: 'only a review records progress' });
    if (fields.length > 0)
      throw new DomainError('VALIDATION_FAILED', 'The draft was not saved: fix the fields marked.', {
        fields,
      });
    const reviewedContent =
      row.kind === 'review' && row.reviews_version_id !== null
        ? parseContent(
            (
              await trx
                .selectFrom('treatment_plan_versions')
                .select('content')
                .where('id', '=', row.reviews_version_id)
                .executeTakeFirstOrThrow()
            ).content,
          )
        : null;
    const progress = reviewedContent
      ? alignProgress(reviewedContent, body.progress ?? parseProgress(row.progress))
      : [];
    const result = await trx
      .updateTable('treatment_plan_versions')
      .set({
        content: JSON.stringify(body.content),
        ...(body.progress !== undefined || reviewedContent ? { progress: JSON.stringify(progress) } : {}),
        updated_by: ctx.actor.userId,
        updated_at: now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', versionId)
      .where('version', '=', body.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw await stale(trx, (await loadVersion(trx, patientId, versionId)) ?? row, ctx, chart);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan.draft.save',
        patientIds: [patientId],
        recordType: 'plan_version',
        recordId: versionId,
        detail: { number: row.number, version: row.version + 1 },
      },
      now,
    );
  });
  const saved = await loadVersion(db, patientId, versionId);
  if (!saved) throw new DomainError('NOT_FOUND', 'No such version of the treatment plan.');
  return presentVersion(db, saved, presentOptions(ctx, chart));
};

export const discardDraft = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
  version: number,
): Promise<void> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.write');
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await loadDraftForWrite(trx, ctx, chart, patientId, versionId, version);
    await trx
      .deleteFrom('treatment_plan_versions')
      .where('id', '=', versionId)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan.draft.discard',
        patientIds: [patientId],
        recordType: 'plan_version',
        recordId: versionId,
        detail: { number: row.number },
      },
      now,
    );
  });
};

export const listCurrentObjectives = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<CurrentObjectives> => {
  await authorizePatient(deps, ctx, patientId, 'plan.read');
  const objectives = await currentPlanObjectives(deps.db.kysely, patientId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.objectives.read',
      patientIds: [patientId],
      recordType: 'plan_version',
      recordId: objectives.planVersionId,
    },
    deps.clock.now(),
  );
  return objectives;
};
