import type { Kysely, Transaction } from 'kysely';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import type { CaseManagement, CaseTask, CreateCaseTaskBody } from '../../core/api/caseManagement.js';
import { NEED_DOMAIN_LABELS, type NeedDomain } from '../../core/caseManagement/needs.js';
import type { FieldError } from '../../core/errors/domainError.js';
import { recordReadAudit } from '../../db/audit.js';
import type { TaskRow } from '../../db/repositories/tasks.js';
import type { Database } from '../../db/schema.js';
import { loadActor } from '../auth/actor.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { loadNeeds } from './caseNeeds.js';
import { loadReferrals } from './communityReferrals.js';
import { invalid } from './scheduleAccess.js';
import { createTask, presentTask } from './tasks.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The case management picture of one patient (SPEC §9): needs, referrals to outside organisations,
 * and the tasks that move them. Tasks are ordinary tasks (tasks.ts) whose source is a need or a
 * referral, so they show in their owners' worklists like any other.
 */

const CASE_SOURCES = ['case_need', 'community_referral'] as const;
type CaseSource = (typeof CASE_SOURCES)[number];

const sourceLabel = (
  type: CaseSource,
  id: string,
  needs: Map<string, NeedDomain>,
  referrals: Map<string, string>,
): string => {
  if (type === 'case_need') {
    const domain = needs.get(id);
    return domain ? `${NEED_DOMAIN_LABELS[domain]} need` : 'Need';
  }
  const organisation = referrals.get(id);
  return organisation ? `Referral to ${organisation}` : 'Referral';
};

const loadCaseTasks = async (
  executor: Executor,
  patientId: string,
  now: Date,
  labels: { needs: Map<string, NeedDomain>; referrals: Map<string, string> },
): Promise<CaseTask[]> => {
  const rows: TaskRow[] = await executor
    .selectFrom('tasks as t')
    .leftJoin('patients as p', 'p.id', 't.patient_id')
    .innerJoin('users as o', 'o.id', 't.owner_user_id')
    .selectAll('t')
    .select([
      'p.first_name as patient_first_name',
      'p.last_name as patient_last_name',
      'o.display_name as owner_name',
    ])
    .where('t.patient_id', '=', patientId)
    .where('t.source_type', 'in', [...CASE_SOURCES])
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute();
  const open = (s: string) => (s === 'open' ? 0 : 1);
  return rows
    .map((row) => {
      const type = row.source_type as CaseSource;
      return {
        task: presentTask(row, now),
        sourceType: type,
        sourceLabel: sourceLabel(type, row.source_id ?? '', labels.needs, labels.referrals),
      };
    })
    .sort((a, b) => open(a.task.status) - open(b.task.status));
};

const loadCaseManagement = async (
  executor: Executor,
  patientId: string,
  now: Date,
): Promise<CaseManagement> => {
  const [needs, referrals] = await Promise.all([
    loadNeeds(executor, patientId),
    loadReferrals(executor, patientId),
  ]);
  const tasks = await loadCaseTasks(executor, patientId, now, {
    needs: new Map(needs.map((n) => [n.id, n.domain])),
    referrals: new Map(referrals.map((r) => [r.id, r.organisation])),
  });
  return { patientId, needs, referrals, tasks };
};

export const getCaseManagement = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<CaseManagement> => {
  await authorizePatient(deps, ctx, patientId, 'case.read');
  const now = deps.clock.now();
  const view = await loadCaseManagement(deps.db.kysely, patientId, now);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'case_management.read',
      patientIds: [patientId],
      recordType: 'case_management',
      detail: { needs: view.needs.length, referrals: view.referrals.length, tasks: view.tasks.length },
    },
    now,
  );
  return view;
};

/**
 * A task about a need or referral, for the caller or a colleague who can see the patient (their
 * worklist shows the patient's name). Due dates may be today or later.
 */
export const createCaseTask = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateCaseTaskBody,
): Promise<CaseManagement> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'case.write');
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const errors: FieldError[] = [];
  const source =
    body.sourceType === 'case_need'
      ? await db
          .selectFrom('case_needs')
          .select('id')
          .where('id', '=', body.sourceId)
          .where('patient_id', '=', patientId)
          .executeTakeFirst()
      : await db
          .selectFrom('community_referrals')
          .select('id')
          .where('id', '=', body.sourceId)
          .where('patient_id', '=', patientId)
          .executeTakeFirst();
  if (!source) errors.push({ field: '/sourceId', message: 'is not a need or referral of this patient' });
  // A day's grace: a task "due today" picked in a browser west of the site can land just before now.
  if (new Date(body.dueAt).getTime() < now.getTime() - 86_400_000)
    errors.push({ field: '/dueAt', message: 'must not be in the past' });
  const ownerUserId = body.ownerUserId ?? ctx.actor.userId;
  if (ownerUserId !== ctx.actor.userId) {
    const owner = await loadActor(deps.db, ownerUserId);
    if (!owner) errors.push({ field: '/ownerUserId', message: 'is not an active staff member' });
    // The caller's break-the-glass grant is theirs alone.
    else if (!decidePatientAccess(owner, { ...facts, breakGlass: false }, 'patient.read').allowed)
      errors.push({ field: '/ownerUserId', message: "cannot see this patient's record" });
  }
  if (errors.length > 0) throw invalid(errors, 'The task is not valid.');
  await db.transaction().execute((trx) =>
    createTask(
      trx,
      deps,
      {
        ownerUserId,
        dueAt: body.dueAt,
        patientId,
        title: body.title,
        ...(body.detail !== undefined ? { detail: body.detail } : {}),
        sourceType: body.sourceType,
        sourceId: body.sourceId,
        actor: { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId },
      },
      now,
    ),
  );
  return loadCaseManagement(db, patientId, now);
};
