import type { Kysely, Transaction } from 'kysely';
import {
  decideSessionAccess,
  roleMayManageSessions,
  type SessionAction,
} from '../../core/access/sessionPolicy.js';
import { isStaffRole } from '../../core/access/roles.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { loadSeries, type StoredSeries } from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Who may see and arrange the schedule: the session policy on a series (its site and leader), and
 * the "session manager at a site" check for what has no leader yet (new series, rooms, closures).
 * Every refusal is audited like the patient policy's.
 */

const auditDenial = async (
  deps: AppDeps,
  ctx: RequestContext,
  attempted: string,
  record: { type: string; id: string } | null,
  reason: string,
): Promise<void> => {
  await recordAudit(
    deps.db.kysely,
    {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'access.denied',
      patientIds: [],
      recordType: record?.type ?? null,
      recordId: record?.id ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { attempted, reason },
    },
    deps.clock.now(),
  );
};

export const mayOnSeries = (ctx: RequestContext, stored: StoredSeries, action: SessionAction): boolean =>
  decideSessionAccess(ctx.actor, { siteId: stored.row.site_id, clinicianId: stored.row.clinician_id }, action)
    .allowed;

/**
 * A series the caller may act on: 404 when it does not exist or the caller may not even see it
 * (another site's calendar), 403 when they see it but may not do this.
 */
export const authorizeSeries = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  action: SessionAction,
  executor: Executor = deps.db.kysely,
): Promise<StoredSeries> => {
  const stored = await loadSeries(executor, seriesId);
  if (!stored) throw new DomainError('NOT_FOUND', 'No such session series.');
  if (mayOnSeries(ctx, stored, action)) return stored;
  const decision = decideSessionAccess(
    ctx.actor,
    { siteId: stored.row.site_id, clinicianId: stored.row.clinician_id },
    action,
  );
  await auditDenial(
    deps,
    ctx,
    action,
    { type: 'session_series', id: seriesId },
    decision.allowed ? '' : decision.reason,
  );
  if (mayOnSeries(ctx, stored, 'session.read'))
    throw new DomainError('FORBIDDEN', `Your role may not do this (${action}).`);
  throw new DomainError('NOT_FOUND', 'No such session series.');
};

/** A session manager (front desk, supervisor, director, administrator) working at the site. */
export const mayManageAt = (ctx: RequestContext, siteId: string): boolean =>
  roleMayManageSessions(ctx.actor.role) && (ctx.actor.role === 'admin' || ctx.actor.siteIds.includes(siteId));

export const requireManagerAt = async (
  deps: AppDeps,
  ctx: RequestContext,
  siteId: string,
  attempted: string,
  record: { type: string; id: string } | null = null,
): Promise<void> => {
  if (mayManageAt(ctx, siteId)) return;
  await auditDenial(deps, ctx, attempted, record, 'not a session manager at the site');
  throw new DomainError('FORBIDDEN', 'Only the schedule’s managers at this site may do this.');
};

export const stale = (what: string, currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    `Someone else changed this ${what} since you opened it. Reload to see their changes.`,
    { extra: { currentVersion } },
  );

export const invalid = (fields: FieldError[], message = 'The request is not valid.'): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    fields.length === 1 ? `${fields[0]?.field.slice(1)} ${fields[0]?.message}` : message,
    {
      fields,
    },
  );

export const siteTimeZone = async (executor: Executor, siteId: string): Promise<string | null> =>
  (await executor.selectFrom('sites').select('time_zone').where('id', '=', siteId).executeTakeFirst())
    ?.time_zone ?? null;

/** Field errors for a leader: an active staff member who works at the site. */
export const checkClinician = async (
  executor: Executor,
  clinicianId: string,
  siteId: string,
  field: string,
): Promise<FieldError[]> => {
  const user = await executor
    .selectFrom('users')
    .innerJoin('user_sites', 'user_sites.user_id', 'users.id')
    .select(['users.role', 'users.active'])
    .where('users.id', '=', clinicianId)
    .where('user_sites.site_id', '=', siteId)
    .executeTakeFirst();
  return user && user.active === 1 && isStaffRole(user.role)
    ? []
    : [{ field, message: 'must be an active staff member who works at the site' }];
};

/** Field errors for a room: an active room of the site. Returns its seats when it is one. */
export const checkRoom = async (
  executor: Executor,
  roomId: string,
  siteId: string,
  field: string,
): Promise<{ errors: FieldError[]; seats: number | null }> => {
  const room = await executor
    .selectFrom('rooms')
    .select(['seats', 'active'])
    .where('id', '=', roomId)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return room && room.active === 1
    ? { errors: [], seats: room.seats }
    : { errors: [{ field, message: 'must be an active room at the site' }], seats: null };
};
