import type { AuditEvent } from '../../core/api/audit.js';
import { recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';

/** "Who looked at this patient" (SPEC §10), newest first. Looking at the audit is itself audited. */
export const patientAuditTrail = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  limit: number,
  offset: number,
): Promise<{ items: AuditEvent[]; total: number }> => {
  await authorizePatient(deps, ctx, patientId, 'audit.read');
  const db = deps.db.kysely;
  const [rows, count] = await Promise.all([
    db
      .selectFrom('audit_patient_index as i')
      .innerJoin('audit_events as e', 'e.id', 'i.audit_id')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([
        'e.id',
        'e.at',
        'e.actor_user_id',
        'e.actor_role',
        'u.display_name',
        'e.action',
        'e.record_type',
        'e.record_id',
        'e.ip',
        'e.detail',
      ])
      .where('i.patient_id', '=', patientId)
      .orderBy('i.at', 'desc')
      .orderBy('e.seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('audit_patient_index')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow(),
  ]);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'audit.read',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
    },
    deps.clock.now(),
  );
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_user_id
        ? { id: r.actor_user_id, displayName: r.display_name ?? 'Unknown user', role: r.actor_role ?? '' }
        : null,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      ip: r.ip,
      breakGlass: r.detail !== null && r.detail.includes('"breakGlass":true'),
    })),
  };
};
