import type { Kysely, Transaction } from 'kysely';
import type { Database, TasksTable } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A task with the names a worklist shows. */
export interface TaskRow extends TasksTable {
  patient_first_name: string | null;
  patient_last_name: string | null;
  owner_name: string;
}

export type TaskStatusFilter = 'open' | 'done';

const tasksWithNames = (executor: Executor) =>
  executor
    .selectFrom('tasks as t')
    .leftJoin('patients as p', 'p.id', 't.patient_id')
    .innerJoin('users as o', 'o.id', 't.owner_user_id')
    .selectAll('t')
    .select([
      'p.first_name as patient_first_name',
      'p.last_name as patient_last_name',
      'o.display_name as owner_name',
    ]);

export const loadTask = (executor: Executor, taskId: string): Promise<TaskRow | undefined> =>
  tasksWithNames(executor).where('t.id', '=', taskId).executeTakeFirst();

/** Open tasks soonest due first (overdue on top); done tasks most recently completed first. */
export const listTasksForOwner = (
  executor: Executor,
  ownerUserId: string,
  status: TaskStatusFilter,
  limit: number,
): Promise<TaskRow[]> => {
  const base = tasksWithNames(executor)
    .where('t.owner_user_id', '=', ownerUserId)
    .where('t.status', '=', status);
  const ordered =
    status === 'open'
      ? base.orderBy('t.due_at').orderBy('t.created_at')
      : base.orderBy('t.completed_at', 'desc').orderBy('t.due_at', 'desc');
  return ordered.orderBy('t.id').limit(limit).execute();
};

/** An open task the same source already gave the same person under the same title. */
export const findOpenTaskBySource = (
  executor: Executor,
  match: { ownerUserId: string; sourceType: string; sourceId: string; title: string },
): Promise<Pick<TasksTable, 'id' | 'owner_user_id'> | undefined> =>
  executor
    .selectFrom('tasks')
    .select(['id', 'owner_user_id'])
    .where('owner_user_id', '=', match.ownerUserId)
    .where('source_type', '=', match.sourceType)
    .where('source_id', '=', match.sourceId)
    .where('title', '=', match.title)
    .where('status', '=', 'open')
    .limit(1)
    .executeTakeFirst();

export const insertTask = async (trx: Transaction<Database>, row: TasksTable): Promise<void> => {
  await trx.insertInto('tasks').values(row).execute();
};

/** Optimistic update: applies only if the row still has `expectedVersion`, and bumps it. */
export const updateTaskIfVersion = async (
  trx: Transaction<Database>,
  taskId: string,
  expectedVersion: number,
  changes: Partial<Omit<TasksTable, 'id' | 'version'>>,
): Promise<boolean> => {
  const result = await trx
    .updateTable('tasks')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', taskId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

/** An active staff user who can own work, or undefined. */
export const loadActiveStaffUser = (executor: Executor, userId: string) =>
  executor
    .selectFrom('users')
    .select(['id', 'role', 'display_name'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
