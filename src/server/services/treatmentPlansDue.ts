import type { Kysely, Transaction } from 'kysely';
import { roleMay } from '../../core/access/patientPolicy.js';
import type { PlanDueItem, PlanDueList, PlanDueView } from '../../core/api/plans.js';
import { PLAN_DUE_SETTING, planDue, planDueSettingsFor } from '../../core/plans/due.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, denyAndAudit } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Segment changes that change the level of care, and so call for a plan review (SPEC §8). */
const LEVEL_CHANGES = ['step_up', 'step_down'];

const storedDueSetting = async (db: Executor): Promise<unknown> => {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', PLAN_DUE_SETTING)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return null;
  }
};

interface EpisodeFacts {
  id: string;
  admitted_on: string;
}

interface SegmentFacts {
  episode_id: string;
  program_id: string;
  start_on: string;
  end_on: string | null;
  change_kind: string;
}

const segmentsOf = (db: Executor, episodeIds: readonly string[]): Promise<SegmentFacts[]> =>
  episodeIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('enrolment_segments')
        .select(['episode_id', 'program_id', 'start_on', 'end_on', 'change_kind'])
        .where('episode_id', 'in', [...episodeIds])
        .orderBy('start_on')
        .execute();

const dueFrom = (
  episode: EpisodeFacts,
  segments: readonly SegmentFacts[],
  lastSignedAt: string | null,
  stored: unknown,
  timeZone: string,
  today: string,
): PlanDueView => {
  const own = segments.filter((s) => s.episode_id === episode.id);
  const current = own.find((s) => s.end_on === null) ?? own.at(-1);
  return planDue({
    admittedOn: episode.admitted_on,
    segmentChanges: own.filter((s) => LEVEL_CHANGES.includes(s.change_kind)).map((s) => s.start_on),
    lastSignedOn: lastSignedAt ? calendarDateIn(new Date(lastSignedAt), timeZone) : null,
    today,
    settings: planDueSettingsFor(stored, current?.program_id ?? null),
  });
};

/** When the plan of one open episode is next due. */
export const planDueOf = async (
  db: Executor,
  episode: EpisodeFacts,
  lastSigned: { signed_at: string | null } | null,
  site: { timeZone: string; today: string },
): Promise<PlanDueView> => {
  const [segments, stored] = await Promise.all([segmentsOf(db, [episode.id]), storedDueSetting(db)]);
  return dueFrom(episode, segments, lastSigned?.signed_at ?? null, stored, site.timeZone, site.today);
};

/** A due or overdue plan with the clinician whose caseload holds it (the supervisor home groups by them). */
export interface DuePlan {
  item: PlanDueItem;
  clinicianId: string;
}

/**
 * Plans due within a week or overdue for the patients on these users' caseloads. A patient on
 * several of their caseloads is listed once, under `preferredUserId`'s assignment when it holds one.
 * Reads only: callers authorize and audit.
 */
export const collectDuePlans = async (
  db: Executor,
  now: Date,
  userIds: readonly string[],
  preferredUserId: string,
): Promise<DuePlan[]> => {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('caseload_assignments as ca')
    .innerJoin('patients as p', 'p.id', 'ca.patient_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .innerJoin('episodes as e', (join) => join.onRef('e.patient_id', '=', 'p.id').on('e.status', '=', 'open'))
    .innerJoin('users as u', 'u.id', 'ca.user_id')
    .select([
      'p.id as patient_id',
      'p.first_name',
      'p.last_name',
      'p.mrn',
      's.time_zone',
      'e.id as episode_id',
      'e.admitted_on',
      'ca.user_id',
      'u.display_name',
    ])
    .where('ca.user_id', 'in', [...userIds])
    .where('ca.ended_at', 'is', null)
    .where('p.status', '=', 'active')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const byPatient = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = byPatient.get(row.patient_id);
    if (!seen || (seen.user_id !== preferredUserId && row.user_id === preferredUserId))
      byPatient.set(row.patient_id, row);
  }
  const patients = [...byPatient.values()];
  const episodeIds = patients.map((p) => p.episode_id);
  const [segments, stored, versions] = await Promise.all([
    segmentsOf(db, episodeIds),
    storedDueSetting(db),
    episodeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('treatment_plan_versions as v')
          .innerJoin('treatment_plans as tp', 'tp.id', 'v.plan_id')
          .select(['tp.episode_id', 'v.status', 'v.signed_at'])
          .where('tp.episode_id', 'in', episodeIds)
          .execute(),
  ]);
  const due: DuePlan[] = [];
  for (const p of patients) {
    const own = versions.filter((v) => v.episode_id === p.episode_id);
    const lastSignedAt =
      own
        .flatMap((v) => (v.status === 'signed' && v.signed_at ? [v.signed_at] : []))
        .sort()
        .at(-1) ?? null;
    const today = calendarDateIn(now, p.time_zone);
    const view = dueFrom(
      { id: p.episode_id, admitted_on: p.admitted_on },
      segments,
      lastSignedAt,
      stored,
      p.time_zone,
      today,
    );
    if (view.status === 'upcoming') continue;
    due.push({
      clinicianId: p.user_id,
      item: {
        patientId: p.patient_id,
        patientName: `${p.last_name}, ${p.first_name}`,
        mrn: p.mrn,
        clinicianName: p.display_name,
        ...view,
        draftInProgress: own.some((v) => v.status === 'draft'),
      },
    });
  }
  due.sort(
    (a, b) =>
      a.item.dueOn.localeCompare(b.item.dueOn) || a.item.patientName.localeCompare(b.item.patientName),
  );
  return due;
};

/**
 * Plans due within a week or overdue for the patients on the caller's caseload and, for a
 * supervisor, on their supervisees' caseloads: the clinician's worklist ("Today").
 */
export const listDuePlans = async (deps: AppDeps, ctx: RequestContext): Promise<PlanDueList> => {
  if (!roleMay(ctx.actor.role, 'plan.read'))
    return denyAndAudit(deps, ctx, 'plan.due', 'Your role does not work with treatment plans.');
  const now = deps.clock.now();
  const items = (
    await collectDuePlans(
      deps.db.kysely,
      now,
      [ctx.actor.userId, ...ctx.actor.superviseeIds],
      ctx.actor.userId,
    )
  ).map((d) => d.item);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.due.list',
      patientIds: items.map((i) => i.patientId),
      recordType: 'treatment_plan',
    },
    now,
  );
  return { items };
};
