import { type Kysely, sql, type Transaction } from 'kysely';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import type { PatientStatus } from '../../core/care/levels.js';
import type { ConvertBody, ConvertResult, DuplicateCandidate } from '../../core/api/intake.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import {
  duplicateReasons,
  normalizeMrn,
  normalizePhone,
  type PersonFacts,
} from '../../core/intake/duplicates.js';
import { isPlausibleBirthDate } from '../../core/intake/fields.js';
import { patientPriorityOf, type PriorityPopulation } from '../../core/intake/priority.js';
import { type InquiryStage, isTerminalStage } from '../../core/intake/stages.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database, InquiriesTable } from '../../db/schema.js';
import type { Actor } from '../../core/access/actor.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { authorizeInquiry, loadInquiry, staleInquiry } from './inquiries.js';
import { insertPatient } from './patients.js';
import { movePlacementToPatient } from './placementAssessments.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Punctuation a stored phone may carry; removed in SQL so the database narrows phone matches. */
const PHONE_PUNCTUATION = ['-', ' ', '(', ')', '.', '+'];

const phoneDigits = () =>
  PHONE_PUNCTUATION.reduce<ReturnType<typeof sql<string>>>(
    (expr, char) => sql<string>`replace(${expr}, ${char}, '')`,
    sql<string>`coalesce(patients.phone, '')`,
  );

const factsOfInquiry = (row: InquiriesTable, mrn: string | null | undefined): PersonFacts => ({
  firstName: row.first_name,
  lastName: row.last_name,
  dateOfBirth: row.date_of_birth,
  phone: row.phone,
  mrn: mrn ?? null,
});

/**
 * Every patient of the organization who looks like the inquiry's person. The database narrows by
 * date of birth, MRN and the phone's last digits; the core rule decides. Duplicates are looked for
 * everywhere — a returning patient may have been seen at another site — and shown as minimal stubs.
 */
const findCandidates = async (
  executor: Executor,
  actor: Actor,
  facts: PersonFacts,
): Promise<DuplicateCandidate[]> => {
  const phone = normalizePhone(facts.phone);
  const mrn = normalizeMrn(facts.mrn);
  if (facts.dateOfBirth === null && phone === null && mrn === null) return [];
  const rows = await executor
    .selectFrom('patients')
    .innerJoin('sites', 'sites.id', 'patients.site_id')
    .select([
      'patients.id',
      'patients.mrn',
      'patients.first_name',
      'patients.last_name',
      'patients.date_of_birth',
      'patients.phone',
      'patients.status',
      'patients.site_id',
      'sites.name as site_name',
    ])
    .where((eb) =>
      eb.or([
        ...(facts.dateOfBirth !== null ? [eb('patients.date_of_birth', '=', facts.dateOfBirth)] : []),
        ...(mrn !== null ? [eb(sql<string>`upper(patients.mrn)`, '=', mrn)] : []),
        ...(phone !== null ? [sql<boolean>`${phoneDigits()} like ${`%${phone}`}`] : []),
      ]),
    )
    .orderBy('patients.last_name')
    .orderBy('patients.first_name')
    .limit(500)
    .execute();
  const matches = rows
    .map((r) => ({
      row: r,
      reasons: duplicateReasons(facts, {
        firstName: r.first_name,
        lastName: r.last_name,
        dateOfBirth: r.date_of_birth,
        phone: r.phone,
        mrn: r.mrn,
      }),
    }))
    .filter((m) => m.reasons.length > 0)
    .slice(0, 20);
  if (matches.length === 0) return [];
  const caseloads = await executor
    .selectFrom('caseload_assignments')
    .select(['patient_id', 'user_id'])
    .where(
      'patient_id',
      'in',
      matches.map((m) => m.row.id),
    )
    .where('ended_at', 'is', null)
    .execute();
  return matches.map(({ row, reasons }) => ({
    patientId: row.id,
    mrn: row.mrn,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    status: row.status,
    siteName: row.site_name,
    matchedOn: reasons,
    mayOpen: decidePatientAccess(
      actor,
      {
        siteId: row.site_id,
        status: row.status as PatientStatus,
        caseloadUserIds: caseloads.filter((c) => c.patient_id === row.id).map((c) => c.user_id),
        // A patient still in intake has not joined groups yet; opening the chart checks them anyway.
        groupLeaderUserIds: [],
        breakGlass: false,
      },
      'patient.read',
    ).allowed,
  }));
};

/** Patient records that may be the inquiry's person; the read names every patient shown. */
export const listDuplicates = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  query: { mrn?: string | undefined },
): Promise<DuplicateCandidate[]> => {
  const row = await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.convert');
  const candidates = await findCandidates(deps.db.kysely, ctx.actor, factsOfInquiry(row, query.mrn));
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'inquiry.duplicates',
      patientIds: candidates.map((c) => c.patientId),
      recordType: 'inquiry',
      recordId: inquiryId,
      detail: { candidates: candidates.length, mrnGiven: query.mrn !== undefined },
    },
    deps.clock.now(),
  );
  return candidates;
};

/** The inquiry's name, birth date and contacts, completed by the request where the chart needs more. */
const patientBodyOf = (row: InquiriesTable, body: ConvertBody, today: string) => {
  const fields: FieldError[] = [];
  const lastName = (body.lastName ?? row.last_name ?? '').trim();
  if (lastName === '') fields.push({ field: '/lastName', message: 'a patient record needs a last name' });
  const dateOfBirth = body.dateOfBirth ?? row.date_of_birth;
  if (dateOfBirth === null) {
    fields.push({ field: '/dateOfBirth', message: 'a patient record needs a date of birth' });
  } else if (!isPlausibleBirthDate(dateOfBirth, today)) {
    fields.push({ field: '/dateOfBirth', message: 'must be a real date between 1900-01-01 and today' });
  }
  if (fields.length > 0 || dateOfBirth === null) {
    throw new DomainError('VALIDATION_FAILED', 'Complete the record before converting.', { fields });
  }
  return {
    firstName: row.first_name,
    lastName,
    dateOfBirth,
    siteId: row.site_id,
    phone: row.phone,
    email: row.email,
    preferredLanguage: row.preferred_language === 'es' ? ('es' as const) : ('en' as const),
    priorityPopulation: patientPriorityOf(row.priority_population as PriorityPopulation | null),
    contactPreferences: {
      voicemailOk: row.voicemail_ok === 1,
      textsOk: row.texts_ok === 1,
      nameClinicOk: row.name_clinic_ok === 1,
    },
  };
};

/**
 * Turns an inquiry into a patient record (status intake), or links it to the person's existing
 * record. Everything gathered stays: demographics and contact preferences go to the new record,
 * coverage entries move to the patient, the inquiry keeps its history and points at the patient.
 * When the person may already have a record and none was chosen, nothing is created: 409 with the
 * candidates, unless `createAnyway`.
 */
export const convertInquiry = async (
  deps: AppDeps,
  ctx: RequestContext,
  inquiryId: string,
  body: ConvertBody,
): Promise<ConvertResult> => {
  await authorizeInquiry(deps, ctx, inquiryId, 'inquiry.convert');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('inquiries').selectAll().where('id', '=', inquiryId).executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'No such inquiry.');
    if (row.version !== body.version) throw staleInquiry(row.version);
    if (row.patient_id !== null)
      throw new DomainError('INVALID_STATE', 'This inquiry is already linked to a patient record.');
    if (isTerminalStage(row.stage as InquiryStage))
      throw new DomainError(
        'INVALID_STATE',
        'A finished inquiry is not converted; record a new inquiry instead.',
      );
    const site = await trx
      .selectFrom('sites')
      .select('time_zone')
      .where('id', '=', row.site_id)
      .executeTakeFirstOrThrow();
    const facts = factsOfInquiry(
      {
        ...row,
        last_name: body.lastName ?? row.last_name,
        date_of_birth: body.dateOfBirth ?? row.date_of_birth,
      },
      body.mrn,
    );
    const candidates = await findCandidates(trx, ctx.actor, facts);

    let patientId: string;
    let created: boolean;
    if (body.existingPatientId !== undefined) {
      const chosen = candidates.find((c) => c.patientId === body.existingPatientId);
      if (!chosen) {
        throw new DomainError('VALIDATION_FAILED', 'That patient does not match this inquiry.', {
          fields: [
            {
              field: '/existingPatientId',
              message: 'is not one of the records matching the name and date of birth, phone or MRN',
            },
          ],
        });
      }
      patientId = chosen.patientId;
      created = false;
    } else {
      if (candidates.length > 0 && body.createAnyway !== true) {
        throw new DomainError(
          'CONFLICT',
          `This person may already have a record (${candidates.length} found). Link the inquiry to one, or create a new record anyway.`,
          { extra: { candidates } },
        );
      }
      const patient = patientBodyOf(row, body, calendarDateIn(now, site.time_zone));
      patientId = await insertPatient(trx, ctx, patient, now);
      created = true;
    }

    // Coverage gathered at intake becomes the patient's; the inquiry keeps the link to where it came from.
    const moved = await trx
      .updateTable('coverages')
      .set({ patient_id: patientId, updated_at: nowIso })
      .where('inquiry_id', '=', inquiryId)
      .where('patient_id', 'is', null)
      .executeTakeFirst();
    const coverageMoved = Number(moved.numUpdatedRows);
    // So do the placement assessments and referrals made while they were an inquiry.
    await movePlacementToPatient(trx, inquiryId, patientId, nowIso);

    const updated = await trx
      .updateTable('inquiries')
      .set({ patient_id: patientId, updated_at: nowIso, version: row.version + 1 })
      .where('id', '=', inquiryId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw staleInquiry(row.version + 1);
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'inquiry.convert',
        patientIds: [patientId],
        recordType: 'inquiry',
        recordId: inquiryId,
        detail: { created, candidates: candidates.length, coverageMoved },
      },
      now,
    );
    return { patientId, created, coverageMoved };
  });
  return { inquiry: await loadInquiry(deps, inquiryId), ...outcome };
};
