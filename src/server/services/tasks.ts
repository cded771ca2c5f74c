import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import { isStaffRole } from '../../core/access/roles.js';
import type { CreateTaskBody, Task } from '../../core/api/alerts.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import {
  findOpenTaskBySource,
  insertTask,
  listTasksForOwner,
  loadActiveStaffUser,
  loadTask,
  type TaskRow,
  type TaskStatusFilter,
  updateTaskIfVersion,
} from '../../db/repositories/tasks.js';
import type { Database, TasksTable } from '../../db/schema.js';
import { loadActor } from '../auth/actor.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, denyAndAudit, loadPatientAccessFacts } from './access.js';
import { alertPatientName, lockSourceKey, type SystemOrUserActor } from './alerts.js';

export interface CreateTaskInput {
  ownerUserId: string;
  dueAt: Date | string;
  /** The patient the task is about; null for other work. */
  patientId: string | null;
  /** Like alert titles: what to do, without clinical detail beyond what the owner needs. */
  title: string;
  detail?: string;
  /** What raised the task (e.g. `episode` + its id for a 30-day follow-up): the link back. */
  sourceType?: string;
  sourceId?: string;
  /** The source was created in the caller's transaction, so nothing can duplicate the task yet (see `RaiseAlertInput`). */
  sourceIsNew?: boolean;
  actor?: SystemOrUserActor | null;
}

export interface CreatedTask {
  id: string;
  ownerUserId: string;
  /** True when the same source had already given the same person an open task with this title. */
  deduplicated: boolean;
}

const parseInstant = (value: Date | string): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * Creates a task inside the caller's transaction, with its audit event. The owner must be an
 * active staff user. Repeating a (source, owner, title) while that task is open returns it instead
 * of a duplicate, so jobs that re-run stay harmless.
 */
export const createTask = async (
  trx: Transaction<Database>,
  deps: Pick<AppDeps, 'db'>,
  input: CreateTaskInput,
  now: Date,
): Promise<CreatedTask> => {
  const fields: FieldError[] = [];
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200)
    fields.push({ field: '/title', message: 'must be 1 to 200 characters' });
  if (input.detail !== undefined && input.detail.length > 2000)
    fields.push({ field: '/detail', message: 'must be at most 2000 characters' });
  const dueAt = parseInstant(input.dueAt);
  if (dueAt === null) fields.push({ field: '/dueAt', message: 'must be a date and time' });
  if ((input.sourceType === undefined) !== (input.sourceId === undefined)) {
    fields.push({ field: '/sourceId', message: 'sourceType and sourceId go together' });
  }
  const owner = await loadActiveStaffUser(trx, input.ownerUserId);
  if (!owner || !isStaffRole(owner.role))
    fields.push({ field: '/ownerUserId', message: 'is not an active staff member' });
  if (input.patientId !== null) {
    const patient = await trx
      .selectFrom('patients')
      .select('id')
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient) fields.push({ field: '/patientId', message: 'does not exist' });
  }
  if (fields.length > 0 || dueAt === null)
    throw new DomainError('VALIDATION_FAILED', 'The task is not valid.', { fields });

  if (input.sourceType !== undefined && input.sourceId !== undefined && !input.sourceIsNew) {
    await lockSourceKey(trx, deps, `task:${input.sourceType}:${input.sourceId}:${input.ownerUserId}`);
    const existing = await findOpenTaskBySource(trx, {
      ownerUserId: input.ownerUserId,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      title,
    });
    if (existing) return { id: existing.id, ownerUserId: existing.owner_user_id, deduplicated: true };
  }

  const id = randomUUID();
  const row: TasksTable = {
    id,
    patient_id: input.patientId,
    title,
    detail: input.detail?.trim() || null,
    owner_user_id: input.ownerUserId,
    due_at: dueAt.toISOString(),
    status: 'open',
    source_type: input.sourceType ?? null,
    source_id: input.sourceId ?? null,
    created_by: input.actor?.userId ?? null,
    created_at: now.toISOString(),
    completed_at: null,
    completed_by: null,
    version: 1,
  };
  await insertTask(trx, row);
  await recordAudit(
    trx,
    {
      actorUserId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      ip: input.actor?.ip ?? null,
      requestId: input.actor?.requestId ?? null,
      action: 'task.create',
      patientIds: input.patientId !== null ? [input.patientId] : [],
      recordType: 'task',
      recordId: id,
      detail: { ownerUserId: input.ownerUserId, sourceType: row.source_type, sourceId: row.source_id },
    },
    now,
  );
  return { id, ownerUserId: input.ownerUserId, deduplicated: false };
};

/** Staff-facing: every field that leaves the server is named here. */
export const presentTask = (row: TaskRow, now: Date): Task => ({
  id: row.id,
  patientId: row.patient_id,
  patientName: alertPatientName(row),
  title: row.title,
  detail: row.detail,
  owner: { id: row.owner_user_id, displayName: row.owner_name },
  dueAt: row.due_at,
  status: row.status as Task['status'],
  sourceType: row.source_type,
  sourceId: row.source_id,
  createdAt: row.created_at,
  completedAt: row.completed_at,
  overdue: row.status === 'open' && row.due_at < now.toISOString(),
  version: row.version,
});

export interface TaskListOptions {
  status?: TaskStatusFilter | undefined;
  limit?: number | undefined;
}

/** The caller's worklist. One audit event names every patient shown. */
export const listMyTasks = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: TaskListOptions,
): Promise<Task[]> => {
  const status = query.status ?? 'open';
  const rows = await listTasksForOwner(deps.db.kysely, ctx.actor.userId, status, query.limit ?? 100);
  const now = deps.clock.now();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'task.list',
      patientIds: rows.flatMap((r) => (r.patient_id !== null ? [r.patient_id] : [])),
      recordType: 'task',
      detail: { status, resultCount: rows.length },
    },
    now,
  );
  return rows.map((row) => presentTask(row, now));
};

const reload = async (deps: AppDeps, taskId: string): Promise<Task> => {
  const row = await loadTask(deps.db.kysely, taskId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such task.');
  return presentTask(row, deps.clock.now());
};

/**
 * A staff member creates a task for themselves or a colleague. With a patient, the creator must be
 * able to read the patient, and so must the owner: a worklist shows the patient's name.
 */
export const createTaskForActor = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateTaskBody,
): Promise<Task> => {
  if (!isStaffRole(ctx.actor.role)) return denyAndAudit(deps, ctx, 'task.create', 'Only staff create tasks.');
  const patientId = body.patientId ?? null;
  const ownerUserId = body.ownerUserId ?? ctx.actor.userId;
  if (patientId !== null) {
    const { facts } = await authorizePatient(deps, ctx, patientId, 'patient.read');
    if (ownerUserId !== ctx.actor.userId) {
      const owner = await loadActor(deps.db, ownerUserId);
      if (owner && !decidePatientAccess(owner, facts, 'patient.read').allowed) {
        throw new DomainError('VALIDATION_FAILED', 'The owner cannot see this patient.', {
          fields: [{ field: '/ownerUserId', message: "cannot see this patient's record" }],
        });
      }
    }
  }
  const now = deps.clock.now();
  const created = await deps.db.kysely.transaction().execute((trx) =>
    createTask(
      trx,
      deps,
      {
        ownerUserId,
        dueAt: body.dueAt,
        patientId,
        title: body.title,
        ...(body.detail !== undefined ? { detail: body.detail } : {}),
        actor: { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId },
      },
      now,
    ),
  );
  return reload(deps, created.id);
};

const staleTask = (currentVersion: number): DomainError =>
  new DomainError('STALE_VERSION', 'This task changed since you opened it. Reload to see it.', {
    extra: { currentVersion },
  });

/** The owner marks a task done; so may the owner's clinical supervisor. */
export const completeTask = async (
  deps: AppDeps,
  ctx: RequestContext,
  taskId: string,
  body: { version: number },
): Promise<Task> => {
  const task = await loadTask(deps.db.kysely, taskId);
  if (!task) throw new DomainError('NOT_FOUND', 'No such task.');
  const { actor } = ctx;
  if (task.owner_user_id !== actor.userId && !actor.superviseeIds.includes(task.owner_user_id)) {
    const now = deps.clock.now();
    let visible = false;
    if (task.patient_id !== null) {
      const facts = await loadPatientAccessFacts(deps.db.kysely, actor.userId, task.patient_id, now);
      visible = facts !== null && decidePatientAccess(actor, facts, 'alert.read').allowed;
    }
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'access.denied',
        patientIds: task.patient_id !== null ? [task.patient_id] : [],
        recordType: 'task',
        recordId: task.id,
        detail: { attempted: 'task.complete' },
      },
      now,
    );
    if (visible)
      throw new DomainError('FORBIDDEN', "Only the task's owner or their supervisor may complete it.");
    throw new DomainError('NOT_FOUND', 'No such task.');
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such task.');
    if (current.version !== body.version) throw staleTask(current.version);
    if (current.status !== 'open')
      throw new DomainError('INVALID_STATE', `This task is already ${current.status}.`);
    const updated = await updateTaskIfVersion(trx, taskId, body.version, {
      status: 'done',
      completed_at: nowIso,
      completed_by: actor.userId,
    });
    if (!updated) {
      const latest = await trx
        .selectFrom('tasks')
        .select('version')
        .where('id', '=', taskId)
        .executeTakeFirst();
      throw staleTask(latest?.version ?? body.version);
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'task.complete',
        patientIds: current.patient_id !== null ? [current.patient_id] : [],
        recordType: 'task',
        recordId: taskId,
        detail: { ownerUserId: current.owner_user_id },
      },
      now,
    );
  });
  return reload(deps, taskId);
};
