import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CreateMedicationBody,
  Medication,
  MedicationList,
  RemoveMedicationBody,
  StopMedicationBody,
  UpdateMedicationBody,
} from '../../core/api/medications.js';
import { DomainError } from '../../core/errors/domainError.js';
import { checkOtpName, checkStartedOn, checkStoppedOn } from '../../core/medications/validate.js';
import type { ScreenMedication } from '../../core/screens/interpretScreen.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { matTypeOf, type MedicationRow, presentMedication } from '../presenters/medications.js';
import { auditFor, authorizePatient } from './access.js';
import { siteTodayOf } from './diagnoses.js';
import { invalid, stale } from './scheduleAccess.js';

/**
 * A patient's medications, MAT included (SPEC §9): recorded, edited with optimistic concurrency,
 * stopped on a date with a reason, or removed as entered in error (kept, audited, no longer listed).
 */

type Executor = Kysely<Database> | Transaction<Database>;

const selectMedications = (db: Executor) =>
  db
    .selectFrom('medications as m')
    .innerJoin('users as u', 'u.id', 'm.recorded_by')
    .selectAll('m')
    .select('u.display_name as recorded_by_name');

/** Newest start first, then the newest entry. */
const newestFirst = (a: MedicationRow, b: MedicationRow): number =>
  b.started_on.localeCompare(a.started_on) || b.created_at.localeCompare(a.created_at);

/** Blank optional text is no text. */
const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
};

/** The patient's medications that count when reading a drug screen (not those entered in error). */
export const medicationsForScreens = async (db: Executor, patientId: string): Promise<ScreenMedication[]> =>
  (
    await db
      .selectFrom('medications')
      .select(['id', 'name', 'mat_type', 'started_on', 'stopped_on'])
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .execute()
  ).map((m) => ({
    id: m.id,
    name: m.name,
    matType: matTypeOf(m.mat_type),
    startedOn: m.started_on,
    stoppedOn: m.stopped_on,
  }));

export const listMedications = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<MedicationList> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'medication.read');
  const now = deps.clock.now();
  const db = deps.db.kysely;
  const [rows, today] = await Promise.all([
    selectMedications(db).where('m.patient_id', '=', patientId).where('m.removed_at', 'is', null).execute(),
    siteTodayOf(db, facts.siteId, now),
  ]);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'medication.list',
      patientIds: [patientId],
      recordType: 'medication',
      detail: { resultCount: rows.length },
    },
    now,
  );
  return { items: rows.sort(newestFirst).map((r) => presentMedication(r, today)), today };
};

const fieldsOf = (body: CreateMedicationBody) => {
  const matType = body.matType ?? null;
  return {
    name: body.name.trim(),
    dose: text(body.dose),
    route: body.route ?? null,
    frequency: text(body.frequency),
    prescriber_name: text(body.prescriberName),
    prescriber_organization: text(body.prescriberOrganization),
    started_on: body.startedOn,
    mat_type: matType,
    otp_name: text(body.otpName),
    notes: text(body.notes),
  };
};

const loadMedication = async (db: Executor, id: string, today: string): Promise<Medication> =>
  presentMedication(await selectMedications(db).where('m.id', '=', id).executeTakeFirstOrThrow(), today);

/** The current row of a listed medication of this patient, refused when missing or stale. */
const currentRow = async (
  trx: Transaction<Database>,
  patientId: string,
  medicationId: string,
  version: number,
) => {
  const row = await trx
    .selectFrom('medications')
    .selectAll()
    .where('id', '=', medicationId)
    .where('patient_id', '=', patientId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such medication for this patient.');
  if (row.version !== version) throw stale('medication', row.version);
  return row;
};

export const createMedication = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateMedicationBody,
): Promise<Medication> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'medication.write');
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  const fields = fieldsOf(body);
  const errors = [
    ...checkStartedOn(body.startedOn, today),
    ...checkOtpName(fields.mat_type, fields.otp_name),
  ];
  if (errors.length > 0) throw invalid(errors, 'The medication is not valid.');
  const id = randomUUID();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('medications')
      .values({
        id,
        patient_id: patientId,
        ...fields,
        stopped_on: null,
        stop_reason: null,
        stopped_by: null,
        removed_at: null,
        removed_by: null,
        removed_reason: null,
        recorded_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'medication.create',
        patientIds: [patientId],
        recordType: 'medication',
        recordId: id,
        detail: { matType: fields.mat_type, startedOn: fields.started_on },
      },
      now,
    );
  });
  return loadMedication(deps.db.kysely, id, today);
};

export const updateMedication = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  medicationId: string,
  body: UpdateMedicationBody,
): Promise<Medication> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'medication.write');
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  const fields = fieldsOf(body);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await currentRow(trx, patientId, medicationId, body.version);
    const errors = [
      ...checkStartedOn(body.startedOn, today),
      ...checkOtpName(fields.mat_type, fields.otp_name),
      ...(row.stopped_on !== null && row.stopped_on < body.startedOn
        ? [{ field: '/startedOn', message: `cannot be after the stop date (${row.stopped_on})` }]
        : []),
    ];
    if (errors.length > 0) throw invalid(errors, 'The medication is not valid.');
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => row[k] !== fields[k]);
    const result = await trx
      .updateTable('medications')
      .set({ ...fields, updated_at: now.toISOString(), version: row.version + 1 })
      .where('id', '=', medicationId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('medication', row.version);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'medication.update',
        patientIds: [patientId],
        recordType: 'medication',
        recordId: medicationId,
        detail: { changed },
      },
      now,
    );
  });
  return loadMedication(deps.db.kysely, medicationId, today);
};

export const stopMedication = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  medicationId: string,
  body: StopMedicationBody,
): Promise<Medication> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'medication.write');
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await currentRow(trx, patientId, medicationId, body.version);
    if (row.stopped_on !== null)
      throw new DomainError('INVALID_STATE', `The medication was already stopped on ${row.stopped_on}.`);
    const errors = checkStoppedOn(body.stoppedOn, row.started_on, today);
    if (errors.length > 0) throw invalid(errors, 'The stop date is not valid.');
    const result = await trx
      .updateTable('medications')
      .set({
        stopped_on: body.stoppedOn,
        stop_reason: body.reason.trim(),
        stopped_by: ctx.actor.userId,
        updated_at: now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', medicationId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('medication', row.version);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'medication.stop',
        patientIds: [patientId],
        recordType: 'medication',
        recordId: medicationId,
        detail: { stoppedOn: body.stoppedOn },
      },
      now,
    );
  });
  return loadMedication(deps.db.kysely, medicationId, today);
};

/** Entered in error: the row stays (for the audit trail and screens read against it), hidden from the list. */
export const removeMedication = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  medicationId: string,
  body: RemoveMedicationBody,
): Promise<void> => {
  await authorizePatient(deps, ctx, patientId, 'medication.write');
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await currentRow(trx, patientId, medicationId, body.version);
    const result = await trx
      .updateTable('medications')
      .set({
        removed_at: now.toISOString(),
        removed_by: ctx.actor.userId,
        removed_reason: body.reason.trim(),
        updated_at: now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', medicationId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale('medication', row.version);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'medication.enteredInError',
        patientIds: [patientId],
        recordType: 'medication',
        recordId: medicationId,
        detail: {},
      },
      now,
    );
  });
};
