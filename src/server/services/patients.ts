import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
  decidePatientAccess,
  PATIENT_CREATOR_ROLES,
  patientListScope,
  roleMay,
} from '../../core/access/patientPolicy.js';
import type { PatientStatus } from '../../core/care/levels.js';
import type {
  CreatePatientBody,
  Episode,
  Patient,
  PatientList,
  PatientListQuery,
  UpdatePatientBody,
} from '../../core/api/patients.js';
import { DomainError } from '../../core/errors/domainError.js';
import { patientSearchText } from '../../core/patients/searchText.js';
import { searchTerms } from '../../core/patients/searchQuery.js';
import { calendarDateIn, isRealDate } from '../../core/runtime.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import { nextMrn, searchPatients } from '../../db/repositories/patients.js';
import { parameter, preparedQuery } from '../../db/prepared.js';
import type { Database, PatientsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentPatient, presentPatientSummary } from '../presenters/patients.js';
import { auditFor, authorizePatient, denyAndAudit } from './access.js';
import { currentEpisodeQuery, episodeFromRows, loadCurrentEpisode } from './episodes.js';

export const listPatients = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: PatientListQuery,
): Promise<PatientList> => {
  const now = deps.clock.now();
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows, total } = await searchPatients(deps.db.kysely, deps.db.dialect, {
    // The actor's sites may lie in several zones: the date of the westernmost zone keeps a membership
    // ending today listed until today has ended everywhere.
    scope: patientListScope(ctx.actor, calendarDateIn(now, 'Etc/GMT+12')),
    terms: searchTerms(query.q ?? ''),
    status: query.status,
    limit,
    offset,
    now,
  });
  // A list or search writes one event naming every patient it showed (SPEC §10).
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: query.q ? 'patient.search' : 'patient.list',
      patientIds: rows.map((r) => r.id),
      recordType: 'patient',
      detail: { resultCount: rows.length, total, status: query.status ?? null, hasQuery: Boolean(query.q) },
    },
    now,
  );
  const showLevel = roleMay(ctx.actor.role, 'episode.read');
  return { items: rows.map((r) => presentPatientSummary(r, showLevel)), total, limit, offset };
};

const headerQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('patients')
    .innerJoin('sites', 'sites.id', 'patients.site_id')
    .leftJoin('users as clinician', 'clinician.id', 'patients.primary_clinician_id')
    .selectAll('patients')
    .select([
      'sites.name as site_name',
      'sites.time_zone as site_time_zone',
      'clinician.display_name as clinician_name',
    ])
    .where('patients.id', '=', parameter('patientId'));

// The chart shows how many alerts are open; written in SQL so that both header queries can add it.
const openAlertCount =
  sql<number>`(select count(*) from alerts where alerts.patient_id = patients.id and alerts.status <> 'resolved')`.as(
    'open_alerts',
  );

const headerWithoutAlerts = preparedQuery(headerQuery);
// Roles that see clinical alerts get the open-alert count in the same query.
const headerWithAlerts = preparedQuery((db: Kysely<Database>) => headerQuery(db).select(openAlertCount));

/**
 * PostgreSQL: the header, the open caseload and the current episode in one statement, since every
 * statement is a round trip through the pool and a socket write (SQLite runs them in-process).
 */
const chartQuery = (db: Kysely<Database>) =>
  headerQuery(db).select((eb) => [
    jsonArrayFrom(
      eb
        .selectFrom('caseload_assignments')
        .select('caseload_assignments.user_id')
        .whereRef('caseload_assignments.patient_id', '=', 'patients.id')
        .where('caseload_assignments.ended_at', 'is', null),
    ).as('caseload'),
    jsonArrayFrom(currentEpisodeQuery(db, 'outer patients row')).as('episode_rows'),
  ]);
const chartWithoutAlerts = preparedQuery(chartQuery);
const chartWithAlerts = preparedQuery((db: Kysely<Database>) => chartQuery(db).select(openAlertCount));

const headerRow = async (deps: AppDeps, patientId: string, showAlerts: boolean) => {
  const [row] = await (showAlerts ? headerWithAlerts : headerWithoutAlerts)(deps.db.kysely, { patientId });
  return row;
};

const openCaseload = preparedQuery((db: Kysely<Database>) =>
  db
    .selectFrom('caseload_assignments')
    .select('user_id')
    .where('patient_id', '=', parameter('patientId'))
    .where('ended_at', 'is', null),
);

type HeaderRow = NonNullable<Awaited<ReturnType<typeof headerRow>>>;

const presentHeader = (
  row: HeaderRow,
  currentEpisode: Episode | null,
  showAlerts: boolean,
  accessBasis: string,
): Patient => {
  const openAlerts = (row as { open_alerts?: number | null }).open_alerts;
  return presentPatient(row, {
    siteName: row.site_name,
    siteTimeZone: row.site_time_zone,
    clinicianName: row.clinician_name,
    currentEpisode,
    openAlertCount: showAlerts ? Number(openAlerts ?? 0) : null,
    accessBasis,
  });
};

const episodeFor = (deps: AppDeps, ctx: RequestContext, patientId: string): Promise<Episode | null> =>
  roleMay(ctx.actor.role, 'episode.read')
    ? loadCurrentEpisode(deps.db.kysely, patientId)
    : Promise.resolve(null);

/** The chart header after a write the caller was already authorized for. */
const buildPatient = async (
  deps: AppDeps,
  patientId: string,
  ctx: RequestContext,
  accessBasis: string,
): Promise<Patient> => {
  const showAlerts = roleMay(ctx.actor.role, 'alert.read');
  const [row, episode] = await Promise.all([
    headerRow(deps, patientId, showAlerts),
    episodeFor(deps, ctx, patientId),
  ]);
  if (!row) throw new DomainError('NOT_FOUND', 'No such patient.');
  return presentHeader(row, episode, showAlerts, accessBasis);
};

const chartReads = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  showAlerts: boolean,
): Promise<{ row: HeaderRow | undefined; caseload: { user_id: string }[]; episode: Episode | null }> => {
  if (deps.db.dialect === 'postgres') {
    const [chart] = await (showAlerts ? chartWithAlerts : chartWithoutAlerts)(deps.db.kysely, { patientId });
    if (!chart) return { row: undefined, caseload: [], episode: null };
    const { caseload, episode_rows: episodeRows, ...row } = chart;
    const episode = roleMay(ctx.actor.role, 'episode.read') ? episodeFromRows(episodeRows) : null;
    return { row, caseload, episode };
  }
  // Independent reads; on SQLite each is a synchronous statement on the hot-read connection.
  const [row, caseload, episode] = await Promise.all([
    headerRow(deps, patientId, showAlerts),
    openCaseload(deps.db.kysely, { patientId }),
    episodeFor(deps, ctx, patientId),
  ]);
  return { row, caseload, episode };
};

/**
 * Opening a chart is the hottest read: the header row and the caseload are fetched together and
 * judged by the policy directly; only an unusual case (no relationship, break-the-glass, a denial
 * to audit) takes the general authorization path.
 */
export const getPatient = async (deps: AppDeps, ctx: RequestContext, patientId: string): Promise<Patient> => {
  const showAlerts = roleMay(ctx.actor.role, 'alert.read');
  // Nothing leaves the server before the policy has allowed it.
  const { row, caseload, episode } = await chartReads(deps, ctx, patientId, showAlerts);
  const decision = row
    ? decidePatientAccess(
        ctx.actor,
        {
          siteId: row.site_id,
          status: row.status as PatientStatus,
          caseloadUserIds: caseload.map((c) => c.user_id),
          // Groups are not read on this hot path: a refusal here takes the full path below, which reads them.
          groupLeaderUserIds: [],
          breakGlass: false,
        },
        'patient.read',
      )
    : null;
  const basis = decision?.allowed
    ? decision.basis
    : (await authorizePatient(deps, ctx, patientId, 'patient.read')).basis;
  if (!row) throw new DomainError('NOT_FOUND', 'No such patient.');
  const patient = presentHeader(row, episode, showAlerts, basis);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'patient.read',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: basis === 'break_glass' ? { breakGlass: true } : null,
    },
    deps.clock.now(),
  );
  return patient;
};

const checkDateOfBirth = (dateOfBirth: string, today: string): void => {
  if (!isRealDate(dateOfBirth) || dateOfBirth > today || dateOfBirth < '1900-01-01') {
    throw new DomainError('VALIDATION_FAILED', 'Date of birth is not a valid past date.', {
      fields: [{ field: '/dateOfBirth', message: 'must be a real date between 1900-01-01 and today' }],
    });
  }
};

const optionalColumns = (body: Partial<CreatePatientBody>): Partial<PatientsTable> => {
  const columns: Partial<PatientsTable> = {};
  if (body.preferredName !== undefined) columns.preferred_name = body.preferredName?.trim() || null;
  if (body.sexAtBirth !== undefined) columns.sex_at_birth = body.sexAtBirth;
  if (body.genderIdentity !== undefined) columns.gender_identity = body.genderIdentity?.trim() || null;
  if (body.pronouns !== undefined) columns.pronouns = body.pronouns?.trim() || null;
  if (body.phone !== undefined) columns.phone = body.phone?.trim() || null;
  if (body.email !== undefined) columns.email = body.email?.trim() || null;
  if (body.addressLine !== undefined) columns.address_line = body.addressLine?.trim() || null;
  if (body.city !== undefined) columns.city = body.city?.trim() || null;
  if (body.state !== undefined) columns.state = body.state?.trim() || null;
  if (body.postalCode !== undefined) columns.postal_code = body.postalCode?.trim() || null;
  if (body.preferredLanguage !== undefined) columns.preferred_language = body.preferredLanguage;
  if (body.priorityPopulation !== undefined) columns.priority_population = body.priorityPopulation;
  const prefs = body.contactPreferences;
  if (prefs?.voicemailOk !== undefined) columns.voicemail_ok = prefs.voicemailOk ? 1 : 0;
  if (prefs?.textsOk !== undefined) columns.texts_ok = prefs.textsOk ? 1 : 0;
  if (prefs?.nameClinicOk !== undefined) columns.name_clinic_ok = prefs.nameClinicOk ? 1 : 0;
  if (prefs?.smsOptIn !== undefined) columns.sms_opt_in = prefs.smsOptIn ? 1 : 0;
  return columns;
};

export const createPatient = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreatePatientBody,
): Promise<Patient> => {
  const { actor } = ctx;
  if (!PATIENT_CREATOR_ROLES.includes(actor.role)) {
    return denyAndAudit(deps, ctx, 'patient.create', 'Your role may not register patients.');
  }
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
  if (actor.role !== 'admin' && !actor.siteIds.includes(site.id)) {
    return denyAndAudit(deps, ctx, 'patient.create', 'You do not work at that site.');
  }
  const now = deps.clock.now();
  checkDateOfBirth(body.dateOfBirth, calendarDateIn(now, site.time_zone));
  const id = await deps.db.kysely.transaction().execute((trx) => insertPatient(trx, ctx, body, now));
  return buildPatient(deps, id, ctx, 'creator');
};

/**
 * Registers a patient (status intake) with its audit event, inside the caller's transaction. The
 * caller has authorized the registration and checked the date of birth; converting an intake
 * inquiry into a patient goes through here too.
 */
export const insertPatient = async (
  trx: Transaction<Database>,
  ctx: RequestContext,
  body: CreatePatientBody,
  now: Date,
): Promise<string> => {
  const { actor } = ctx;
  const id = randomUUID();
  const nowIso = now.toISOString();
  const mrn = await nextMrn(trx);
  const firstName = body.firstName.trim();
  const lastName = body.lastName.trim();
  const columns = optionalColumns(body);
  await trx
    .insertInto('patients')
    .values({
      id,
      site_id: body.siteId,
      mrn,
      first_name: firstName,
      last_name: lastName,
      preferred_name: null,
      date_of_birth: body.dateOfBirth,
      sex_at_birth: null,
      gender_identity: null,
      pronouns: null,
      phone: null,
      email: null,
      address_line: null,
      city: null,
      state: null,
      postal_code: null,
      preferred_language: 'en',
      voicemail_ok: 0,
      texts_ok: 0,
      name_clinic_ok: 0,
      sms_opt_in: 0,
      sms_opted_out_at: null,
      status: 'intake',
      primary_clinician_id: null,
      priority_population: null,
      ...columns,
      search_text: patientSearchText({
        firstName,
        lastName,
        preferredName: columns.preferred_name ?? null,
        mrn,
        dateOfBirth: body.dateOfBirth,
      }),
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  // The registering clinician keeps access to the record they created.
  if (actor.role === 'clinician' || actor.role === 'clinical_supervisor') {
    await trx
      .insertInto('caseload_assignments')
      .values({
        id: randomUUID(),
        patient_id: id,
        user_id: actor.userId,
        kind: 'clinician',
        assigned_at: nowIso,
        assigned_by: actor.userId,
        ended_at: null,
      })
      .execute();
  }
  await recordAudit(
    trx,
    { ...auditFor(ctx), action: 'patient.create', patientIds: [id], recordType: 'patient', recordId: id },
    now,
  );
  return id;
};

export const updatePatient = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: UpdatePatientBody,
): Promise<Patient> => {
  const { basis } = await authorizePatient(deps, ctx, patientId, 'patient.update');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', patientId)
      .executeTakeFirstOrThrow();
    if (current.version !== body.version) {
      throw new DomainError(
        'STALE_VERSION',
        'Someone else changed this patient since you opened it. Reload to see their changes.',
        {
          extra: { currentVersion: current.version },
        },
      );
    }
    const site = await trx
      .selectFrom('sites')
      .select('time_zone')
      .where('id', '=', current.site_id)
      .executeTakeFirstOrThrow();
    if (body.dateOfBirth !== undefined)
      checkDateOfBirth(body.dateOfBirth, calendarDateIn(now, site.time_zone));
    const columns = optionalColumns(body);
    if (body.firstName !== undefined) columns.first_name = body.firstName.trim();
    if (body.lastName !== undefined) columns.last_name = body.lastName.trim();
    if (body.dateOfBirth !== undefined) columns.date_of_birth = body.dateOfBirth;
    if (columns.sms_opt_in === 1 && current.sms_opt_in === 0) columns.sms_opted_out_at = null;
    if (columns.sms_opt_in === 0 && current.sms_opt_in === 1) columns.sms_opted_out_at = nowIso;
    const merged = { ...current, ...columns };
    const changed = Object.keys(columns).filter(
      (k) => current[k as keyof PatientsTable] !== columns[k as keyof PatientsTable],
    );
    const result = await trx
      .updateTable('patients')
      .set({
        ...columns,
        search_text: patientSearchText({
          firstName: merged.first_name,
          lastName: merged.last_name,
          preferredName: merged.preferred_name,
          mrn: merged.mrn,
          dateOfBirth: merged.date_of_birth,
        }),
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', patientId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new DomainError(
        'STALE_VERSION',
        'Someone else changed this patient since you opened it. Reload to see their changes.',
      );
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'patient.update',
        patientIds: [patientId],
        recordType: 'patient',
        recordId: patientId,
        detail: { fields: changed },
      },
      now,
    );
  });
  return buildPatient(deps, patientId, ctx, basis);
};
