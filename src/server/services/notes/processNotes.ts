import { randomUUID } from 'node:crypto';
import type {
  CreateProcessNoteBody,
  ProcessNote,
  ProcessNoteList,
  SaveProcessNoteBody,
} from '../../../core/api/notes.js';
import { DomainError } from '../../../core/errors/domainError.js';
import { recordAudit, recordReadAudit } from '../../../db/audit.js';
import type { ProcessNotesTable } from '../../../db/schema.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, authorizePatient } from '../access.js';
import { siteTodayOf } from '../diagnoses.js';

// SUD counseling (process) notes (SPEC §10): the author's private working notes. They never enter
// the chart, the timeline, prints or exports, and nobody but their author reads them here.

const present = (row: ProcessNotesTable): ProcessNote => ({
  id: row.id,
  patientId: row.patient_id,
  serviceDate: row.service_date,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const listProcessNotes = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<ProcessNoteList> => {
  await authorizePatient(deps, ctx, patientId, 'note.write');
  const rows = await deps.db.kysely
    .selectFrom('process_notes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('author_user_id', '=', ctx.actor.userId)
    .orderBy('service_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'process_note.list',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
    },
    deps.clock.now(),
  );
  return { items: rows.map(present) };
};

export const createProcessNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateProcessNoteBody,
): Promise<ProcessNote> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'note.write');
  const now = deps.clock.now();
  if (body.serviceDate > (await siteTodayOf(deps.db.kysely, facts.siteId, now)))
    throw new DomainError('VALIDATION_FAILED', 'serviceDate cannot be in the future', {
      fields: [{ field: '/serviceDate', message: 'cannot be in the future' }],
    });
  const row: ProcessNotesTable = {
    id: randomUUID(),
    patient_id: patientId,
    author_user_id: ctx.actor.userId,
    service_date: body.serviceDate,
    body: body.body,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('process_notes').values(row).execute();
    // The audit names the record, never its content.
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'process_note.create',
        patientIds: [patientId],
        recordType: 'process_note',
        recordId: row.id,
      },
      now,
    );
  });
  return present(row);
};

export const saveProcessNote = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: SaveProcessNoteBody,
): Promise<ProcessNote> => {
  const row = await deps.db.kysely
    .selectFrom('process_notes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.author_user_id !== ctx.actor.userId)
    throw new DomainError('NOT_FOUND', 'No such process note.');
  await authorizePatient(deps, ctx, row.patient_id, 'note.write');
  const stale = () =>
    new DomainError(
      'STALE_VERSION',
      'This note was saved from somewhere else since you loaded it. Your text is kept.',
      {
        extra: { currentVersion: row.version },
      },
    );
  if (row.version !== body.version) throw stale();
  const now = deps.clock.now();
  const updated: ProcessNotesTable = {
    ...row,
    body: body.body,
    updated_at: now.toISOString(),
    version: row.version + 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('process_notes')
      .set({ body: updated.body, updated_at: updated.updated_at, version: updated.version })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'process_note.save',
        patientIds: [row.patient_id],
        recordType: 'process_note',
        recordId: id,
      },
      now,
    );
  });
  return present(updated);
};
