import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { closingRuleFor, SAFETY_ALERT_KIND } from '../../core/alerts/closing.js';
import {
  type CreateSafetyAssessmentBody,
  SAFETY_OUTCOME_LABELS,
  type SafetyAssessment,
} from '../../core/api/measures.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import { updateAlertIfVersion } from '../../db/repositories/alerts.js';
import type { Database, SafetyAssessmentsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentSafetyAssessment } from '../presenters/measures.js';
import { auditFor, authorizePatient } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

const withAuthor = (executor: Executor) =>
  executor
    .selectFrom('safety_assessments as s')
    .innerJoin('users as u', 'u.id', 's.documented_by')
    .selectAll('s')
    .select('u.display_name as documented_by_name');

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

const checkBody = (body: CreateSafetyAssessmentBody): FieldError[] => {
  const fields: FieldError[] = [];
  if (body.outcome === 'safety_plan' && blank(body.safetyPlan))
    fields.push({ field: '/safetyPlan', message: 'write the safety plan made with the patient' });
  if (body.outcome === 'emergency_action' && blank(body.emergencyAction))
    fields.push({ field: '/emergencyAction', message: 'say what emergency action was taken' });
  return fields;
};

/**
 * Closes the linked safety alert inside the assessment's transaction. The alert must be an open
 * safety alert about this patient; a change to it since it was read (another clinician closing it
 * at the same moment) is refused with 409 and nothing is stored.
 */
const closeSafetyAlert = async (
  trx: Transaction<Database>,
  ctx: RequestContext,
  patientId: string,
  alertId: string,
  assessmentId: string,
  body: CreateSafetyAssessmentBody,
  now: Date,
): Promise<void> => {
  const alert = await trx
    .selectFrom('alerts')
    .select(['id', 'patient_id', 'kind', 'status', 'version', 'acknowledged_at', 'acknowledged_by'])
    .where('id', '=', alertId)
    .executeTakeFirst();
  if (!alert || alert.patient_id !== patientId)
    throw new DomainError('VALIDATION_FAILED', 'That alert is not about this patient.', {
      fields: [{ field: '/alertId', message: 'is not an alert about this patient' }],
    });
  if (alert.kind !== SAFETY_ALERT_KIND)
    throw new DomainError(
      'VALIDATION_FAILED',
      'A safety assessment closes safety alerts; other alerts are resolved with a note.',
      { fields: [{ field: '/alertId', message: 'is not a safety alert' }] },
    );
  if (alert.status === 'resolved')
    throw new DomainError(
      'INVALID_STATE',
      'This safety alert is already closed. Document without linking it.',
    );
  const nowIso = now.toISOString();
  const updated = await updateAlertIfVersion(trx, alertId, alert.version, {
    status: 'resolved',
    acknowledged_at: alert.acknowledged_at ?? nowIso,
    acknowledged_by: alert.acknowledged_by ?? ctx.actor.userId,
    resolved_at: nowIso,
    resolved_by: ctx.actor.userId,
    // Alerts hold no clinical content: the note points at the assessment instead of repeating it.
    resolution_note: `Closed by a documented safety assessment: ${SAFETY_OUTCOME_LABELS[body.outcome].toLowerCase()}.`,
    escalate_at: null,
  });
  if (!updated)
    throw new DomainError(
      'STALE_VERSION',
      'This alert changed while you were documenting. Reload and try again.',
    );
  await recordAudit(
    trx,
    {
      ...auditFor(ctx),
      action: 'alert.resolve',
      patientIds: [patientId],
      recordType: 'alert',
      recordId: alertId,
      detail: {
        kind: alert.kind,
        wasAcknowledged: alert.acknowledged_at !== null,
        via: 'safety_assessment',
        safetyAssessmentId: assessmentId,
      },
    },
    now,
  );
};

/**
 * Documents a suicide-risk assessment with its safety plan, or the emergency action taken (SPEC §4).
 * With `alertId`, the safety alert it answers closes in the same transaction: this is the only way a
 * safety alert closes (core/alerts/closing.ts). Anyone the policy lets document safety for the
 * patient may do it, whoever holds the alert.
 */
export const createSafetyAssessment = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateSafetyAssessmentBody,
): Promise<SafetyAssessment> => {
  await authorizePatient(deps, ctx, patientId, 'safety.document');
  // The closing rule names who may close a safety alert; it holds here as well as in the policy.
  const rule = closingRuleFor(SAFETY_ALERT_KIND);
  if (
    body.alertId !== undefined &&
    rule.resolverRoles !== null &&
    !rule.resolverRoles.includes(ctx.actor.role)
  ) {
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'access.denied',
        patientIds: [patientId],
        recordType: 'alert',
        recordId: body.alertId,
        detail: { attempted: 'safetyAssessment.create', kind: SAFETY_ALERT_KIND },
      },
      deps.clock.now(),
    );
    throw new DomainError('FORBIDDEN', rule.requirement ?? 'Your role may not close this alert.');
  }
  const fields = checkBody(body);
  const [first] = fields;
  if (first) throw new DomainError('VALIDATION_FAILED', `For this outcome, ${first.message}.`, { fields });
  const now = deps.clock.now();
  const id = randomUUID();
  const row: SafetyAssessmentsTable = {
    id,
    patient_id: patientId,
    alert_id: body.alertId ?? null,
    outcome: body.outcome,
    risk_level: body.riskLevel ?? null,
    assessment: body.assessment.trim(),
    safety_plan: blank(body.safetyPlan) ? null : (body.safetyPlan ?? '').trim(),
    emergency_action: blank(body.emergencyAction) ? null : (body.emergencyAction ?? '').trim(),
    documented_by: ctx.actor.userId,
    documented_at: now.toISOString(),
  };
  return deps.db.kysely.transaction().execute(async (trx) => {
    if (body.alertId !== undefined) await closeSafetyAlert(trx, ctx, patientId, body.alertId, id, body, now);
    await trx.insertInto('safety_assessments').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'safetyAssessment.create',
        patientIds: [patientId],
        recordType: 'safety_assessment',
        recordId: id,
        detail: { outcome: body.outcome, riskLevel: row.risk_level, alertId: row.alert_id },
      },
      now,
    );
    const stored = await withAuthor(trx).where('s.id', '=', id).executeTakeFirstOrThrow();
    return presentSafetyAssessment(stored);
  });
};

export const listSafetyAssessments = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<SafetyAssessment[]> => {
  await authorizePatient(deps, ctx, patientId, 'measure.read');
  const rows = await withAuthor(deps.db.kysely)
    .where('s.patient_id', '=', patientId)
    .orderBy('s.documented_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'safetyAssessment.list',
      patientIds: [patientId],
      recordType: 'safety_assessment',
      detail: { resultCount: rows.length },
    },
    deps.clock.now(),
  );
  return rows.map(presentSafetyAssessment);
};
