import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CaseNeed, CreateNeedBody, UpdateNeedBody } from '../../core/api/caseManagement.js';
import {
  NEED_DOMAIN_LABELS,
  type NeedDomain,
  type NeedPriority,
  type NeedStatus,
  needStatusRefusal,
} from '../../core/caseManagement/needs.js';
import { DomainError } from '../../core/errors/domainError.js';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { lockSourceKey } from './alerts.js';
import { siteTodayOf } from './diagnoses.js';
import { stale } from './scheduleAccess.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Case management needs by domain (SPEC §9). One open need per domain: a second housing need while
 * the first is being worked on is the same need, and two cards would split its history.
 */

const selectNeeds = (executor: Executor) =>
  executor
    .selectFrom('case_needs as n')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .selectAll('n')
    .select('u.display_name as created_by_name');

type NeedRow = Awaited<ReturnType<ReturnType<typeof selectNeeds>['execute']>>[number];

const presentNeed = (row: NeedRow): CaseNeed => ({
  id: row.id,
  patientId: row.patient_id,
  domain: row.domain as NeedDomain,
  status: row.status as NeedStatus,
  priority: row.priority as NeedPriority,
  note: row.note,
  identifiedOn: row.identified_on,
  statusChangedAt: row.status_changed_at,
  createdBy: { id: row.created_by, displayName: row.created_by_name },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const loadNeeds = async (executor: Executor, patientId: string): Promise<CaseNeed[]> =>
  (await selectNeeds(executor).where('n.patient_id', '=', patientId).orderBy('n.created_at').execute()).map(
    presentNeed,
  );

const loadNeed = async (executor: Executor, needId: string): Promise<CaseNeed> =>
  presentNeed(await selectNeeds(executor).where('n.id', '=', needId).executeTakeFirstOrThrow());

const isOpen = (status: NeedStatus): boolean => status === 'identified' || status === 'in_progress';

const refuseSecondOpen = async (
  trx: Transaction<Database>,
  deps: AppDeps,
  patientId: string,
  domain: NeedDomain,
  exceptId: string | null,
): Promise<void> => {
  await lockSourceKey(trx, deps, `case-need:${patientId}:${domain}`);
  let query = trx
    .selectFrom('case_needs')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('domain', '=', domain)
    .where('status', 'in', ['identified', 'in_progress']);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst())
    throw new DomainError(
      'CONFLICT',
      `The patient already has an open ${NEED_DOMAIN_LABELS[domain].toLowerCase()} need. Update that one instead.`,
    );
};

const orNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
};

export const createNeed = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateNeedBody,
): Promise<CaseNeed> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'case.write');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  const status = body.status ?? 'identified';
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (isOpen(status)) await refuseSecondOpen(trx, deps, patientId, body.domain, null);
    await trx
      .insertInto('case_needs')
      .values({
        id,
        patient_id: patientId,
        domain: body.domain,
        status,
        priority: body.priority,
        note: orNull(body.note),
        identified_on: today,
        status_changed_at: nowIso,
        created_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'case_need.create',
        patientIds: [patientId],
        recordType: 'case_need',
        recordId: id,
        detail: { domain: body.domain, status, priority: body.priority },
      },
      now,
    );
  });
  return loadNeed(deps.db.kysely, id);
};

export const updateNeed = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  needId: string,
  body: UpdateNeedBody,
): Promise<CaseNeed> => {
  await authorizePatient(deps, ctx, patientId, 'case.write');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('case_needs')
      .selectAll()
      .where('id', '=', needId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such need for this patient.');
    if (current.version !== body.version) throw stale('need', current.version);
    const from = current.status as NeedStatus;
    const to = body.status ?? from;
    const refusal = needStatusRefusal(from, to);
    if (refusal)
      throw new DomainError('VALIDATION_FAILED', refusal, {
        fields: [{ field: '/status', message: refusal }],
      });
    if (!isOpen(from) && isOpen(to))
      await refuseSecondOpen(trx, deps, patientId, current.domain as NeedDomain, needId);
    const result = await trx
      .updateTable('case_needs')
      .set({
        status: to,
        priority: body.priority ?? current.priority,
        note: body.note !== undefined ? orNull(body.note) : current.note,
        status_changed_at: to !== from ? nowIso : current.status_changed_at,
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', needId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('need', current.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'case_need.update',
        patientIds: [patientId],
        recordType: 'case_need',
        recordId: needId,
        detail: { from, to, priority: body.priority ?? current.priority },
      },
      now,
    );
  });
  return loadNeed(deps.db.kysely, needId);
};
