import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../core/access/actor.js';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import { checkResolution } from '../../core/alerts/closing.js';
import { escalateAt } from '../../core/alerts/escalation.js';
import { resolveAlertRecipient } from '../../core/alerts/recipients.js';
import { type AlertSeverity, type AlertStatus, isAlertSeverity } from '../../core/alerts/severity.js';
import type { Alert } from '../../core/api/alerts.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import {
  type AlertRow,
  type AlertStatusFilter,
  findUnresolvedAlertBySource,
  insertAlert,
  listAlertsForPatient,
  listAlertsForRecipient,
  loadAlert,
  loadEscalationSettings,
  loadRecipientContext,
  updateAlertIfVersion,
} from '../../db/repositories/alerts.js';
import type { AlertsTable, Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, loadPatientAccessFacts } from './access.js';

/** What raising an alert needs from the app: the database (for its dialect) and the configuration. */
export type AlertDeps = Pick<AppDeps, 'db' | 'config'>;

/** Who or what raised an alert or task, for the audit log; null or absent for the system itself. */
export interface SystemOrUserActor {
  userId: string;
  role: string;
  ip?: string | null;
  requestId?: string | null;
}

export interface RaiseAlertInput {
  /** The patient the alert is about; null for a site or organization alert. */
  patientId: string | null;
  /** Used only when there is no patient (a patient's alert belongs to the patient's site). */
  siteId?: string;
  /** Stable machine name: `safety`, `measure_worsening`, `missed_sessions`, `drug_screen` … */
  kind: string;
  severity: AlertSeverity;
  /**
   * Shown in inboxes next to the patient's name. Say what needs attention, not the clinical
   * content (e.g. "PHQ-9 safety item needs review", not the answers): alerts hold no note bodies.
   */
  title: string;
  detail?: string;
  /** What raised the alert (e.g. `measure_response` + its id), for the link back and for dedupe. */
  sourceType?: string;
  sourceId?: string;
  /**
   * The source was created in the caller's transaction: no alert can name it yet and no other
   * transaction can see it, so the dedupe lock and lookup are skipped.
   */
  sourceIsNew?: boolean;
  actor?: SystemOrUserActor | null;
}

export interface RaisedAlert {
  id: string;
  recipientUserId: string;
  /** True when an unresolved alert of the same kind from the same source already existed and was returned instead. */
  deduplicated: boolean;
}

const KIND_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;

const checkRaiseInput = (input: RaiseAlertInput): FieldError[] => {
  const fields: FieldError[] = [];
  if (!KIND_PATTERN.test(input.kind))
    fields.push({ field: '/kind', message: 'must be a lower-case code of at most 64 characters' });
  if (!isAlertSeverity(input.severity))
    fields.push({ field: '/severity', message: 'must be urgent, high or normal' });
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200)
    fields.push({ field: '/title', message: 'must be 1 to 200 characters' });
  if (input.detail !== undefined && input.detail.length > 2000)
    fields.push({ field: '/detail', message: 'must be at most 2000 characters' });
  if ((input.sourceType === undefined) !== (input.sourceId === undefined)) {
    fields.push({ field: '/sourceId', message: 'sourceType and sourceId go together' });
  }
  return fields;
};

/**
 * Serialises raisers of the same (kind, source) on PostgreSQL so two concurrent requests cannot
 * both miss each other's alert; SQLite transactions already run one writer at a time.
 */
export const lockSourceKey = async (
  trx: Transaction<Database>,
  deps: Pick<AppDeps, 'db'>,
  key: string,
): Promise<void> => {
  if (deps.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
};

/**
 * Raises an alert inside the caller's transaction, with its audit event. The recipient is the
 * first active person of: the patient's primary clinician → that clinician's supervisor → the
 * site's on-call person → the site's program directors (admins if there are none). Throws
 * INVALID_STATE rather than raising an alert to nobody. An unresolved alert of the same kind from
 * the same source is returned instead of raising a second one.
 */
export const raiseAlert = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  input: RaiseAlertInput,
  now: Date,
): Promise<RaisedAlert> => {
  const fields = checkRaiseInput(input);
  if (fields.length > 0) throw new DomainError('VALIDATION_FAILED', 'The alert is not valid.', { fields });
  if (input.sourceType !== undefined && input.sourceId !== undefined && !input.sourceIsNew) {
    await lockSourceKey(trx, deps, `alert:${input.kind}:${input.sourceType}:${input.sourceId}`);
    const existing = await findUnresolvedAlertBySource(trx, input.kind, input.sourceType, input.sourceId);
    if (existing) return { id: existing.id, recipientUserId: existing.recipient_user_id, deduplicated: true };
  }
  const context = await loadRecipientContext(
    trx,
    { patientId: input.patientId, siteId: input.siteId ?? null },
    'firstRecipient',
  );
  if (!context)
    throw new DomainError('NOT_FOUND', input.patientId !== null ? 'No such patient.' : 'No such site.');
  const recipient = resolveAlertRecipient(context.facts);
  const settings = await loadEscalationSettings(trx);
  const escalation = escalateAt(
    now,
    input.severity,
    settings,
    context.timeZone ?? deps.config.defaultTimeZone,
  );
  const id = randomUUID();
  const row: AlertsTable = {
    id,
    patient_id: input.patientId,
    site_id: context.siteId,
    kind: input.kind,
    severity: input.severity,
    title: input.title.trim(),
    detail: input.detail?.trim() || null,
    source_type: input.sourceType ?? null,
    source_id: input.sourceId ?? null,
    recipient_user_id: recipient.userId,
    status: 'open',
    raised_at: now.toISOString(),
    escalation_level: 0,
    escalate_at: escalation?.toISOString() ?? null,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
    version: 1,
  };
  await insertAlert(trx, row);
  await recordAudit(
    trx,
    {
      actorUserId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      ip: input.actor?.ip ?? null,
      requestId: input.actor?.requestId ?? null,
      action: 'alert.raise',
      patientIds: input.patientId !== null ? [input.patientId] : [],
      recordType: 'alert',
      recordId: id,
      detail: {
        kind: input.kind,
        severity: input.severity,
        recipientUserId: recipient.userId,
        via: recipient.via,
        sourceType: row.source_type,
        sourceId: row.source_id,
      },
    },
    now,
  );
  return { id, recipientUserId: recipient.userId, deduplicated: false };
};

export const alertPatientName = (row: {
  patient_first_name: string | null;
  patient_last_name: string | null;
}): string | null =>
  row.patient_last_name !== null && row.patient_first_name !== null
    ? `${row.patient_last_name}, ${row.patient_first_name}`
    : null;

/** Staff-facing: every field that leaves the server is named here. */
export const presentAlert = (row: AlertRow): Alert => ({
  id: row.id,
  patientId: row.patient_id,
  patientName: alertPatientName(row),
  kind: row.kind,
  severity: row.severity as AlertSeverity,
  title: row.title,
  detail: row.detail,
  sourceType: row.source_type,
  sourceId: row.source_id,
  recipient: { id: row.recipient_user_id, displayName: row.recipient_name },
  status: row.status as AlertStatus,
  raisedAt: row.raised_at,
  escalationLevel: row.escalation_level,
  escalateAt: row.escalate_at,
  acknowledgedAt: row.acknowledged_at,
  resolvedAt: row.resolved_at,
  resolutionNote: row.resolution_note,
  version: row.version,
});

export interface AlertListOptions {
  status?: AlertStatusFilter | undefined;
  limit?: number | undefined;
}

/** The caller's inbox: alerts they hold, most severe and newest first. One audit event names every patient shown. */
export const listMyAlerts = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: AlertListOptions,
): Promise<Alert[]> => {
  const status = query.status ?? 'unresolved';
  const rows = await listAlertsForRecipient(deps.db.kysely, ctx.actor.userId, status, query.limit ?? 100);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'alert.list',
      patientIds: rows.flatMap((r) => (r.patient_id !== null ? [r.patient_id] : [])),
      recordType: 'alert',
      detail: { scope: 'inbox', status, resultCount: rows.length },
    },
    deps.clock.now(),
  );
  return rows.map(presentAlert);
};

/** Every alert about one patient (all statuses unless filtered), for the chart. */
export const listPatientAlerts = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: AlertListOptions,
): Promise<Alert[]> => {
  await authorizePatient(deps, ctx, patientId, 'alert.read');
  const rows = await listAlertsForPatient(
    deps.db.kysely,
    patientId,
    query.status ?? null,
    query.limit ?? 100,
  );
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'alert.list',
      patientIds: [patientId],
      recordType: 'alert',
      detail: { scope: 'patient', status: query.status ?? null, resultCount: rows.length },
    },
    deps.clock.now(),
  );
  return rows.map(presentAlert);
};

/** The alert's holder, the holder's clinical supervisor, or a program director of the alert's site. */
export const mayActOnAlert = (
  actor: Actor,
  alert: Pick<AlertsTable, 'recipient_user_id' | 'site_id'>,
): boolean =>
  alert.recipient_user_id === actor.userId ||
  actor.superviseeIds.includes(alert.recipient_user_id) ||
  (actor.role === 'program_director' && alert.site_id !== null && actor.siteIds.includes(alert.site_id));

/**
 * Refuses an action on an alert, audited. Someone who may read the patient's alerts learns the alert
 * exists (403); anyone else gets 404, as if it did not.
 */
const refuseAlertAction = async (
  deps: AppDeps,
  ctx: RequestContext,
  alert: AlertsTable,
  attempted: string,
): Promise<never> => {
  const now = deps.clock.now();
  let visible = false;
  if (alert.patient_id !== null) {
    const facts = await loadPatientAccessFacts(deps.db.kysely, ctx.actor.userId, alert.patient_id, now);
    visible = facts !== null && decidePatientAccess(ctx.actor, facts, 'alert.read').allowed;
  }
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: alert.patient_id !== null ? [alert.patient_id] : [],
      recordType: 'alert',
      recordId: alert.id,
      detail: { attempted },
    },
    now,
  );
  if (visible) {
    throw new DomainError(
      'FORBIDDEN',
      "Only the alert's recipient, their supervisor or a program director of the site may do this.",
    );
  }
  throw new DomainError('NOT_FOUND', 'No such alert.');
};

const staleAlert = (currentVersion: number): DomainError =>
  new DomainError(
    'STALE_VERSION',
    'This alert changed since you opened it (it may have been acknowledged or escalated). Reload to see it.',
    {
      extra: { currentVersion },
    },
  );

const readAlertForUpdate = async (
  trx: Transaction<Database>,
  alertId: string,
  expectedVersion: number,
): Promise<AlertsTable> => {
  const current = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', 'No such alert.');
  if (current.version !== expectedVersion) throw staleAlert(current.version);
  return current;
};

const applyVersioned = async (
  trx: Transaction<Database>,
  alertId: string,
  expectedVersion: number,
  changes: Partial<Omit<AlertsTable, 'id' | 'version'>>,
): Promise<void> => {
  if (await updateAlertIfVersion(trx, alertId, expectedVersion, changes)) return;
  const now = await trx.selectFrom('alerts').select('version').where('id', '=', alertId).executeTakeFirst();
  throw staleAlert(now?.version ?? expectedVersion);
};

const loadForAction = async (
  deps: AppDeps,
  ctx: RequestContext,
  alertId: string,
  attempted: string,
): Promise<AlertRow> => {
  const alert = await loadAlert(deps.db.kysely, alertId);
  if (!alert) throw new DomainError('NOT_FOUND', 'No such alert.');
  if (!mayActOnAlert(ctx.actor, alert)) await refuseAlertAction(deps, ctx, alert, attempted);
  return alert;
};

const reload = async (deps: AppDeps, alertId: string): Promise<Alert> => {
  const row = await loadAlert(deps.db.kysely, alertId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such alert.');
  return presentAlert(row);
};

/** Acknowledging says "I have it": the alert stays in the inbox until resolved, and stops escalating. */
export const acknowledgeAlert = async (
  deps: AppDeps,
  ctx: RequestContext,
  alertId: string,
  body: { version: number },
): Promise<Alert> => {
  const alert = await loadForAction(deps, ctx, alertId, 'alert.acknowledge');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await readAlertForUpdate(trx, alertId, body.version);
    if (current.status !== 'open') {
      throw new DomainError(
        'INVALID_STATE',
        current.status === 'resolved'
          ? 'This alert is already resolved.'
          : 'This alert is already acknowledged.',
      );
    }
    await applyVersioned(trx, alertId, body.version, {
      status: 'acknowledged',
      acknowledged_at: nowIso,
      acknowledged_by: ctx.actor.userId,
      escalate_at: null,
    });
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'alert.acknowledge',
        patientIds: alert.patient_id !== null ? [alert.patient_id] : [],
        recordType: 'alert',
        recordId: alertId,
        detail: { kind: alert.kind, recipientUserId: current.recipient_user_id },
      },
      now,
    );
  });
  return reload(deps, alertId);
};

/**
 * Resolving closes the alert with a note of what was done. Kind-specific closing rules come from
 * `closingRuleFor` (core/alerts/closing.ts): a safety alert closes only with a clinical role's note
 * documenting the risk assessment and safety plan or the emergency action taken.
 */
export const resolveAlert = async (
  deps: AppDeps,
  ctx: RequestContext,
  alertId: string,
  body: { version: number; note: string },
): Promise<Alert> => {
  const alert = await loadForAction(deps, ctx, alertId, 'alert.resolve');
  try {
    checkResolution(alert.kind, ctx.actor.role);
  } catch (error) {
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'access.denied',
        patientIds: alert.patient_id ? [alert.patient_id] : [],
        recordType: 'alert',
        recordId: alert.id,
        detail: { attempted: 'alert.resolve', kind: alert.kind },
      },
      deps.clock.now(),
    );
    throw error;
  }
  const note = body.note.trim();
  if (note.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Say what was done to resolve the alert.', {
      fields: [{ field: '/note', message: 'must not be blank' }],
    });
  }
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await readAlertForUpdate(trx, alertId, body.version);
    if (current.status === 'resolved')
      throw new DomainError('INVALID_STATE', 'This alert is already resolved.');
    await applyVersioned(trx, alertId, body.version, {
      status: 'resolved',
      acknowledged_at: current.acknowledged_at ?? nowIso,
      acknowledged_by: current.acknowledged_by ?? ctx.actor.userId,
      resolved_at: nowIso,
      resolved_by: ctx.actor.userId,
      resolution_note: note,
      escalate_at: null,
    });
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'alert.resolve',
        patientIds: alert.patient_id !== null ? [alert.patient_id] : [],
        recordType: 'alert',
        recordId: alertId,
        detail: { kind: alert.kind, wasAcknowledged: current.acknowledged_at !== null },
      },
      now,
    );
  });
  return reload(deps, alertId);
};
