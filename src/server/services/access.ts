import { type Kysely, sql, type Transaction } from 'kysely';
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
import { parameter, preparedQuery } from '../../db/prepared.js';
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
  const loaded = await loadRelationshipFacts(executor, patientId, now);
  if (!loaded) return null;
  return { ...loaded.facts, breakGlass: await holdsBreakGlass(executor, actorUserId, patientId, now) };
};

/**
 * The patient row, the open caseload and the group leaders in one round trip, compiled once: every
 * request about a patient starts here.
 */
const relationshipRows = preparedQuery((db) =>
  db
    .selectFrom('patients as p')
    .innerJoin('sites as st', 'st.id', 'p.site_id')
    .select([
      sql.lit('patient').as('kind'),
      'p.site_id as a',
      sql<string | null>`${sql.ref('p.status')}`.as('b'),
      sql<string | null>`${sql.ref('st.time_zone')}`.as('c'),
    ])
    .where('p.id', '=', parameter('patientId'))
    .unionAll(
      db
        .selectFrom('caseload_assignments as ca')
        .select([
          sql.lit('caseload').as('kind'),
          'ca.user_id as a',
          sql<string | null>`null`.as('b'),
          sql<string | null>`null`.as('c'),
        ])
        .where('ca.patient_id', '=', parameter('patientId'))
        .where('ca.ended_at', 'is', null),
    )
    .unionAll(
      db
        .selectFrom('series_memberships as m')
        .innerJoin('session_series as ss', 'ss.id', 'm.series_id')
        .select([
          sql.lit('group').as('kind'),
          'ss.clinician_id as a',
          sql<string | null>`${sql.ref('m.left_on')}`.as('b'),
          sql<string | null>`null`.as('c'),
        ])
        .where('m.patient_id', '=', parameter('patientId'))
        .where('ss.archived_at', 'is', null),
    ),
);

/**
 * Facts from the patient row, caseload and group memberships, and the site's time zone; break-the-glass
 * is looked up only when it could matter.
 */
const loadRelationshipFacts = async (
  executor: Executor,
  patientId: string,
  now: Date,
): Promise<{ facts: PatientAccessFacts; timeZone: string } | null> => {
  const rows = await relationshipRows(executor, { patientId });
  const patient = rows.find((r) => r.kind === 'patient');
  if (!patient) return null;
  const timeZone = patient.c ?? 'UTC';
  const today = calendarDateIn(now, timeZone);
  return {
    facts: {
      siteId: patient.a,
      status: patient.b as PatientStatus,
      caseloadUserIds: rows.filter((r) => r.kind === 'caseload').map((r) => r.a),
      groupLeaderUserIds: rows
        .filter((r) => r.kind === 'group' && (r.b === null || r.b > today))
        .map((r) => r.a),
      breakGlass: false,
    },
    timeZone,
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
): Promise<{ facts: PatientAccessFacts; basis: AccessBasis; timeZone: string }> => {
  const now = deps.clock.now();
  const loaded = await loadRelationshipFacts(executor, patientId, now);
  if (!loaded) throw new DomainError('NOT_FOUND', 'No such patient.');
  let { facts } = loaded;
  const { timeZone } = loaded;
  let decision = decidePatientAccess(ctx.actor, facts, action);
  if (
    !decision.allowed &&
    BREAK_GLASS_ROLES.includes(ctx.actor.role) &&
    (await holdsBreakGlass(executor, ctx.actor.userId, patientId, now))
  ) {
    facts = { ...facts, breakGlass: true };
    decision = decidePatientAccess(ctx.actor, facts, action);
  }
  if (decision.allowed) return { facts, basis: decision.basis, timeZone };
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
