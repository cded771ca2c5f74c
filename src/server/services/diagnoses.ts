import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CreateDiagnosisBody,
  Diagnosis,
  DiagnosisList,
  UpdateDiagnosisBody,
} from '../../core/api/admission.js';
import { decidePatientAccess, type PatientAccessFacts } from '../../core/access/patientPolicy.js';
import { mayDiagnose } from '../../core/diagnoses/credentials.js';
import { DISORDER_NAMES, type Substance } from '../../core/diagnoses/substances.js';
import { checkDiagnosis, type DiagnosisStatus, statusChangeRefusal } from '../../core/diagnoses/validate.js';
import { DomainError } from '../../core/errors/domainError.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentDiagnosis } from '../presenters/admission.js';
import { auditFor, authorizePatient } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Today's calendar date at a site: licence expiry and "not in the future" are judged there. */
export const siteTodayOf = async (db: Executor, siteId: string, now: Date): Promise<string> => {
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  return calendarDateIn(now, site.time_zone);
};

const selectDiagnoses = (db: Executor) =>
  db
    .selectFrom('diagnoses as d')
    .innerJoin('users as u', 'u.id', 'd.diagnosed_by')
    .select([
      'd.id',
      'd.patient_id',
      'd.substance',
      'd.icd10_code',
      'd.dsm5_criteria',
      'd.severity',
      'd.specifiers',
      'd.diagnosed_on',
      'd.diagnosed_by',
      'u.display_name as diagnosed_by_name',
      'd.status',
      'd.status_reason',
      'd.created_at',
      'd.updated_at',
      'd.version',
    ]);

const loadDiagnosis = async (db: Executor, diagnosisId: string): Promise<Diagnosis> =>
  presentDiagnosis(await selectDiagnoses(db).where('d.id', '=', diagnosisId).executeTakeFirstOrThrow());

/** Active first, then the newest diagnosis first. */
const byStatusThenDate = (a: Diagnosis, b: Diagnosis): number =>
  Number(b.status === 'active') - Number(a.status === 'active') ||
  b.diagnosedOn.localeCompare(a.diagnosedOn) ||
  b.createdAt.localeCompare(a.createdAt);

/** Active diagnoses of a patient, for checks elsewhere (overdose safety, placement). */
export const activeDiagnoses = async (db: Executor, patientId: string): Promise<Diagnosis[]> =>
  (
    await selectDiagnoses(db).where('d.patient_id', '=', patientId).where('d.status', '=', 'active').execute()
  ).map((row) => presentDiagnosis(row));

/**
 * The credential half of authorizing a diagnosis (the policy half is 'diagnosis.write'): the scope
 * flag and an unexpired licence. A refusal is audited like any other denial.
 */
const authorizeDiagnosing = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  today: string,
): Promise<void> => {
  const decision = mayDiagnose(ctx.actor.credentials, today);
  if (decision.allowed) return;
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: {
        attempted: 'diagnosis.write',
        reason:
          decision.code === 'CREDENTIAL_EXPIRED' ? 'licence expired' : 'credentials do not allow diagnosis',
      },
    },
    deps.clock.now(),
  );
  throw new DomainError(decision.code, decision.reason);
};

/** What the caller could do with a diagnosis form on this chart, without auditing a denial. */
const diagnosingOutlook = (
  ctx: RequestContext,
  facts: PatientAccessFacts,
  today: string,
): { mayDiagnose: boolean; mayDiagnoseReason: string | null } => {
  if (!decidePatientAccess(ctx.actor, facts, 'diagnosis.write').allowed)
    return { mayDiagnose: false, mayDiagnoseReason: 'Your role does not record diagnoses.' };
  const decision = mayDiagnose(ctx.actor.credentials, today);
  return decision.allowed
    ? { mayDiagnose: true, mayDiagnoseReason: null }
    : { mayDiagnose: false, mayDiagnoseReason: decision.reason };
};

export const listDiagnoses = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<DiagnosisList> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'diagnosis.read');
  const now = deps.clock.now();
  const db = deps.db.kysely;
  const [rows, today] = await Promise.all([
    selectDiagnoses(db).where('d.patient_id', '=', patientId).execute(),
    siteTodayOf(db, facts.siteId, now),
  ]);
  await recordReadAudit(
    deps.db,
    { ...auditFor(ctx), action: 'diagnosis.list', patientIds: [patientId], recordType: 'diagnosis' },
    now,
  );
  return {
    items: rows.map((row) => presentDiagnosis(row)).sort(byStatusThenDate),
    ...diagnosingOutlook(ctx, facts, today),
  };
};

const refuseSecondActive = async (
  trx: Transaction<Database>,
  patientId: string,
  substance: Substance,
  exceptId: string | null,
): Promise<void> => {
  let query = trx
    .selectFrom('diagnoses')
    .select(['id', 'icd10_code'])
    .where('patient_id', '=', patientId)
    .where('substance', '=', substance)
    .where('status', '=', 'active');
  if (exceptId) query = query.where('id', '!=', exceptId);
  const other = await query.executeTakeFirst();
  if (other)
    throw new DomainError(
      'CONFLICT',
      `The patient already has an active ${DISORDER_NAMES[substance].toLowerCase()} diagnosis (${other.icd10_code}). Resolve it or mark it entered in error first.`,
    );
};

export const createDiagnosis = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: CreateDiagnosisBody,
): Promise<Diagnosis> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'diagnosis.write');
  const now = deps.clock.now();
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, now);
  await authorizeDiagnosing(deps, ctx, patientId, today);
  const specifiers = body.specifiers ?? [];
  const check = checkDiagnosis({ ...body, specifiers }, today);
  if (!check.ok)
    throw new DomainError(
      'VALIDATION_FAILED',
      check.fields.map((f) => `${f.field.slice(1)} ${f.message}`).join('; '),
      {
        fields: check.fields,
      },
    );
  const nowIso = now.toISOString();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await refuseSecondActive(trx, patientId, body.substance, null);
    await trx
      .insertInto('diagnoses')
      .values({
        id,
        patient_id: patientId,
        icd10_code: check.code,
        substance: body.substance,
        dsm5_criteria: body.dsm5Criteria,
        severity: check.severity,
        specifiers: JSON.stringify(specifiers),
        diagnosed_on: body.diagnosedOn,
        diagnosed_by: ctx.actor.userId,
        status: 'active',
        status_reason: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'diagnosis.create',
        patientIds: [patientId],
        recordType: 'diagnosis',
        recordId: id,
        detail: { icd10Code: check.code, substance: body.substance, severity: check.severity, specifiers },
      },
      now,
    );
  });
  return loadDiagnosis(deps.db.kysely, id);
};

/** Resolves a diagnosis, marks it entered in error, or makes a resolved one active again, with a reason. */
export const updateDiagnosisStatus = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  diagnosisId: string,
  body: UpdateDiagnosisBody,
): Promise<Diagnosis> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'diagnosis.write');
  const now = deps.clock.now();
  await authorizeDiagnosing(deps, ctx, patientId, await siteTodayOf(deps.db.kysely, facts.siteId, now));
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('diagnoses')
      .select(['id', 'substance', 'status', 'version'])
      .where('id', '=', diagnosisId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!current) throw new DomainError('NOT_FOUND', 'No such diagnosis for this patient.');
    if (current.version !== body.version)
      throw new DomainError('STALE_VERSION', 'The diagnosis changed since you opened it. Reload to see it.', {
        extra: { currentVersion: current.version },
      });
    const from = current.status as DiagnosisStatus;
    const refusal = statusChangeRefusal(from, body.status);
    if (refusal) throw new DomainError('INVALID_STATE', refusal);
    if (body.status === 'active')
      await refuseSecondActive(trx, patientId, current.substance as Substance, current.id);
    const result = await trx
      .updateTable('diagnoses')
      .set({
        status: body.status,
        status_reason: body.reason.trim(),
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', diagnosisId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('STALE_VERSION', 'The diagnosis changed since you opened it. Reload to see it.');
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'diagnosis.updateStatus',
        patientIds: [patientId],
        recordType: 'diagnosis',
        recordId: diagnosisId,
        detail: { from, to: body.status },
      },
      now,
    );
  });
  return loadDiagnosis(deps.db.kysely, diagnosisId);
};
