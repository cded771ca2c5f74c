import type { Transaction } from 'kysely';
import { TERMINAL_STAGES } from '../../core/intake/stages.js';
import { type AuditEntry, recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';

/**
 * Admitting a patient finishes the intake that brought them: every open inquiry linked to the chart
 * moves to "admitted" in the admission's own transaction, so the intake board never shows someone
 * in care as still waiting.
 */
export const admitLinkedInquiries = async (
  trx: Transaction<Database>,
  patientId: string,
  audit: Omit<AuditEntry, 'action' | 'patientIds' | 'recordType' | 'recordId' | 'detail'>,
  now: Date,
): Promise<void> => {
  const open = await trx
    .selectFrom('inquiries')
    .select(['id', 'stage', 'version'])
    .where('patient_id', '=', patientId)
    .where('stage', 'not in', TERMINAL_STAGES)
    .execute();
  const nowIso = now.toISOString();
  for (const inquiry of open) {
    await trx
      .updateTable('inquiries')
      .set({
        stage: 'admitted',
        stage_changed_at: nowIso,
        waitlisted_at: null,
        updated_at: nowIso,
        version: inquiry.version + 1,
      })
      .where('id', '=', inquiry.id)
      .execute();
    await recordAudit(
      trx,
      {
        ...audit,
        action: 'inquiry.stage',
        patientIds: [patientId],
        recordType: 'inquiry',
        recordId: inquiry.id,
        detail: { from: inquiry.stage, to: 'admitted', by: 'admission' },
      },
      now,
    );
  }
};
