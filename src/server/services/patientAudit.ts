import type { AuditEvent } from '../../core/api/audit.js';
import { auditIndexFromSeq, auditPatientIds, recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';

const EVENT_COLUMNS = [
  'e.seq',
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
] as const;

/**
 * "Who looked at this patient" (SPEC §10), newest first. Looking at the audit is itself audited.
 * Sealed events are found through audit_patient_index, which the sealer fills; events not sealed yet
 * (the last second or so) are found among the unsealed rows, so the trail never lags.
 */
export const patientAuditTrail = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  limit: number,
  offset: number,
): Promise<{ items: AuditEvent[]; total: number }> => {
  await authorizePatient(deps, ctx, patientId, 'audit.read');
  const db = deps.db.kysely;
  const fromSeq = await auditIndexFromSeq(db);
  const [indexed, count, unsealedCandidates] = await Promise.all([
    db
      .selectFrom('audit_patient_index as i')
      .innerJoin('audit_events as e', 'e.id', 'i.audit_id')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(EVENT_COLUMNS)
      .where('i.patient_id', '=', patientId)
      .orderBy('i.at', 'desc')
      .orderBy('e.seq', 'desc')
      // The unsealed events are newer, but merge rather than assume: a page may mix both.
      .limit(offset + limit)
      .execute(),
    db
      .selectFrom('audit_patient_index')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([...EVENT_COLUMNS, 'e.patient_ids'])
      .where('e.hash', 'is', null)
      .where('e.seq', '>=', fromSeq)
      // A cheap pre-filter; the exact membership test is below.
      .where('e.patient_ids', 'like', `%${patientId}%`)
      .execute(),
  ]);
  const unsealed = unsealedCandidates.filter((row) => auditPatientIds(row.patient_ids).includes(patientId));
  const rows = [...indexed, ...unsealed]
    .sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1))
    .slice(offset, offset + limit);
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
    total: Number(count.n) + unsealed.length,
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
