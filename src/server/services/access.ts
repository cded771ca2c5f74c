import type { Kysely, Transaction } from 'kysely';
import {
  type AccessBasis,
  BREAK_GLASS_ROLES,
  decidePatientAccess,
  type PatientAccessFacts,
  type PatientAction,
} from '../../core/access/patientPolicy.js';
import type { PatientStatus } from '../../core/care/levels.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Every access fact about one patient for one actor, break-the-glass included. */
export const loadPatientAccessFacts = async (
  executor: Executor,
  actorUserId: string,
  patientId: string,
  now: Date,
): Promise<PatientAccessFacts | null> => {
  const facts = await loadRelationshipFacts(executor, patientId, now);
  if (!facts) return null;
  return { ...facts, breakGlass: await holdsBreakGlass(executor, actorUserId, patientId, now) };
};

/**
 * Facts from the patient row, caseload and group memberships; break-the-glass is looked up only when
 * it could matter.
 */
const loadRelationshipFacts = async (
  executor: Executor,
  patientId: string,
  now: Date,
): Promise<PatientAccessFacts | null> => {
  const [patient, caseload, groups] = await Promise.all([
    executor
      .selectFrom('patients')
      .innerJoin('sites', 'sites.id', 'patients.site_id')
      .select(['patients.site_id', 'patients.status', 'sites.time_zone'])
      .where('patients.id', '=', patientId)
      .executeTakeFirst(),
    executor
      .selectFrom('caseload_assignments')
      .select('user_id')
      .where('patient_id', '=', patientId)
      .where('ended_at', 'is', null)
      .execute(),
    groupLeadersOf(executor, patientId),
  ]);
  if (!patient) return null;
  const today = calendarDateIn(now, patient.time_zone);
  return {
    siteId: patient.site_id,
    status: patient.status as PatientStatus,
    caseloadUserIds: caseload.map((c) => c.user_id),
    groupLeaderUserIds: groups
      .filter((g) => g.left_on === null || g.left_on > today)
      .map((g) => g.clinician_id),
    breakGlass: false,
  };
};

/** Leaders of the series a patient belongs to (or left), with when they left; callers judge "current". */
export const groupLeadersOf = (executor: Executor, patientId: string) =>
  executor
    .selectFrom('series_memberships as m')
    .innerJoin('session_series as s', 's.id', 'm.series_id')
    .select(['s.clinician_id', 'm.left_on'])
    .where('m.patient_id', '=', patientId)
    .where('s.archived_at', 'is', null)
    .execute();

const holdsBreakGlass = async (
  executor: Executor,
  userId: string,
  patientId: string,
  now: Date,
): Promise<boolean> => {
  const grant = await executor
    .selectFrom('break_glass_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('patient_id', '=', patientId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return grant !== undefined;
};

/**
 * Authorizes one action on one patient. A caller with no relationship to the patient gets 404, as if
 * the record did not exist; a related caller whose role lacks the action gets 403. Every denial is audited.
 */
export const authorizePatient = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  action: PatientAction,
  executor: Executor = deps.db.kysely,
): Promise<{ facts: PatientAccessFacts; basis: AccessBasis }> => {
  const now = deps.clock.now();
  let facts = await loadRelationshipFacts(executor, patientId, now);
  if (!facts) throw new DomainError('NOT_FOUND', 'No such patient.');
  let decision = decidePatientAccess(ctx.actor, facts, action);
  if (
    !decision.allowed &&
    BREAK_GLASS_ROLES.includes(ctx.actor.role) &&
    (await holdsBreakGlass(executor, ctx.actor.userId, patientId, now))
  ) {
    facts = { ...facts, breakGlass: true };
    decision = decidePatientAccess(ctx.actor, facts, action);
  }
  if (decision.allowed) return { facts, basis: decision.basis };
  await recordAudit(
    deps.db.kysely,
    {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'access.denied',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { attempted: action, reason: decision.reason },
    },
    now,
  );
  const related = decidePatientAccess(ctx.actor, facts, 'patient.read').allowed;
  if (related) throw new DomainError('FORBIDDEN', `Your role may not do this (${action}).`);
  throw new DomainError('NOT_FOUND', 'No such patient.');
};

/** Audits a refused non-patient action (admin pages, reports) so every denial leaves a trace. */
export const denyAndAudit = async (
  deps: AppDeps,
  ctx: RequestContext,
  attempted: string,
  message: string,
): Promise<never> => {
  await recordAudit(
    deps.db.kysely,
    {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'access.denied',
      patientIds: [],
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { attempted },
    },
    deps.clock.now(),
  );
  throw new DomainError('FORBIDDEN', message);
};

export const auditFor = (ctx: RequestContext) => ({
  actorUserId: ctx.actor.userId,
  actorRole: ctx.actor.role,
  ip: ctx.ip,
  requestId: ctx.requestId,
});
