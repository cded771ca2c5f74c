import type { Kysely, Transaction } from 'kysely';
import type { PaperworkChecklist, RecordPaperworkBody } from '../../core/api/admission.js';
import { DomainError } from '../../core/errors/domainError.js';
import {
  checkPaperworkEntry,
  incompletePaperworkProblem,
  type PaperworkItem,
  paperworkGate,
} from '../../core/intake/paperwork.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { type PaperworkRow, presentChecklist } from '../presenters/admission.js';
import { auditFor, authorizePatient } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

const loadRows = (db: Executor, patientId: string): Promise<PaperworkRow[]> =>
  db
    .selectFrom('admission_paperwork as ap')
    .innerJoin('users as u', 'u.id', 'ap.recorded_by')
    .select([
      'ap.item',
      'ap.status',
      'ap.waived_reason',
      'ap.recorded_by',
      'u.display_name as recorded_by_name',
      'ap.recorded_at',
    ])
    .where('ap.patient_id', '=', patientId)
    .execute();

export const getPaperwork = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<PaperworkChecklist> => {
  await authorizePatient(deps, ctx, patientId, 'paperwork.read');
  const rows = await loadRows(deps.db.kysely, patientId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'paperwork.read',
      patientIds: [patientId],
      recordType: 'admission_paperwork',
    },
    deps.clock.now(),
  );
  return presentChecklist(patientId, rows);
};

/** Records one checklist item (complete, waived with a reason, or back to pending), replacing any earlier entry. */
export const recordPaperwork = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  item: PaperworkItem,
  body: RecordPaperworkBody,
): Promise<PaperworkChecklist> => {
  await authorizePatient(deps, ctx, patientId, 'paperwork.write');
  const fields = checkPaperworkEntry(body.status, body.waivedReason);
  if (fields.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'A waived item needs the reason it is waived.', { fields });
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const waivedReason = body.status === 'waived' ? (body.waivedReason?.trim() ?? null) : null;
  return deps.db.kysely.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('admission_paperwork')
      .select('status')
      .where('patient_id', '=', patientId)
      .where('item', '=', item)
      .executeTakeFirst();
    await trx
      .insertInto('admission_paperwork')
      .values({
        patient_id: patientId,
        item,
        status: body.status,
        waived_reason: waivedReason,
        recorded_by: ctx.actor.userId,
        recorded_at: nowIso,
      })
      .onConflict((oc) =>
        oc.columns(['patient_id', 'item']).doUpdateSet({
          status: body.status,
          waived_reason: waivedReason,
          recorded_by: ctx.actor.userId,
          recorded_at: nowIso,
        }),
      )
      .execute();
    // The waiver's reason is free text about the patient: it stays in the record, not in the audit detail.
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'paperwork.record',
        patientIds: [patientId],
        recordType: 'admission_paperwork',
        recordId: `${patientId}:${item}`,
        detail: { item, status: body.status, previous: previous?.status ?? null },
      },
      now,
    );
    return presentChecklist(patientId, await loadRows(trx, patientId));
  });
};

/**
 * Refuses an admission while the checklist is incomplete (SPEC §2), naming each missing item. Runs
 * inside the admission's transaction. The checklist belongs to the patient, so a readmission is
 * judged by the entries recorded for an earlier episode (see core/intake/paperwork.ts).
 */
export const requireCompletePaperwork = async (
  trx: Transaction<Database>,
  patientId: string,
): Promise<void> => {
  const rows = await trx
    .selectFrom('admission_paperwork')
    .select(['item', 'status', 'waived_reason'])
    .where('patient_id', '=', patientId)
    .execute();
  const gate = paperworkGate(
    rows.map((r) => ({ item: r.item, status: r.status, waivedReason: r.waived_reason })),
  );
  if (gate.complete) return;
  const problem = incompletePaperworkProblem(gate.missing);
  throw new DomainError('INVALID_STATE', problem.message, { fields: problem.fields });
};
