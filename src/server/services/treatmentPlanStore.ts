import type { Kysely, Transaction } from 'kysely';
import type {
  AddressingNote,
  CurrentObjectives,
  ObjectiveProgress,
  PlanContent,
  PlanModality,
  PlanVersion,
  PlanVersionKind,
  PlanVersionSummary,
} from '../../core/api/plans.js';
import { calendarDateIn } from '../../core/runtime.js';
import { objectivesOf, planModalities, removedObjectives } from '../../core/plans/review.js';
import type { Database, TreatmentPlanVersionsTable } from '../../db/schema.js';
import { signaturesOf } from './signing.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** What signature records call a plan version. */
export const PLAN_SUBJECT = 'plan_version';

export type VersionRow = TreatmentPlanVersionsTable;

const readJson = (json: string): unknown => {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
};

/**
 * Stored JSON is written only after the route's schema validated it; an unreadable value reads as
 * empty rather than failing the whole chart.
 */
export const parseContent = (json: string): PlanContent => {
  const value = readJson(json);
  return typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { problems?: unknown }).problems)
    ? (value as PlanContent)
    : { problems: [] };
};

export const parseProgress = (json: string): ObjectiveProgress[] => {
  const value = readJson(json);
  return Array.isArray(value) ? (value as ObjectiveProgress[]) : [];
};

/** The episode a chart's plan belongs to: the open one, else the latest. */
export const planEpisodeOf = async (db: Executor, patientId: string) =>
  db
    .selectFrom('episodes')
    .select(['id', 'admitted_on', 'status', 'site_id'])
    .where('patient_id', '=', patientId)
    .orderBy((eb) => eb.case().when('status', '=', 'open').then(0).else(1).end())
    .orderBy('admitted_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

export const planOfEpisode = (db: Executor, episodeId: string) =>
  db.selectFrom('treatment_plans').selectAll().where('episode_id', '=', episodeId).executeTakeFirst();

export const versionsOfPlan = (db: Executor, planId: string): Promise<VersionRow[]> =>
  db
    .selectFrom('treatment_plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();

export const latestSigned = (rows: readonly VersionRow[]): VersionRow | undefined =>
  [...rows].reverse().find((r) => r.status === 'signed');

export const loadVersion = (db: Executor, patientId: string, versionId: string) =>
  db
    .selectFrom('treatment_plan_versions')
    .selectAll()
    .where('id', '=', versionId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();

const namesOf = async (db: Executor, userIds: readonly (string | null)[]): Promise<Map<string, string>> => {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
};

/**
 * Signed notes in the patient's chart that addressed these objectives on or after `from` (and up
 * to `to`, once the review is signed): SPEC §7 "plan reviews show them".
 */
export const notesAddressing = async (
  db: Executor,
  patientId: string,
  objectiveIds: readonly string[],
  window: { from: string; to: string | null },
): Promise<Map<string, AddressingNote[]>> => {
  const byObjective = new Map<string, AddressingNote[]>();
  if (objectiveIds.length === 0) return byObjective;
  let query = db
    .selectFrom('note_objectives as no')
    .innerJoin('clinical_notes as n', 'n.id', 'no.note_id')
    .innerJoin('users as u', 'u.id', 'n.author_user_id')
    .select(['no.objective_id', 'n.id', 'no.service_date', 'n.title', 'n.note_type', 'u.display_name'])
    .where('no.patient_id', '=', patientId)
    .where('n.patient_id', '=', patientId)
    .where('n.status', '=', 'signed')
    .where('no.objective_id', 'in', [...objectiveIds])
    .where('no.service_date', '>=', window.from);
  if (window.to !== null) query = query.where('no.service_date', '<=', window.to);
  const rows = await query.orderBy('no.service_date').orderBy('n.id').execute();
  for (const row of rows) {
    const list = byObjective.get(row.objective_id) ?? [];
    list.push({
      noteId: row.id,
      serviceDate: row.service_date,
      title: row.title,
      noteType: row.note_type,
      authorName: row.display_name,
    });
    byObjective.set(row.objective_id, list);
  }
  return byObjective;
};

export interface PresentOptions {
  timeZone: string;
  /** Whether the caller may see which notes addressed an objective (note.read). */
  mayReadNotes: boolean;
}

export const presentVersion = async (
  db: Executor,
  row: VersionRow,
  options: PresentOptions,
): Promise<PlanVersion> => {
  const content = parseContent(row.content);
  const responsible = content.problems.flatMap((p) =>
    p.goals.flatMap((g) => g.objectives.flatMap((o) => o.interventions.map((i) => i.responsibleUserId))),
  );
  const [names, signatures, reviewed] = await Promise.all([
    namesOf(db, [row.author_user_id, row.updated_by, row.cosigner_user_id, ...responsible]),
    signaturesOf(db, PLAN_SUBJECT, [row.id]),
    row.reviews_version_id === null
      ? Promise.resolve(undefined)
      : db
          .selectFrom('treatment_plan_versions')
          .select(['id', 'number', 'content', 'signed_at'])
          .where('id', '=', row.reviews_version_id)
          .executeTakeFirst(),
  ]);
  let reviewOf: PlanVersion['reviewOf'] = null;
  if (reviewed?.signed_at) {
    const objectives = objectivesOf(parseContent(reviewed.content));
    const notes = options.mayReadNotes
      ? await notesAddressing(
          db,
          row.patient_id,
          objectives.map((o) => o.objectiveId),
          {
            from: calendarDateIn(new Date(reviewed.signed_at), options.timeZone),
            to: row.signed_at ? calendarDateIn(new Date(row.signed_at), options.timeZone) : null,
          },
        )
      : null;
    reviewOf = {
      versionId: reviewed.id,
      number: reviewed.number,
      signedAt: reviewed.signed_at,
      objectives: objectives.map((o) => ({ ...o, notes: notes ? (notes.get(o.objectiveId) ?? []) : null })),
    };
  }
  const staffNames: Record<string, string> = {};
  for (const id of responsible) if (id !== null) staffNames[id] = names.get(id) ?? 'Unknown staff member';
  return {
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    kind: row.kind as PlanVersionKind,
    status: row.status === 'signed' ? 'signed' : 'draft',
    content,
    progress: parseProgress(row.progress),
    reviewOf,
    authorName: names.get(row.author_user_id) ?? '',
    updatedByName: names.get(row.updated_by) ?? '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedAt: row.signed_at,
    needsCosignature: row.needs_cosignature === 1,
    cosignerName: row.cosigner_user_id ? (names.get(row.cosigner_user_id) ?? null) : null,
    cosignedAt: row.cosigned_at,
    patientSignedAt: row.patient_signed_at,
    signatures: signatures.get(row.id) ?? [],
    staffNames,
    version: row.version,
  };
};

export const summarize = (row: VersionRow, authorName: string): PlanVersionSummary => ({
  id: row.id,
  number: row.number,
  kind: row.kind as PlanVersionKind,
  status: row.status === 'signed' ? 'signed' : 'draft',
  authorName,
  updatedAt: row.updated_at,
  signedAt: row.signed_at,
  needsCosignature: row.needs_cosignature === 1,
  cosignedAt: row.cosigned_at,
  patientSignedAt: row.patient_signed_at,
});

export const summaries = async (db: Executor, rows: readonly VersionRow[]): Promise<PlanVersionSummary[]> => {
  const names = await namesOf(
    db,
    rows.map((r) => r.author_user_id),
  );
  return [...rows].reverse().map((r) => summarize(r, names.get(r.author_user_id) ?? ''));
};

/** The signed versions of the plan of a patient's open episode, newest (the current plan) first. */
const signedRowsOfOpenPlan = (db: Executor, patientId: string) =>
  db
    .selectFrom('treatment_plan_versions as v')
    .innerJoin('treatment_plans as tp', 'tp.id', 'v.plan_id')
    .innerJoin('episodes as e', 'e.id', 'tp.episode_id')
    .select(['v.id', 'v.content'])
    .where('v.patient_id', '=', patientId)
    .where('v.status', '=', 'signed')
    .where('e.status', '=', 'open')
    .orderBy('v.number', 'desc')
    .execute();

/**
 * The objectives of the patient's current plan (the latest signed version in the open episode),
 * with their goal and problem, for a note to say which it addressed. Ids stay the same across
 * versions, so a note linked to an objective still finds it after a review; one a review removed
 * is listed apart, so a note still linking it can name it.
 */
export const currentPlanObjectives = async (db: Executor, patientId: string): Promise<CurrentObjectives> => {
  const [current, ...earlier] = await signedRowsOfOpenPlan(db, patientId);
  if (!current) return { planVersionId: null, items: [], removed: [] };
  const content = parseContent(current.content);
  return {
    planVersionId: current.id,
    items: objectivesOf(content),
    removed: removedObjectives([content, ...earlier.map((row) => parseContent(row.content))]),
  };
};

/** The content of each patient's current plan (latest signed version in the open episode); absent without one. */
const currentSignedContents = async (
  db: Executor,
  patientIds: readonly string[],
): Promise<Map<string, PlanContent>> => {
  const result = new Map<string, PlanContent>();
  if (patientIds.length === 0) return result;
  const rows = await db
    .selectFrom('treatment_plan_versions as v')
    .innerJoin('treatment_plans as tp', 'tp.id', 'v.plan_id')
    .innerJoin('episodes as e', 'e.id', 'tp.episode_id')
    .select(['v.patient_id', 'v.number', 'v.content'])
    .where('v.patient_id', 'in', [...patientIds])
    .where('v.status', '=', 'signed')
    .where('e.status', '=', 'open')
    .orderBy('v.number', 'desc')
    .execute();
  for (const row of rows)
    if (!result.has(row.patient_id)) result.set(row.patient_id, parseContent(row.content));
  return result;
};

/**
 * The modalities each patient's signed plan asks for (SPEC §8: "plan interventions become the
 * patient's required modalities for the scheduler"). Patients without a signed plan are absent.
 */
export const signedPlanModalities = async (
  db: Executor,
  patientIds: readonly string[],
): Promise<Map<string, PlanModality[]>> =>
  new Map(
    [...(await currentSignedContents(db, patientIds))].map(([id, content]) => [id, planModalities(content)]),
  );

/**
 * The objective ids of each patient's current plan, in one query for a whole group: what a note
 * may link. Patients without a signed plan get an empty set.
 */
export const currentPlanObjectiveIds = async (
  db: Executor,
  patientIds: readonly string[],
): Promise<Map<string, Set<string>>> => {
  const contents = await currentSignedContents(db, patientIds);
  return new Map(
    patientIds.map((id) => {
      const content = contents.get(id);
      return [id, new Set(content ? objectivesOf(content).map((o) => o.objectiveId) : [])];
    }),
  );
};
