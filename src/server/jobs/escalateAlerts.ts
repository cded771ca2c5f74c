import type { Transaction } from 'kysely';
import { escalateAt } from '../../core/alerts/escalation.js';
import { escalationChain, nextRecipient } from '../../core/alerts/recipients.js';
import { isAlertSeverity } from '../../core/alerts/severity.js';
import { recordAudit } from '../../db/audit.js';
import type { JobHandler } from '../../db/jobs.js';
import {
  listDueEscalations,
  loadEscalationSettings,
  loadRecipientContext,
  updateAlertIfVersion,
} from '../../db/repositories/alerts.js';
import type { Database } from '../../db/schema.js';
import type { AlertDeps } from '../services/alerts.js';

export const ESCALATE_ALERTS_JOB = 'alerts.escalate';

export interface EscalationRun {
  /** Alerts moved to the next person in their chain. */
  escalated: number;
  /** Alerts whose chain had nobody further: they stay with their holder and stop escalating. */
  exhausted: number;
}

type Outcome = 'escalated' | 'exhausted' | 'skipped';

const escalateOne = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  alertId: string,
  now: Date,
): Promise<Outcome> => {
  const nowIso = now.toISOString();
  const alert = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  // Acknowledged, resolved or rescheduled since it was listed: nothing to do.
  if (!alert || alert.status !== 'open' || alert.escalate_at === null || alert.escalate_at > nowIso)
    return 'skipped';
  const context = await loadRecipientContext(trx, { patientId: alert.patient_id, siteId: alert.site_id });
  const next = context ? nextRecipient(escalationChain(context.facts), alert.recipient_user_id) : null;
  const patientIds = alert.patient_id !== null ? [alert.patient_id] : [];
  if (next === null || next.userId === alert.recipient_user_id) {
    const updated = await updateAlertIfVersion(trx, alert.id, alert.version, { escalate_at: null });
    if (!updated) return 'skipped';
    await recordAudit(
      trx,
      {
        actorUserId: null,
        actorRole: null,
        action: 'alert.escalation_exhausted',
        patientIds,
        recordType: 'alert',
        recordId: alert.id,
        detail: { holderUserId: alert.recipient_user_id, escalationLevel: alert.escalation_level },
      },
      now,
    );
    return 'exhausted';
  }
  const settings = await loadEscalationSettings(trx);
  // The next holder gets a full window of their own before it moves on again.
  const nextAt = isAlertSeverity(alert.severity)
    ? escalateAt(now, alert.severity, settings, context?.timeZone ?? deps.config.defaultTimeZone)
    : null;
  const level = alert.escalation_level + 1;
  const updated = await updateAlertIfVersion(trx, alert.id, alert.version, {
    recipient_user_id: next.userId,
    escalation_level: level,
    escalate_at: nextAt?.toISOString() ?? null,
  });
  if (!updated) return 'skipped';
  await recordAudit(
    trx,
    {
      actorUserId: null,
      actorRole: null,
      action: 'alert.escalate',
      patientIds,
      recordType: 'alert',
      recordId: alert.id,
      detail: {
        fromUserId: alert.recipient_user_id,
        toUserId: next.userId,
        via: next.via,
        escalationLevel: level,
      },
    },
    now,
  );
  return 'escalated';
};

/**
 * Moves every open (unacknowledged) alert whose escalation time has come to the next person in its
 * chain (SPEC §4b), one transaction per alert, each with its audit event. The chain is worked out
 * again at escalation time, so people deactivated or reassigned since the alert was raised are
 * passed over. Safe to run concurrently: an alert changed in between is left for the next run.
 */
export const escalateDueAlerts = async (
  deps: AlertDeps,
  now: Date,
  batchSize = 100,
): Promise<EscalationRun> => {
  const run: EscalationRun = { escalated: 0, exhausted: 0 };
  const seen = new Set<string>();
  for (;;) {
    const due = (await listDueEscalations(deps.db.kysely, now, batchSize)).filter((a) => !seen.has(a.id));
    if (due.length === 0) return run;
    for (const { id } of due) {
      seen.add(id);
      const outcome = await deps.db.kysely.transaction().execute((trx) => escalateOne(trx, deps, id, now));
      if (outcome !== 'skipped') run[outcome] += 1;
    }
  }
};

/** The job the runner calls every minute. */
export const escalateAlertsHandler =
  (deps: AlertDeps): JobHandler =>
  async (_payload, context) => {
    await escalateDueAlerts(deps, context.now);
  };
