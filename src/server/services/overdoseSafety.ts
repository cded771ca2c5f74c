import type { Kysely, Transaction } from 'kysely';
import type { OverdoseSafety, RecordOverdoseSafetyBody } from '../../core/api/admission.js';
import { DomainError } from '../../core/errors/domainError.js';
import { isRealDate } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentOverdoseSafety } from '../presenters/admission.js';
import { auditFor, authorizePatient } from './access.js';
import { siteTodayOf } from './diagnoses.js';

type Executor = Kysely<Database> | Transaction<Database>;

const STALE = 'The overdose-safety record changed since you opened it. Reload to see it.';

/** The record (if any) and whether the patient has an active opioid use disorder diagnosis. */
const loadView = async (db: Executor, patientId: string): Promise<OverdoseSafety> => {
  const [row, opioid] = await Promise.all([
    db
      .selectFrom('overdose_safety as o')
      .innerJoin('users as u', 'u.id', 'o.updated_by')
      .select([
        'o.naloxone_status',
        'o.education_given_on',
        'o.updated_by',
        'u.display_name as updated_by_name',
        'o.updated_at',
        'o.version',
      ])
      .where('o.patient_id', '=', patientId)
      .executeTakeFirst(),
    db
      .selectFrom('diagnoses')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .where('substance', '=', 'opioid')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const opioidUseDisorder = opioid !== undefined;
  return {
    patientId,
    record: row ? presentOverdoseSafety(row) : null,
    opioidUseDisorder,
    needsDocumentation: opioidUseDisorder && !row,
  };
};

export const getOverdoseSafety = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<OverdoseSafety> => {
  await authorizePatient(deps, ctx, patientId, 'diagnosis.read');
  const view = await loadView(deps.db.kysely, patientId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'overdoseSafety.read',
      patientIds: [patientId],
      recordType: 'overdose_safety',
    },
    deps.clock.now(),
  );
  return view;
};

/**
 * Records overdose-risk education and naloxone status (one record per patient, replaced on each
 * save). Send the version you read; omit it when nothing was recorded yet.
 */
export const recordOverdoseSafety = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: RecordOverdoseSafetyBody,
): Promise<OverdoseSafety> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'safety.document');
  const now = deps.clock.now();
  const educationGivenOn = body.educationGivenOn ?? null;
  if (educationGivenOn !== null) {
    const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
    const message = !isRealDate(educationGivenOn)
      ? 'is not a real calendar date'
      : educationGivenOn > today
        ? 'cannot be in the future'
        : null;
    if (message)
      throw new DomainError('VALIDATION_FAILED', `The education date ${message}.`, {
        fields: [{ field: '/educationGivenOn', message }],
      });
  }
  const nowIso = now.toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('overdose_safety')
      .select('version')
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (current === undefined && body.version !== undefined)
      throw new DomainError(
        'STALE_VERSION',
        'Nothing is recorded for this patient yet. Reload and try again.',
      );
    if (current !== undefined && body.version !== current.version)
      throw new DomainError('STALE_VERSION', STALE, { extra: { currentVersion: current.version } });
    if (current === undefined) {
      // A concurrent first save loses on the primary key and is told to reload, like a stale version.
      const inserted = await trx
        .insertInto('overdose_safety')
        .values({
          patient_id: patientId,
          naloxone_status: body.naloxoneStatus,
          education_given_on: educationGivenOn,
          updated_by: ctx.actor.userId,
          updated_at: nowIso,
          version: 1,
        })
        .onConflict((oc) => oc.column('patient_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new DomainError('STALE_VERSION', STALE);
    } else {
      const updated = await trx
        .updateTable('overdose_safety')
        .set({
          naloxone_status: body.naloxoneStatus,
          education_given_on: educationGivenOn,
          updated_by: ctx.actor.userId,
          updated_at: nowIso,
          version: current.version + 1,
        })
        .where('patient_id', '=', patientId)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('STALE_VERSION', STALE);
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'overdoseSafety.record',
        patientIds: [patientId],
        recordType: 'overdose_safety',
        recordId: patientId,
        detail: { naloxoneStatus: body.naloxoneStatus, educationGiven: educationGivenOn !== null },
      },
      now,
    );
    return loadView(trx, patientId);
  });
};
