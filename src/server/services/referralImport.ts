import { randomUUID } from 'node:crypto';
import { decideInquiryAccess } from '../../core/access/inquiryPolicy.js';
import type { ImportBody, ImportResult, ImportRow } from '../../core/api/intake.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { priorityDeadline } from '../../core/intake/priority.js';
import { readReferralCsv, type ReferralFile, type ReferralRow } from '../../core/intake/referrals.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import type { CoveragesTable, InquiriesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { blankInquiry } from './inquiries.js';

// 37 columns a row: 400 rows stay under SQLite's 32,766 bound parameters.
const ROWS_PER_INSERT = 400;
/** The most problems one refused import lists; the preview shows them all. */
const MAX_FIELDS = 200;

/** What the preview shows of a row: who, how to reach them, who referred, coverage. No clinical text. */
const previewRow = (row: ReferralRow): ImportRow => ({
  row: row.row,
  line: row.line,
  values: {
    firstName: row.values.firstName,
    lastName: row.values.lastName,
    dateOfBirth: row.values.dateOfBirth,
    phone: row.values.phone,
    email: row.values.email,
    preferredLanguage: row.values.preferredLanguage,
    referrerName: row.values.referrerName,
    referrerOrganization: row.values.referrerOrganization,
    priorityPopulation: row.values.priorityPopulation,
    substances: row.values.substances,
    payerName: row.values.coverage?.payerName ?? null,
    memberId: row.values.coverage?.memberId ?? null,
    authorizedUnits: row.values.coverage?.authorizedUnits ?? null,
  },
  errors: row.errors,
});

const problemsOf = (file: ReferralFile): FieldError[] => [
  ...file.fileErrors.map((message) => ({ field: '/csv', message })),
  ...file.rows.flatMap((row) =>
    row.errors.map((e) => ({
      field: `/csv/rows/${row.row}${e.column !== null ? `/${e.column}` : ''}`,
      message: `row ${row.row}: ${e.column ?? 'the row'} ${e.message}`,
    })),
  ),
];

/**
 * Imports referrals from CSV text. A dry run only reads and checks the file. A real run writes every
 * row as a `new` referral inquiry, with its coverage, in one transaction — or, if any row has a
 * problem, writes nothing and names every problem.
 */
export const importReferrals = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: ImportBody,
  dryRun: boolean,
): Promise<ImportResult> => {
  const site = await deps.db.kysely
    .selectFrom('sites')
    .select(['id', 'time_zone'])
    .where('id', '=', body.siteId)
    .executeTakeFirst();
  if (!site) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown site.', {
      fields: [{ field: '/siteId', message: 'does not exist' }],
    });
  }
  const decision = decideInquiryAccess(ctx.actor, site.id, 'inquiry.write');
  if (!decision.allowed) {
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'access.denied',
        patientIds: [],
        recordType: 'inquiry',
        detail: { attempted: 'inquiry.import', reason: decision.reason },
      },
      deps.clock.now(),
    );
    throw new DomainError('FORBIDDEN', 'You may not record inquiries at that site.');
  }
  const now = deps.clock.now();
  const file = readReferralCsv(body.csv, calendarDateIn(now, site.time_zone));
  const rowsWithErrors = file.rows.filter((r) => r.errors.length > 0).length;
  const result: ImportResult = {
    dryRun,
    fileErrors: file.fileErrors,
    columns: file.columns,
    rows: file.rows.map(previewRow),
    rowsWithErrors,
    created: 0,
    inquiryIds: [],
  };
  if (dryRun) return result;

  const problems = problemsOf(file);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Nothing was imported: ${file.fileErrors.length > 0 ? 'the file cannot be read' : `${rowsWithErrors} of ${file.rows.length} rows have problems`}. Fix them and import again.`,
      { fields: problems.slice(0, MAX_FIELDS) },
    );
  }

  const nowIso = now.toISOString();
  const inquiries: InquiriesTable[] = [];
  const coverages: CoveragesTable[] = [];
  for (const { values } of file.rows) {
    const id = randomUUID();
    inquiries.push({
      ...blankInquiry(id, site.id, 'referral', nowIso),
      first_name: values.firstName,
      last_name: values.lastName,
      date_of_birth: values.dateOfBirth,
      phone: values.phone,
      email: values.email,
      preferred_language: values.preferredLanguage,
      contact_window: values.contactWindow,
      voicemail_ok: values.voicemailOk ? 1 : 0,
      texts_ok: values.textsOk ? 1 : 0,
      name_clinic_ok: values.nameClinicOk ? 1 : 0,
      consent_to_contact: values.consentToContact ? 1 : 0,
      referrer_name: values.referrerName,
      referrer_organization: values.referrerOrganization,
      presenting_concern: values.presentingConcern,
      substances: JSON.stringify(values.substances),
      priority_population: values.priorityPopulation,
      priority_deadline: priorityDeadline(now, values.priorityPopulation),
      preferred_schedule: values.preferredSchedule,
      notes: values.notes,
      created_by: ctx.actor.userId,
    });
    if (values.coverage) {
      coverages.push({
        id: randomUUID(),
        inquiry_id: id,
        patient_id: null,
        payer_name: values.coverage.payerName,
        member_id: values.coverage.memberId,
        authorization_number: values.coverage.authorizationNumber,
        authorized_units: values.coverage.authorizedUnits,
        unit_kind: values.coverage.unitKind,
        starts_on: values.coverage.startsOn,
        ends_on: values.coverage.endsOn,
        verified: 0,
        created_by: ctx.actor.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      });
    }
  }
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < inquiries.length; i += ROWS_PER_INSERT)
      await trx
        .insertInto('inquiries')
        .values(inquiries.slice(i, i + ROWS_PER_INSERT))
        .execute();
    for (let i = 0; i < coverages.length; i += ROWS_PER_INSERT)
      await trx
        .insertInto('coverages')
        .values(coverages.slice(i, i + ROWS_PER_INSERT))
        .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'inquiry.import',
        patientIds: [],
        recordType: 'inquiry',
        detail: {
          siteId: site.id,
          created: inquiries.length,
          coverages: coverages.length,
          inquiryIds: inquiries.map((r) => r.id),
        },
      },
      now,
    );
  });
  return { ...result, created: inquiries.length, inquiryIds: inquiries.map((r) => r.id) };
};
