import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { STAFF_ROLES, type Role, type StaffRole } from '../../core/access/roles.js';
import { PAPERWORK_ITEMS } from '../../core/intake/paperwork.js';
import { patientSearchText } from '../../core/patients/searchText.js';
import type { Db } from '../createDb.js';
import type { Database } from '../schema.js';

/**
 * Test factories: the fewest rows that make a clinic, written straight to the tables.
 * Password hashes are a fixed placeholder unless a test that signs in passes a real one.
 */

type Target = Db | Kysely<Database>;
const kyselyOf = (target: Target): Kysely<Database> => ('kysely' in target ? target.kysely : target);

export const FIXTURE_TIME = '2026-01-05T12:00:00.000Z';
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$dGVzdC1vbmx5$dGVzdC1vbmx5LW5vdC1hLXJlYWwtaGFzaA';

const shortId = (): string => randomUUID().slice(0, 8);

export interface CreateUserOptions {
  role: Role;
  siteIds?: readonly string[];
  displayName?: string;
  email?: string;
  active?: boolean;
  passwordHash?: string;
  /** Adds a credentials row naming this supervisor. */
  supervisorId?: string | null;
  /** Adds a credentials row even without a supervisor (licensed staff). */
  withCredentials?: boolean;
  needsCosignature?: boolean;
}

export const createUser = async (target: Target, options: CreateUserOptions): Promise<string> => {
  const db = kyselyOf(target);
  const id = randomUUID();
  const tag = shortId();
  await db
    .insertInto('users')
    .values({
      id,
      email: options.email ?? `${options.role.replaceAll('_', '.')}.${tag}@test.openiop.org`,
      display_name: options.displayName ?? `Test ${options.role.replaceAll('_', ' ')} ${tag}`,
      role: options.role,
      password_hash: options.passwordHash ?? DUMMY_PASSWORD_HASH,
      totp_secret: null,
      totp_enrolled_at: null,
      active: options.active === false ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: FIXTURE_TIME,
      updated_at: FIXTURE_TIME,
      version: 1,
    })
    .execute();
  const siteIds = options.siteIds ?? [];
  if (siteIds.length > 0) {
    await db
      .insertInto('user_sites')
      .values(siteIds.map((siteId) => ({ user_id: id, site_id: siteId })))
      .execute();
  }
  if (options.withCredentials || options.supervisorId !== undefined) {
    await db
      .insertInto('credentials')
      .values({
        user_id: id,
        licence_type: null,
        licence_number: null,
        licence_state: null,
        licence_expires_on: null,
        npi: null,
        may_diagnose: 0,
        may_sign_placements: 0,
        needs_cosignature: options.needsCosignature ? 1 : 0,
        supervisor_id: options.supervisorId ?? null,
        updated_at: FIXTURE_TIME,
        version: 1,
      })
      .execute();
  }
  return id;
};

export interface CreateSiteOptions {
  organizationId: string;
  name?: string;
  timeZone?: string;
  onCallUserId?: string | null;
}

export const createSite = async (target: Target, options: CreateSiteOptions): Promise<string> => {
  const id = randomUUID();
  await kyselyOf(target)
    .insertInto('sites')
    .values({
      id,
      organization_id: options.organizationId,
      name: options.name ?? `Test site ${shortId()}`,
      time_zone: options.timeZone ?? 'America/New_York',
      on_call_user_id: options.onCallUserId ?? null,
      created_at: FIXTURE_TIME,
      updated_at: FIXTURE_TIME,
      version: 1,
    })
    .execute();
  return id;
};

export interface TestClinicOptions {
  withStaff?: boolean;
  /** Time zone of the main site; the second site is always America/Los_Angeles. */
  timeZone?: string;
  passwordHash?: string;
}

export interface TestClinic {
  organizationId: string;
  /** The main site: every staff member works here. */
  siteId: string;
  /** A second site in another time zone, with no staff: for cross-site checks. */
  otherSiteId: string;
}

export interface TestClinicWithStaff extends TestClinic {
  /**
   * One active user per staff role, all at the main site. The clinician and the case manager are
   * supervised by the clinical supervisor (credentials.supervisor_id); the clinician's notes need co-signature.
   */
  staff: Record<StaffRole, string>;
}

export async function createTestClinic(
  target: Target,
  options: TestClinicOptions & { withStaff: true },
): Promise<TestClinicWithStaff>;
export async function createTestClinic(target: Target, options?: TestClinicOptions): Promise<TestClinic>;
export async function createTestClinic(
  target: Target,
  options: TestClinicOptions = {},
): Promise<TestClinic | TestClinicWithStaff> {
  const db = kyselyOf(target);
  const organizationId = randomUUID();
  await db
    .insertInto('organizations')
    .values({ id: organizationId, name: `Test clinic ${shortId()}`, created_at: FIXTURE_TIME })
    .execute();
  const siteId = await createSite(db, {
    organizationId,
    name: 'Main',
    timeZone: options.timeZone ?? 'America/New_York',
  });
  const otherSiteId = await createSite(db, {
    organizationId,
    name: 'Other',
    timeZone: 'America/Los_Angeles',
  });
  const clinic: TestClinic = { organizationId, siteId, otherSiteId };
  if (!options.withStaff) return clinic;

  const user = (role: StaffRole, extra: Partial<CreateUserOptions> = {}) =>
    createUser(db, {
      role,
      siteIds: [siteId],
      displayName: `Test ${role.replaceAll('_', ' ')}`,
      passwordHash: options.passwordHash,
      ...extra,
    });
  const staff: Partial<Record<StaffRole, string>> = {};
  staff.clinical_supervisor = await user('clinical_supervisor', { withCredentials: true });
  staff.clinician = await user('clinician', {
    supervisorId: staff.clinical_supervisor,
    needsCosignature: true,
  });
  staff.case_manager = await user('case_manager', { supervisorId: staff.clinical_supervisor });
  staff.program_director = await user('program_director', { withCredentials: true });
  for (const role of STAFF_ROLES) {
    if (staff[role] === undefined) staff[role] = await user(role);
  }
  return { ...clinic, staff: staff as Record<StaffRole, string> };
}

export interface BuildPatientOptions {
  siteId: string;
  primaryClinicianId?: string | null;
  status?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  /** Staff with an active caseload assignment; the primary clinician is added automatically. */
  caseloadUserIds?: readonly string[];
  /**
   * Admission paperwork (SPEC §2): complete, recorded by the primary clinician, for a patient with one
   * (an admitted patient has passed the checklist); none otherwise.
   */
  paperwork?: 'complete' | 'none';
}

export interface BuiltPatient {
  id: string;
  mrn: string;
  siteId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export const buildPatient = async (target: Target, options: BuildPatientOptions): Promise<BuiltPatient> => {
  const db = kyselyOf(target);
  const id = randomUUID();
  const mrn = `T${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
  const firstName = options.firstName ?? 'Alex';
  const lastName = options.lastName ?? `Tester${shortId()}`;
  const dateOfBirth = options.dateOfBirth ?? '1990-04-12';
  const primaryClinicianId = options.primaryClinicianId ?? null;
  await db
    .insertInto('patients')
    .values({
      id,
      site_id: options.siteId,
      mrn,
      first_name: firstName,
      last_name: lastName,
      preferred_name: null,
      date_of_birth: dateOfBirth,
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
      status: options.status ?? (primaryClinicianId ? 'active' : 'intake'),
      primary_clinician_id: primaryClinicianId,
      priority_population: null,
      search_text: patientSearchText({ firstName, lastName, preferredName: null, mrn, dateOfBirth }),
      created_at: FIXTURE_TIME,
      updated_at: FIXTURE_TIME,
      version: 1,
    })
    .execute();
  const assignments = [
    ...(primaryClinicianId ? [{ userId: primaryClinicianId, kind: 'primary_clinician' }] : []),
    ...(options.caseloadUserIds ?? [])
      .filter((u) => u !== primaryClinicianId)
      .map((userId) => ({ userId, kind: 'clinician' })),
  ];
  if (assignments.length > 0) {
    await db
      .insertInto('caseload_assignments')
      .values(
        assignments.map((a) => ({
          id: randomUUID(),
          patient_id: id,
          user_id: a.userId,
          kind: a.kind,
          assigned_at: FIXTURE_TIME,
          assigned_by: a.userId,
          ended_at: null,
        })),
      )
      .execute();
  }
  const paperwork = options.paperwork ?? (primaryClinicianId ? 'complete' : 'none');
  if (paperwork === 'complete') {
    const recordedBy = primaryClinicianId ?? options.caseloadUserIds?.[0];
    if (!recordedBy)
      throw new Error('complete paperwork needs a primary clinician or caseload member to record it');
    await completeAdmissionPaperwork(db, id, recordedBy);
  }
  return { id, mrn, siteId: options.siteId, firstName, lastName, dateOfBirth };
};

/** Marks every admission paperwork item complete, so the patient may be admitted. */
export const completeAdmissionPaperwork = async (
  target: Target,
  patientId: string,
  recordedBy: string,
  recordedAt: string = FIXTURE_TIME,
): Promise<void> => {
  await kyselyOf(target)
    .insertInto('admission_paperwork')
    .values(
      PAPERWORK_ITEMS.map((item) => ({
        patient_id: patientId,
        item,
        status: 'complete',
        waived_reason: null,
        recorded_by: recordedBy,
        recorded_at: recordedAt,
      })),
    )
    .execute();
};
